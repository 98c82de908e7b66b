import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import type { BulkItem, BulkRun } from '../../src-shared/ipc/channels/bulk.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';

/** Where a run stands: what reached its provider, what was refused, what still waits. */
export interface RunProgress {
  total: number;
  done: number;
  refused: number;
  waiting: number;
  /** Done or refused: the accounts that have an outcome. */
  settled: number;
  /** Nothing waits any more (a refused account can still be retried). */
  finished: boolean;
}

export function runProgress(run: Pick<BulkRun, 'items'>): RunProgress {
  let done = 0;
  let refused = 0;
  for (const item of run.items) {
    if (item.state === 'done') done++;
    else if (item.state === 'rejected') refused++;
  }
  const total = run.items.length;
  const settled = done + refused;
  return { total, done, refused, waiting: total - settled, settled, finished: settled === total };
}

/** A refused account can be queued again; one waiting is sent again now (e.g. after the provider is back). */
export function canRetry(run: Pick<BulkRun, 'items'>): boolean {
  return run.items.some((i) => i.state === 'rejected' || i.state === 'queued');
}

/** The outcome word of an item, as a key of `bulk.state`. */
export function itemState(item: Pick<BulkItem, 'state' | 'attempts'>): 'waiting' | 'heldBack' | 'sending' | 'done' | 'refused' {
  if (item.state === 'done') return 'done';
  if (item.state === 'rejected') return 'refused';
  if (item.state === 'sending') return 'sending';
  // Queued after a try: the provider could not be asked, and it is sent when it can.
  return item.attempts > 0 ? 'heldBack' : 'waiting';
}

export interface PickableGroup {
  connection: Connection;
  accounts: ListedAccount[];
}

/**
 * What a bulk invite can reach: the accounts the user owns or administers, on connections whose
 * connector has the team part, grouped by connection; the connections without it, to be named.
 */
export function pickableAccounts(accounts: readonly ListedAccount[], connections: readonly Connection[]): { groups: PickableGroup[]; unable: Connection[] } {
  const groups: PickableGroup[] = [];
  const unable: Connection[] = [];
  for (const connection of connections) {
    if (!connection.capabilities.includes('users.manage')) {
      unable.push(connection);
      continue;
    }
    const managed = accounts
      .filter((a) => a.connectionId === connection.id && (a.role === 'owner' || a.role === 'admin'))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (managed.length > 0) groups.push({ connection, accounts: managed });
  }
  return { groups, unable };
}

/** The key of a chosen account: two providers may reuse an account id. */
export const targetKey = (connectionId: string, accountId: string) => `${connectionId}\u0000${accountId}`;

/** The end of the chosen day (a `yyyy-mm-dd` from a date field) in the user's time zone, as the API's instant. */
export function endOfDay(date: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}
