import { stringify } from 'csv-stringify/sync';
import { InviteByEmail } from '../../src-shared/api/team.js';
import type { AccessSearch, BulkItem, BulkRun, StartBulkInvite, StartBulkOffboard } from '../../src-shared/ipc/channels/bulk.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import { capabilityMissing } from '../connectors/capabilities.js';
import type { Connector } from '../connectors/connector.js';
import { ClientdeckError } from '../errors.js';
import type { EventHub } from '../events.js';
import type { DesktopNotification } from '../notifications/notifier.js';
import type { NewOwnerWrite, QueueStore, StoredAction, StoredRun } from '../queue/queue-store.js';
import type { AccountCache } from '../sync/account-cache.js';
import { searchAccess } from './access-search.js';

export interface BulkRunsOptions {
  store: QueueStore;
  connections: { list(): Connection[]; get(id: string): Connection; connectorFor(id: string): Promise<{ connector: Connector }> };
  cache: Pick<AccountCache, 'read'>;
  events: Pick<EventHub, 'changed' | 'emit'>;
  /** Decided by the reconciler: when the queued writes of these connections go out. */
  followUp: BulkFollowUp;
  searchConcurrency?: number;
}

export interface BulkFollowUp {
  /** Writes were queued for these connections; `evenOffline` when the user asked to try now. */
  writesQueued(connectionIds: readonly string[], options?: { evenOffline?: boolean }): void;
}

const MANAGE = 'manage who has access to accounts';

/**
 * Bulk invite and offboarding (docs/ARCHITECTURE.md §3). A run is stored with one queued write
 * per account, all in one transaction and each with its own idempotency key, before anything is
 * sent; the reconciler then sends them in its order. A run's state is read back from the queue
 * every time, so a crash or a restart shows exactly what was done and what still waits.
 */
export class BulkRuns {
  constructor(private readonly options: BulkRunsOptions) {}

  invite(input: StartBulkInvite): BulkRun {
    const invitation = InviteByEmail.parse({ email: input.email, ...input.grant });
    const writes = this.#targets(input.targets).map(({ connectionId, account }): NewOwnerWrite => ({
      connectionId,
      accountId: account.id,
      summary: `Invite ${invitation.email} to ${account.name}`,
      write: { kind: 'team.invite', accountName: account.name, invitation },
    }));
    return this.#start({ kind: 'invite', email: invitation.email, grant: input.grant }, writes);
  }

  findAccess(email: string): Promise<AccessSearch> {
    return searchAccess(email, { ...this.options, concurrency: this.options.searchConcurrency });
  }

  /** Removes the person's membership, or withdraws their pending invitation, on each chosen account. */
  offboard(input: StartBulkOffboard): BulkRun {
    const chosen = new Map(input.targets.map((t) => [`${t.connectionId}\u0000${t.accountId}`, t]));
    const writes = this.#targets(input.targets).map(({ connectionId, account }): NewOwnerWrite => {
      const target = chosen.get(`${connectionId}\u0000${account.id}`)!;
      const common = { accountName: account.name, email: input.email };
      return 'userId' in target
        ? {
            connectionId,
            accountId: account.id,
            summary: `Remove ${input.email} from ${account.name}`,
            write: { kind: 'team.revoke', userId: target.userId, ...common },
          }
        : {
            connectionId,
            accountId: account.id,
            summary: `Withdraw the invitation of ${input.email} to ${account.name}`,
            write: { kind: 'team.cancelInvitation', invitationId: target.invitationId, ...common },
          };
    });
    return this.#start({ kind: 'offboard', email: input.email, grant: null }, writes);
  }

  get(runId: string): BulkRun {
    const run = this.options.store.getRun(runId);
    if (!run) throw new ClientdeckError('not_found', 'This bulk change is no longer kept (its connection may have been removed).');
    return this.#view(run);
  }

  list(): BulkRun[] {
    return this.options.store.runs().map((run) => this.#view(run));
  }

  /** The refused accounts are queued again, and everything of the run that waits is sent now. */
  retry(runId: string): BulkRun {
    const run = this.get(runId);
    this.options.store.requeueRejected(runId);
    this.options.events.changed(['queue', 'bulk']);
    this.options.followUp.writesQueued(
      run.items.map((i) => i.connectionId),
      { evenOffline: true },
    );
    return this.get(runId);
  }

  /**
   * An owner write of a run was settled (the replayer's hook). When it was the run's last one,
   * the user hears how the run ended: it may finish long after they left the view (a provider
   * that came back hours later).
   */
  settled(action: StoredAction): void {
    if (!action.runId) return;
    const run = this.options.store.getRun(action.runId);
    if (!run) return;
    const items = this.options.store.runActions(run.id);
    if (items.some((a) => a.state === 'queued' || a.state === 'sending')) return;
    const refused = items.filter((a) => a.state === 'rejected').length;
    const notification: DesktopNotification = {
      // One per way a run ended, so a retry that ends differently is told again.
      id: `bulk:${run.id}:${items.length - refused}:${refused}`,
      title: run.kind === 'invite' ? `Invitations for ${run.email} sent` : `${run.email} removed`,
      body: `${items.length - refused} of ${items.length} accounts done${refused > 0 ? `, ${refused} refused: open Bulk changes to retry` : ''}.`,
      navigate: { view: 'bulk' },
    };
    this.options.events.emit('notification', notification);
  }

  summaryCsv(runId: string): { fileName: string; csv: string } {
    const run = this.get(runId);
    const rows = run.items.map((i) => [i.accountName, i.providerLabel, i.accountId, i.state, i.reasonCode ?? '', i.reason ?? '', i.attempts, i.updatedAt]);
    const csv = stringify([['account', 'provider', 'account_id', 'outcome', 'reason_code', 'reason', 'attempts', 'updated_at'], ...rows]);
    return { fileName: `clientdeck-${run.kind}-${run.email.replace(/[^a-z0-9.-]+/gi, '_')}-${run.createdAt.slice(0, 10)}.csv`, csv };
  }

  #start(run: Omit<StoredRun, 'id' | 'createdAt'>, writes: NewOwnerWrite[]): BulkRun {
    const stored = this.options.store.enqueueRun(run, writes);
    this.options.events.changed(['queue', 'bulk']);
    this.options.followUp.writesQueued(writes.map((w) => w.connectionId));
    return this.#view(stored);
  }

  /** Every target checked before anything is stored: a run is queued whole or refused whole. */
  #targets(targets: ReadonlyArray<{ connectionId: string; accountId: string }>) {
    const seen = new Set<string>();
    const out: Array<{ connectionId: string; account: { id: string; name: string } }> = [];
    for (const { connectionId, accountId } of targets) {
      const key = `${connectionId}\u0000${accountId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const connection = this.options.connections.get(connectionId);
      if (!connection.capabilities.includes('users.manage')) throw capabilityMissing(connection.label, MANAGE);
      const account = this.options.cache.read(connectionId).accounts.find((a) => a.id === accountId);
      if (!account) throw new ClientdeckError('not_found', `One of the chosen accounts is no longer listed by ${connection.label}. Sync and choose again.`);
      out.push({ connectionId, account: { id: account.id, name: account.name } });
    }
    return out;
  }

  #view(run: StoredRun): BulkRun {
    const labels = new Map(this.options.connections.list().map((c) => [c.id, c.label]));
    const items: BulkItem[] = this.options.store.runActions(run.id).map((a) => ({
      actionId: a.id,
      connectionId: a.connectionId,
      providerLabel: labels.get(a.connectionId) ?? '',
      accountId: a.accountId ?? '',
      accountName: a.write?.accountName ?? a.summary,
      state: a.state,
      reason: a.reason,
      reasonCode: a.reasonCode,
      attempts: a.attempts,
      updatedAt: a.updatedAt,
    }));
    return { id: run.id, kind: run.kind, email: run.email, grant: run.grant, createdAt: run.createdAt, items };
  }
}
