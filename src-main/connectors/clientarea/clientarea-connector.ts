import { AccountPage, QuietTagHeaders } from '../../../src-shared/api/accounts.js';
import { IncomingInvitationPage, InvitationAnswerResponse, type IncomingInvitation } from '../../../src-shared/api/invitations.js';
import type { InvitationAnswer } from '../../../src-shared/api/primitives.js';
import type { User } from '../../../src-shared/api/users.js';
import type { AccountPageRequest, AccountPageResult, Connector, RequestOptions, SignInOptions } from '../connector.js';
import { ApiSession, LIST_PAGE, seg, withQuery, type ApiSessionOptions } from './api-session.js';
import { ClientareaAccessPolicy } from './access-policy.js';
import { ClientareaAccessRequests } from './access-requests.js';
import { ClientareaAudit } from './audit.js';
import { ClientareaContacts } from './contacts.js';
import { ClientareaManagedUsers } from './managed-users.js';
import { ClientareaProducts } from './products.js';
import { ClientareaSso } from './sso.js';
import { ClientareaTeam } from './team.js';

export type ClientareaConnectorOptions = ApiSessionOptions;

/**
 * The native connector: speaks the Client Area Access API (docs/ARCHITECTURE.md §10). The API is
 * the reference, so this connector has every part; each part is its own file and shares the one
 * signed-in session.
 */
export class ClientareaConnector implements Connector {
  readonly kind = 'clientarea' as const;
  readonly invitationsFromLinks = false;
  readonly #api: ApiSession;
  readonly team: ClientareaTeam;
  readonly managedUsers: ClientareaManagedUsers;
  readonly contacts: ClientareaContacts;
  readonly audit: ClientareaAudit;
  readonly products: ClientareaProducts;
  readonly sso: ClientareaSso;
  readonly accessPolicy: ClientareaAccessPolicy;
  readonly accessRequests: ClientareaAccessRequests;

  constructor(options: ClientareaConnectorOptions) {
    this.#api = new ApiSession(options);
    this.team = new ClientareaTeam(this.#api);
    this.managedUsers = new ClientareaManagedUsers(this.#api);
    this.contacts = new ClientareaContacts(this.#api);
    this.audit = new ClientareaAudit(this.#api);
    this.products = new ClientareaProducts(this.#api);
    this.sso = new ClientareaSso(this.#api);
    this.accessPolicy = new ClientareaAccessPolicy(this.#api);
    this.accessRequests = new ClientareaAccessRequests(this.#api);
  }

  signIn(email: string, password: string, options: SignInOptions = {}): Promise<User> {
    return this.#api.signIn(email, password, options);
  }

  refresh(options: RequestOptions = {}): Promise<void> {
    return this.#api.refresh(options);
  }

  signOut(): Promise<void> {
    return this.#api.signOut();
  }

  probe(options: RequestOptions = {}): Promise<boolean> {
    return this.#api.probe(options);
  }

  async listAccountsPage(request: AccountPageRequest, options: RequestOptions = {}): Promise<AccountPageResult> {
    const url = withQuery('/accounts', { limit: request.limit, cursor: request.cursor, updatedSince: request.updatedSince });
    const headers: Record<string, string> = request.ifNoneMatch ? { 'If-None-Match': request.ifNoneMatch } : {};
    const answer = await this.#api.authorizedRaw({ method: 'GET', url, headers, signal: options.signal }, request.ifNoneMatch ? [304] : []);
    if (answer.status === 304) return { notModified: true };
    const page = this.#api.parse(AccountPage, answer.data, '/accounts');
    const etag = answer.headers.etag;
    // An older provider sends no quiet tag, and a malformed one is only not used: the next re-sync asks plainly.
    const quiet = QuietTagHeaders.safeParse(answer.headers);
    return {
      notModified: false,
      items: page.items,
      nextCursor: page.nextCursor,
      etag: typeof etag === 'string' && etag.length > 0 ? etag : null,
      ...(quiet.success ? { quietEtag: { updatedSince: quiet.data['quiet-since'], etag: quiet.data['quiet-etag'] } } : {}),
    };
  }

  listIncomingInvitations(options: RequestOptions = {}): Promise<IncomingInvitation[]> {
    return this.#api.listAll(IncomingInvitationPage, '/invitations', { signal: options.signal, limit: LIST_PAGE });
  }

  answerInvitation(invitationId: string, answer: InvitationAnswer, idempotencyKey: string, options: RequestOptions = {}) {
    return this.#api.authorized(InvitationAnswerResponse, {
      method: 'POST',
      url: `/invitations/${seg(invitationId)}/${answer}`,
      headers: { 'Idempotency-Key': idempotencyKey },
      data: {},
      signal: options.signal,
    });
  }
}
