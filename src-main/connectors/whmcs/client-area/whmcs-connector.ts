import { createHash } from 'node:crypto';
import type { Account } from '../../../../src-shared/api/accounts.js';
import type { IncomingInvitation, InvitationAnswerResponse } from '../../../../src-shared/api/invitations.js';
import { effectivePermissions } from '../../../../src-shared/api/permissions.js';
import type { InvitationAnswer } from '../../../../src-shared/api/primitives.js';
import type { User } from '../../../../src-shared/api/users.js';
import { ClientdeckError } from '../../../errors.js';
import type { AccountPageRequest, AccountPageResult, Connector, RequestOptions, SignInOptions } from '../../connector.js';
import { AccountSummaries } from './account-summaries.js';
import { WhmcsContacts } from './contacts.js';
import { unrecognisedPage } from './failures.js';
import { acceptInvitationLink } from './invitation-link.js';
import { WhmcsPanel } from './panel-entry.js';
import { kindOf, parseHomeCounts, type SwitchAccountRow } from './pages.js';
import { WhmcsSession, type WhmcsSessionOptions } from './session.js';
import { WhmcsTeam } from './team.js';

export interface WhmcsConnectorOptions extends WhmcsSessionOptions {
  /** Accounts' home pages read at once for their counts. */
  summaryConcurrency?: number;
  clock?: () => Date;
}

const NO_COUNTS = { services: 0, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 0 };

/**
 * The `whmcs` connector: a user's own login at a WHMCS client area, spoken through its pages as a
 * browser would (WHMCS has no user-level API). Accounts are the Switch Account list; each one's
 * counts come from its home page, in the background. WHMCS keeps no list of a user's incoming
 * invitations: an invitation is accepted from its mailed link (`answerInvitation` with the link's
 * token). The owner's User Management is the `team` part (`team.ts`), the Contacts page the `contacts`
 * part (`contacts.ts`).
 */
export class WhmcsConnector implements Connector {
  readonly kind = 'whmcs' as const;
  readonly invitationsFromLinks = true;
  readonly #session: WhmcsSession;
  readonly #summaries: AccountSummaries;
  readonly #clock: () => Date;
  /** When each account was first listed: its `updatedAt` until counts arrive. */
  readonly #firstSeen = new Map<string, string>();
  #snapshot: Account[] = [];
  readonly team: WhmcsTeam;
  readonly contacts: WhmcsContacts;
  readonly sso: WhmcsPanel;

  constructor(options: WhmcsConnectorOptions) {
    this.#session = new WhmcsSession(options);
    this.#clock = options.clock ?? (() => new Date());
    this.team = new WhmcsTeam(this.#session, this.#clock);
    this.contacts = new WhmcsContacts(this.#session, this.#clock);
    this.sso = new WhmcsPanel(this.#session, this.#clock);
    this.#summaries = new AccountSummaries({
      fetch: (accountId) => this.#session.exclusive(() => this.#readCounts(accountId)),
      logger: options.logger,
      provider: this.#session.provider,
      concurrency: options.summaryConcurrency ?? 1,
      clock: this.#clock,
    });
  }

  signIn(email: string, password: string, options: SignInOptions = {}): Promise<User> {
    return this.#session.signIn(email, password, options);
  }

  refresh(options: RequestOptions = {}): Promise<void> {
    return this.#session.refresh(options);
  }

  signOut(): Promise<void> {
    return this.#session.signOut();
  }

  probe(options: RequestOptions = {}): Promise<boolean> {
    return this.#session.probe(options);
  }

  /** Resolves once every count asked for has been fetched (or failed): for tests and the bench. */
  summariesSettled(): Promise<void> {
    return this.#summaries.settled();
  }

  /**
   * The Switch Account page lists every account at once, so the first page reads it and later
   * pages are cut from that reading. The tag covers names, roles and counts: a re-sync whose
   * list and counts did not change answers "not modified".
   */
  async listAccountsPage(request: AccountPageRequest, options: RequestOptions = {}): Promise<AccountPageResult> {
    if (request.cursor === null) {
      const rows = await this.#session.exclusive(() => this.#session.accountList(options.signal));
      this.#snapshot = rows.filter((row) => !row.closed).map((row) => this.#account(row));
    }
    const start = request.cursor === null ? 0 : Number(request.cursor);
    if (!Number.isInteger(start) || start < 0)
      throw new ClientdeckError('invalid_message', 'This page of the accounts list does not exist any more. Sync again.');
    const items = this.#snapshot.slice(start, start + request.limit);
    const next = start + request.limit < this.#snapshot.length ? String(start + request.limit) : null;
    const etag = `"${createHash('sha256').update(JSON.stringify(this.#snapshot)).digest('base64url').slice(0, 27)}"`;
    if (request.ifNoneMatch === etag) return { notModified: true };
    return { notModified: false, items, nextCursor: next, etag };
  }

  listIncomingInvitations(): Promise<IncomingInvitation[]> {
    // WHMCS mails the invitee a one-time link and keeps no list the invitee could read.
    return Promise.resolve([]);
  }

  answerInvitation(invitationId: string, answer: InvitationAnswer, _idempotencyKey: string, options: RequestOptions = {}): Promise<InvitationAnswerResponse> {
    if (answer === 'decline') {
      // The link itself is single-use and expires: not following it is WHMCS's decline.
      throw new ClientdeckError('not_supported', 'WHMCS does not offer declining an invitation: ignore the mail and the link expires by itself.');
    }
    return this.#session.exclusive(async () => {
      const result = await acceptInvitationLink(this.#session, invitationId, this.#clock(), options.signal);
      return { invitation: result.invitation, account: result.account ? this.#account(result.account) : null };
    });
  }

  #account(row: SwitchAccountRow): Account {
    const known = this.#summaries.get(row.id);
    let firstSeen = this.#firstSeen.get(row.id);
    if (!firstSeen) {
      firstSeen = this.#clock().toISOString();
      this.#firstSeen.set(row.id, firstSeen);
    }
    const role = row.owner ? 'owner' : 'member';
    const account: Account = {
      id: row.id,
      name: row.name,
      role,
      // WHMCS shows a user their own permissions nowhere but to the owner: an owner holds them all.
      permissions: effectivePermissions(role, []),
      scope: null,
      summary: known
        ? {
            services: known.counts.services,
            domainsExpiringSoon: known.counts.domains,
            unpaidInvoices: known.counts.unpaidInvoices,
            openTickets: known.counts.openTickets,
          }
        : NO_COUNTS,
      updatedAt: known ? known.fetchedAt.toISOString() : firstSeen,
    };
    // Until its home page was read, an account's counts are unknown, not zero.
    return known ? account : { ...account, summaryPending: true };
  }

  async #readCounts(accountId: string) {
    // The switch lands on the account's home: its tiles are read there, without asking again.
    const landed = await this.#session.useAccount(accountId);
    const page = landed && parseHomeCounts(landed) ? landed : await this.#session.page('clientarea.php');
    const counts = kindOf(page) === 'signed_in' ? parseHomeCounts(page) : null;
    if (!counts) throw unrecognisedPage(this.#session.provider, 'account home', page, this.#session.logger);
    return counts;
  }
}
