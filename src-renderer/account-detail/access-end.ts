/**
 * What the app needs to show and pick when access ends (docs/ARCHITECTURE.md §9 "Expiring
 * access"): which connections can do it, and the day a person picks turned into the instant the
 * provider stores. A picked day is the last day of access: it ends when that day ends, locally.
 */
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import { useConnections } from '../connections/connections-store.js';
import { abilitiesFor } from './abilities.js';
import { timeLeft, type TimeLeft } from '../invitations/time-left.js';

export interface AccessPolicyAbilities {
  /** Grants and invitations may carry an end, and the end may be moved. */
  ends: boolean;
  /** The allowed invitation domains can be read and changed (the owner's alone). */
  domains: boolean;
}

export function accessPolicyFor(
  row: Pick<ListedAccount, 'role' | 'permissions'>,
  connection: Pick<Connection, 'capabilities'> | undefined,
): AccessPolicyAbilities {
  const capable = connection?.capabilities.includes('access_policy') ?? false;
  return { ends: capable && abilitiesFor(row, connection).manageUsers, domains: capable && row.role === 'owner' };
}

/** The same, for the connection of the open account. */
export function useAccessPolicy(row: Pick<ListedAccount, 'role' | 'permissions' | 'connectionId'>): AccessPolicyAbilities {
  const connection = useConnections((s) => s.connections.find((c) => c.id === row.connectionId));
  return accessPolicyFor(row, connection);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date input's value (`YYYY-MM-DD`) for a local day. */
export function dayInputOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first day an end may fall on: tomorrow, so an end picked today never lies in the past. */
export function firstEndDay(now: Date): string {
  return dayInputOf(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
}

/** The instant access ends for a picked last day: the end of that local day, as an ISO timestamp; null for an invalid day. */
export function endOfDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  return Number.isNaN(end.getTime()) || dayInputOf(end) !== day ? null : end.toISOString();
}

/** Whether a picked day is a valid last day of access from `now` on. */
export function isFutureDay(day: string, now: Date): boolean {
  const end = endOfDay(day);
  return end !== null && day >= firstEndDay(now);
}

/** The i18n key of the time a grant or an invitation's access has left. */
export function accessLeftKey(left: TimeLeft): string {
  if (left.unit === 'expired') return 'expiry.ended';
  return left.unit === 'days' ? 'expiry.endsDays' : left.unit === 'hours' ? 'expiry.endsHours' : 'expiry.endsMinutes';
}

export { timeLeft };
