import type { IncomingInvitation, InvitationAnswerResponse } from '../../../../src-shared/api/invitations.js';
import type { InvitationAnswer } from '../../../../src-shared/api/primitives.js';
import type { User } from '../../../../src-shared/api/users.js';
import { ClientdeckError } from '../../../errors.js';
import type { AccountPageRequest, AccountPageResult, Connector, RequestOptions, SignInOptions } from '../../connector.js';
import { AdminApi, type AdminApiOptions } from './admin-api.js';
import { splitSecretAndAccessKey } from './admin-credential.js';
import { clientsPage } from './client-accounts.js';
import { WhmcsAdminContacts } from './contacts.js';
import { WhmcsAdminSso } from './sso.js';
import { WhmcsAdminTeam } from './team.js';

export type WhmcsAdminConnectorOptions = AdminApiOptions;

/**
 * The `whmcs-admin` kind: the provider's staff, or a reseller, with WHMCS API credentials
 * (docs/ARCHITECTURE.md §7). It sees every client of the installation. Its parts are the ones the
 * admin API serves: team, contacts and SSO; services, audit and managed users are left out, so
 * the UI hides them for these connections.
 */
export class WhmcsAdminConnector implements Connector {
  readonly kind = 'whmcs-admin' as const;
  readonly invitationsFromLinks = false;
  readonly #api: AdminApi;
  readonly team: WhmcsAdminTeam;
  readonly contacts: WhmcsAdminContacts;
  readonly sso: WhmcsAdminSso;

  constructor(options: WhmcsAdminConnectorOptions) {
    this.#api = new AdminApi(options);
    this.team = new WhmcsAdminTeam(this.#api);
    this.contacts = new WhmcsAdminContacts(this.#api, this.team);
    this.sso = new WhmcsAdminSso(this.#api);
  }

  /**
   * `identifier` is the API identifier; `password` the API secret (the access key in
   * `options.accessKey`, as the add-provider form sends it), or the secret and the access
   * key joined by `joinSecretAndAccessKey` where the installation restricts IPs and the caller's is
   * not allowed.
   */
  async signIn(identifier: string, password: string, options: SignInOptions = {}): Promise<User> {
    // Signing in again gets the login the connection list keeps, lower-cased; WHMCS wants the identifier as first typed.
    const typed = identifier.trim();
    const stored = await this.#api.storedCredential();
    const same = stored !== null && stored.identifier.toLowerCase() === typed.toLowerCase();
    const given = splitSecretAndAccessKey(password);
    // Signing in again with the secret alone keeps the installation's access key: it has not changed.
    const accessKey = options.accessKey ?? given.accessKey ?? (same ? stored.accessKey : undefined);
    await this.#api.signIn({ identifier: same ? stored.identifier : typed, secret: given.secret, ...(accessKey ? { accessKey } : {}) }, options);
    return this.#user();
  }

  async refresh(): Promise<void> {
    await this.#api.load();
  }

  async signOut(): Promise<void> {
    this.#api.forget();
  }

  probe(options: RequestOptions = {}): Promise<boolean> {
    return this.#api.probe(options);
  }

  listAccountsPage(request: AccountPageRequest, options: RequestOptions = {}): Promise<AccountPageResult> {
    return clientsPage(this.#api, request, options.signal);
  }

  /** The admin API acts for the provider, never as an invitee: nobody invites API credentials. */
  async listIncomingInvitations(): Promise<IncomingInvitation[]> {
    return [];
  }

  answerInvitation(_invitationId: string, _answer: InvitationAnswer, _idempotencyKey: string): Promise<InvitationAnswerResponse> {
    return Promise.reject(
      new ClientdeckError(
        'not_supported',
        'WHMCS API credentials cannot answer invitations: the admin API has no invitee. Answer it with a client-area login instead.',
      ),
    );
  }

  #user(): User {
    const identifier = this.#api.identifier ?? '';
    return { id: identifier, email: identifier, name: `WHMCS API (${this.#api.provider})`, customerNumber: '', status: 'active' };
  }
}
