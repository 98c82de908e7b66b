import type { Role } from '../../src-shared/api/permissions.js';
import type { AccountRow } from '../../src-shared/ipc/contract.js';

export interface AccountFilter {
  query: string;
  connectionId: string | null;
  role: Role | null;
}

export const NO_FILTER: AccountFilter = { query: '', connectionId: null, role: null };

/** Case- and accent-insensitive form, so "societe" finds "Société". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The rows sorted by name, each with its folded search text computed once per sync, not per keystroke. */
export interface AccountIndex {
  rows: AccountRow[];
  haystacks: string[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function indexAccounts(rows: readonly AccountRow[]): AccountIndex {
  const sorted = [...rows].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.providerLabel, b.providerLabel));
  return { rows: sorted, haystacks: sorted.map((r) => foldText(`${r.name}\n${r.providerLabel}`)) };
}

/** Every word of the query must appear in the name or the provider. */
export function filterAccounts(index: AccountIndex, filter: AccountFilter): AccountRow[] {
  const words = foldText(filter.query).split(/\s+/).filter(Boolean);
  if (words.length === 0 && !filter.connectionId && !filter.role) return index.rows;
  const out: AccountRow[] = [];
  for (let i = 0; i < index.rows.length; i++) {
    const row = index.rows[i]!;
    if (filter.connectionId && row.connectionId !== filter.connectionId) continue;
    if (filter.role && row.role !== filter.role) continue;
    const hay = index.haystacks[i]!;
    if (words.every((w) => hay.includes(w))) out.push(row);
  }
  return out;
}

export function isFiltered(filter: AccountFilter): boolean {
  return filter.query.trim() !== '' || filter.connectionId !== null || filter.role !== null;
}

/** Rows are told apart by connection too: two providers may reuse an account id. */
export function accountKey(row: Pick<AccountRow, 'connectionId' | 'id'>): string {
  return `${row.connectionId}\u0000${row.id}`;
}
