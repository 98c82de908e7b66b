import { describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { BulkItem } from '../../../src-shared/ipc/channels/bulk.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import { canRetry, endOfDay, itemState, pickableAccounts, runProgress } from '../../../src-renderer/bulk/bulk-progress.js';

const T = '2026-12-01T10:00:00.000Z';
const item = (state: BulkItem['state'], attempts = 0): BulkItem => ({
  actionId: `q-${state}-${attempts}-${Math.random()}`,
  connectionId: 'c1',
  providerLabel: 'P',
  accountId: 'a',
  accountName: 'A',
  state,
  reason: state === 'rejected' ? 'No.' : null,
  reasonCode: state === 'rejected' ? 'forbidden' : null,
  attempts,
  updatedAt: T,
});

describe("a bulk run's state on screen", () => {
  it('counts what has an outcome, what was refused and what still waits, and is finished only when nothing waits', () => {
    const run = { items: [item('done', 1), item('rejected', 1), item('queued', 1), item('sending', 2), item('queued')] };
    expect(runProgress(run)).toEqual({ total: 5, done: 1, refused: 1, waiting: 3, settled: 2, finished: false });
    expect(runProgress({ items: [item('done', 1), item('rejected', 1)] })).toMatchObject({ finished: true, settled: 2, waiting: 0 });
    expect(runProgress({ items: [] })).toMatchObject({ total: 0, finished: true });
  });

  it('offers a retry while something was refused or still waits, not once everything is done', () => {
    expect(canRetry({ items: [item('done', 1), item('rejected', 1)] })).toBe(true);
    expect(canRetry({ items: [item('done', 1), item('queued', 1)] })).toBe(true);
    expect(canRetry({ items: [item('done', 1), item('sending', 1)] })).toBe(false);
    expect(canRetry({ items: [item('done', 1), item('done', 1)] })).toBe(false);
  });

  it('tells an account still waiting its turn from one whose provider could not be asked', () => {
    expect(itemState(item('queued'))).toBe('waiting');
    expect(itemState(item('queued', 2))).toBe('heldBack');
    expect(itemState(item('sending', 1))).toBe('sending');
    expect(itemState(item('done', 1))).toBe('done');
    expect(itemState(item('rejected', 1))).toBe('refused');
  });
});

describe('what a bulk invite can reach', () => {
  const connection = (id: string, manages: boolean): Connection => ({
    id,
    label: id,
    baseUrl: 'http://127.0.0.1:1',
    kind: 'clientarea',
    email: 'me@x.example',
    isDemo: false,
    capabilities: manages ? ['accounts.list', 'users.manage'] : ['accounts.list'],
    createdAt: T,
  });
  const account = (connectionId: string, id: string, name: string, role: ListedAccount['role']): ListedAccount => ({
    id,
    name,
    role,
    permissions: [],
    scope: null,
    summary: { services: 0, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 0 },
    updatedAt: T,
    connectionId,
    providerLabel: connectionId,
    favourite: false,
    lastOpenedAt: null,
    domains: [],
  });

  it('lists the accounts the user owns or administers per connection, by name, and names the connections that cannot', () => {
    const { groups, unable } = pickableAccounts(
      [
        account('c1', 'a2', 'Zeta', 'admin'),
        account('c1', 'a1', 'Alpha', 'owner'),
        account('c1', 'a3', 'Member only', 'member'),
        account('c2', 'b1', 'Beta', 'owner'),
      ],
      [connection('c1', true), connection('c2', false), connection('c3', true)],
    );
    expect(groups.map((g) => [g.connection.id, g.accounts.map((a) => a.name)])).toEqual([['c1', ['Alpha', 'Zeta']]]);
    expect(unable.map((c) => c.id)).toEqual(['c2']);
  });

  it('ends the access at the end of the chosen day in the local time zone, and refuses what is no date', () => {
    const end = new Date(endOfDay('2027-03-14')!);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2027, 2, 14, 23, 59]);
    expect(endOfDay('')).toBeNull();
    expect(endOfDay('14/03/2027')).toBeNull();
  });
});
