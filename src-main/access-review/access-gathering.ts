import type { Account } from '../../src-shared/api/accounts.js';
import type { AccountUser, OutgoingInvitation } from '../../src-shared/api/team.js';
import type { AccessReview, ReviewedAccess, ReviewGap, ReviewProgress } from '../../src-shared/ipc/channels/access-review.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { IpcErrorCode } from '../../src-shared/ipc/errors.js';
import type { Connections } from '../connections/connections.js';
import { capabilityMissing, PART_CAPABILITIES } from '../connectors/capabilities.js';
import type { AccessPolicyPart, TeamPart } from '../connectors/connector.js';
import { isClientdeckError } from '../errors.js';
import type { AccountCache } from '../sync/account-cache.js';
import { Limiter } from '../sync/limiter.js';

/** Where the review reads from: the configured connections and the accounts the last sync cached. */
export interface ReviewSources {
  connections: Pick<Connections, 'list' | 'connectorFor'>;
  cache: Pick<AccountCache, 'read'>;
}

export interface GatherOptions {
  /** Accounts asked at once, across all connections. */
  concurrency: number;
  onProgress(progress: ReviewProgress): void;
  clock: () => Date;
}

/** What the review's sentence says a connection without the team part does not let Clientdeck do. */
export const REVIEW_WHAT = 'show who has access to accounts';

/**
 * Failures that say the whole connection cannot answer (offline, signed out): its other accounts
 * are not asked, and the connection is listed once instead of once per account.
 */
const CONNECTION_WIDE: ReadonlySet<IpcErrorCode> = new Set(['provider_unreachable', 'needs_sign_in', 'wrong_credentials', 'rate_limited']);

/** An account the user owns, or administers with the right to manage its users (others cannot list them). */
export function isReviewable(account: Pick<Account, 'role' | 'permissions'>): boolean {
  return account.role === 'owner' || (account.role === 'admin' && account.permissions.includes('users.manage'));
}

/**
 * Asks every connection with the team part for the users of each account the user runs, a few
 * accounts at a time, and puts what it could not ask in `gaps` with the reason in a sentence.
 */
export async function gatherAccess(sources: ReviewSources, options: GatherOptions): Promise<AccessReview> {
  const limiter = new Limiter(options.concurrency);
  const rows: ReviewedAccess[][] = [];
  const gaps: ReviewGap[] = [];
  const plans: Array<{ connection: Connection; accounts: Account[] }> = [];

  for (const connection of sources.connections.list()) {
    if (!connection.capabilities.includes(PART_CAPABILITIES.team)) {
      const refusal = capabilityMissing(connection.label, REVIEW_WHAT);
      gaps.push({ connectionId: connection.id, account: null, code: refusal.code, reason: refusal.message });
      continue;
    }
    const accounts = sources.cache.read(connection.id).accounts.filter(isReviewable);
    if (accounts.length > 0) plans.push({ connection, accounts });
  }

  const total = plans.reduce((sum, plan) => sum + plan.accounts.length, 0);
  const progress = new ProgressReport(total, options.onProgress);
  await Promise.all(plans.map((plan) => reviewConnection(sources, plan, limiter, progress, rows, gaps)));
  progress.finish();

  return { rows: rows.flat(), gaps, accountsReviewed: total, gatheredAt: options.clock().toISOString() };
}

async function reviewConnection(
  sources: ReviewSources,
  { connection, accounts }: { connection: Connection; accounts: Account[] },
  limiter: Limiter,
  progress: ProgressReport,
  rows: ReviewedAccess[][],
  gaps: ReviewGap[],
): Promise<void> {
  let team: TeamPart;
  let policy: AccessPolicyPart | undefined;
  try {
    const { connector } = await sources.connections.connectorFor(connection.id);
    if (!connector.team) throw capabilityMissing(connection.label, REVIEW_WHAT);
    team = connector.team;
    policy = connector.accessPolicy;
  } catch (error) {
    gaps.push({ connectionId: connection.id, account: null, ...failureOf(error) });
    progress.advance(accounts.length);
    return;
  }

  let stopped = false;
  await Promise.all(
    accounts.map((account) =>
      limiter.run(async () => {
        try {
          if (stopped) return;
          const [users, invitations, domains] = await Promise.all([
            team.listUsers(account.id),
            team.listInvitations(account.id),
            allowedDomains(policy, account),
          ]);
          rows.push(accessRows(connection.id, account, users, invitations, domains));
        } catch (error) {
          const failure = failureOf(error);
          if (CONNECTION_WIDE.has(failure.code)) {
            if (!stopped) gaps.push({ connectionId: connection.id, account: null, ...failure });
            stopped = true;
          } else {
            gaps.push({ connectionId: connection.id, account: { id: account.id, name: account.name }, ...failure });
          }
        } finally {
          progress.advance(1);
        }
      }),
    ),
  );
}

/**
 * The account's allowed invitation domains, where the provider has the access-policy part and
 * lets this login read them (the owner's setting: an admin is refused, and is told nothing).
 */
async function allowedDomains(policy: AccessPolicyPart | undefined, account: Account): Promise<string[] | null> {
  if (!policy || account.role !== 'owner') return null;
  try {
    return (await policy.invitationDomains(account.id)).domains;
  } catch (error) {
    if (isClientdeckError(error) && (error.code === 'forbidden' || error.code === 'not_supported')) return null;
    throw error;
  }
}

/** The account's users as review rows, each with who invited them where an accepted invitation says so. */
export function accessRows(
  connectionId: string,
  account: Pick<Account, 'id' | 'name'>,
  users: AccountUser[],
  invitations: OutgoingInvitation[],
  domains: string[] | null = null,
): ReviewedAccess[] {
  const inviterByEmail = new Map<string, { at: string; by: OutgoingInvitation['invitedBy'] }>();
  for (const invitation of invitations) {
    if (invitation.status !== 'accepted' || !invitation.email) continue;
    const email = invitation.email.toLowerCase();
    const at = invitation.answeredAt ?? invitation.sentAt;
    const known = inviterByEmail.get(email);
    // The latest accepted invitation is the one the current grant came from.
    if (!known || known.at < at) inviterByEmail.set(email, { at, by: invitation.invitedBy });
  }
  return users.map((user) => ({
    connectionId,
    account: { id: account.id, name: account.name },
    user,
    grantedBy: user.origin === 'invitation' ? (inviterByEmail.get(user.email.toLowerCase())?.by ?? null) : null,
    allowedDomains: domains,
  }));
}

function failureOf(error: unknown): { code: IpcErrorCode; reason: string } {
  if (isClientdeckError(error)) return { code: error.code, reason: error.message };
  return { code: 'internal_error', reason: 'Clientdeck could not read who has access here. Try again; if it keeps failing, report a problem.' };
}

/** Progress at most every 100 ms (and always at the end): 50,000 accounts must not mean 50,000 events. */
class ProgressReport {
  #done = 0;
  #lastSent = 0;

  constructor(
    private readonly total: number,
    private readonly send: (progress: ReviewProgress) => void,
  ) {
    send({ done: 0, total });
  }

  advance(count: number): void {
    this.#done += count;
    const now = performance.now();
    if (now - this.#lastSent >= 100) {
      this.#lastSent = now;
      this.send({ done: this.#done, total: this.total });
    }
  }

  finish(): void {
    this.send({ done: this.#done, total: this.total });
  }
}
