import type { Account } from '../../../src-shared/api/accounts.js';
import type { AccountChanges, ListedAccount, ListedAccountKey } from '../../../src-shared/ipc/channels/accounts.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import type { AccountMark } from '../../accounts/account-marks.js';
import type { AccountsPatch, CachedData } from '../../sync/account-cache.js';
import { placeStart, type ListedVersion } from './accounts-list-order.js';

/** What the log reads the list from: the stored connections, their cached accounts, the local marks. */
export interface AccountListSources {
  connections: { list(): Connection[] };
  cache: { read(connectionId: string): Pick<CachedData, 'accounts' | 'accountsPatch'> };
  marks: { readonly version: number; forConnection(connectionId: string): (accountId: string) => AccountMark };
}

interface ConnectionRows {
  label: string;
  accounts: readonly Account[];
  marksVersion: number;
  /** In the accounts' order; null after a patch until a whole copy asks (a delta never needs it). */
  rows: ListedAccount[] | null;
  /** Each row's `placeStart`, beside `rows`: read while the rows are built, so the first window reads no other row. */
  starts: Int32Array | null;
  /** Per account id: the cached account a row was built from, so an unchanged one keeps its row object. */
  built: Map<string, { account: Account; row: ListedAccount }>;
}

/** How many changed keys the log keeps: a renderer further behind copies the whole list once. */
const KEPT_KEYS = 20_000;

/**
 * Main's account list with a version: every change to what the list shows (a sync, a leave, a
 * mark, a renamed or removed connection) makes a new version and records which rows it touched,
 * so a renderer that holds an older version gets only those rows (`accounts.changes`) instead of
 * a copy of 50,000. The list is compared with its sources when asked, not on every write: a
 * connection whose cached accounts, label and marks are the very same objects as last time costs
 * nothing, and a row whose account and mark did not change is the same object as before.
 */
export class AccountListLog {
  readonly #connections = new Map<string, ConnectionRows>();
  /** Starts from the clock, so a renderer that outlived a restart of main never matches a new version by chance. */
  #version = Date.now();
  #rows: ListedAccount[] = [];
  #starts = new Int32Array(0);
  /** The connections' order when `#rows` is to be flattened again, null while it is current. */
  #order: string[] | null = null;
  #byKey = new Map<string, ListedAccount>();
  /** The keys each version changed, oldest first; versions before the first entry are forgotten. */
  #entries: Array<{ version: number; keys: string[] }> = [];
  #keptKeys = 0;
  #forgottenBefore = this.#version;

  constructor(private readonly sources: AccountListSources) {}

  /** Every row, in connection order; the same array while nothing changed. */
  list(): ListedAccount[] {
    this.#refresh();
    if (this.#order !== null) {
      // Flattened only when a whole copy is asked for: a delta never needs the 50,000-row array.
      const parts = this.#order.map((id) => this.#connections.get(id)!);
      const rows = parts.flatMap(rowsOf);
      if (!sameOrder(rows, this.#rows)) {
        this.#rows = rows;
        this.#starts = new Int32Array(rows.length);
        let at = 0;
        for (const part of parts) {
          this.#starts.set(part.starts!, at);
          at += part.starts!.length;
        }
      }
      this.#order = null;
    }
    return this.#rows;
  }

  /** The list and its version, read together: what a copy window by window (`accounts.window`) starts from. */
  snapshot(): Required<ListedVersion> & { rows: ListedAccount[] } {
    const rows = this.list();
    return { version: this.#version, rows, starts: this.#starts };
  }

  changesSince(since: number): AccountChanges {
    this.#refresh();
    const version = this.#version;
    if (since === version) return { reset: false, version, upserted: [], removed: [] };
    if (since > version || since < this.#forgottenBefore) return { reset: true, version };
    const keys = new Set<string>();
    for (const entry of this.#entries) if (entry.version > since) for (const key of entry.keys) keys.add(key);
    const upserted: ListedAccount[] = [];
    const removed: ListedAccountKey[] = [];
    for (const key of keys) {
      const row = this.#byKey.get(key);
      if (row) upserted.push(row);
      else removed.push(keyParts(key));
    }
    return { reset: false, version, upserted, removed };
  }

  #refresh(): void {
    const changed: string[] = [];
    const live = new Set<string>();
    const marksVersion = this.sources.marks.version;
    let rebuilt = false;
    for (const connection of this.sources.connections.list()) {
      live.add(connection.id);
      const { accounts, accountsPatch: patch } = this.sources.cache.read(connection.id);
      const known = this.#connections.get(connection.id);
      const same = known !== undefined && known.label === connection.label && known.marksVersion === marksVersion;
      if (same && known.accounts === accounts) continue;
      const patchable = same && patch?.from === known.accounts && patch.to === accounts;
      this.#connections.set(
        connection.id,
        patchable ? this.#patch(connection, known, patch, changed) : this.#build(connection, accounts, marksVersion, known, changed),
      );
      rebuilt = true;
    }
    for (const [id, gone] of this.#connections) {
      if (live.has(id)) continue;
      this.#connections.delete(id);
      for (const { row } of gone.built.values()) changed.push(keyOf(row));
      rebuilt = true;
    }
    if (!rebuilt) return;
    // Connection order may have changed even when no row did; the flat list follows it.
    this.#order = [...live];
    if (changed.length === 0) return;
    for (const key of changed) this.#byKey.delete(key);
    for (const key of changed) {
      const row = this.#rowOf(key);
      if (row) this.#byKey.set(key, row);
    }
    this.#record(changed);
  }

  /**
   * The connection's rows, its map of what each row was built from updated in place: a sync that
   * changed 100 of 5,000 accounts writes 100 entries, not a new map of 5,000.
   */
  #build(connection: Connection, accounts: readonly Account[], marksVersion: number, known: ConnectionRows | undefined, changed: string[]): ConnectionRows {
    const markOf = this.sources.marks.forConnection(connection.id);
    const built = known?.built ?? new Map<string, { account: Account; row: ListedAccount }>();
    const listedBefore = built.size;
    let stillListed = 0;
    const rows = new Array<ListedAccount>(accounts.length);
    const starts = new Int32Array(accounts.length);
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i]!;
      const before = built.get(account.id);
      const mark = markOf(account.id);
      let row = before?.row;
      if (before) stillListed++;
      if (
        !row ||
        row.providerLabel !== connection.label ||
        row.favourite !== mark.favourite ||
        row.lastOpenedAt !== mark.lastOpenedAt ||
        (before!.account !== account && !sameAccount(before!.account, account))
      ) {
        row = listed(connection, account, mark);
        changed.push(keyOf(row));
      }
      if (before?.account !== account || before.row !== row) built.set(account.id, { account, row });
      rows[i] = row;
      starts[i] = placeStart(row.name);
    }
    if (stillListed < listedBefore) {
      const ids = new Set(accounts.map((a) => a.id));
      for (const [id, was] of built) {
        if (ids.has(id)) continue;
        built.delete(id);
        changed.push(keyOf(was.row));
      }
    }
    return { label: connection.label, accounts, marksVersion, rows, starts, built };
  }

  /**
   * The connection's entries for what a sync said it changed, and only those: 100 changed of
   * 5,000 costs 100 look-ups and writes. Valid because the patch starts from the very accounts
   * the entries were built from, under the same label and marks.
   */
  #patch(connection: Connection, known: ConnectionRows, patch: AccountsPatch, changed: string[]): ConnectionRows {
    const markOf = this.sources.marks.forConnection(connection.id);
    for (const account of patch.upserted) {
      const before = known.built.get(account.id);
      if (before?.account === account) continue;
      const row = before && sameAccount(before.account, account) ? before.row : listed(connection, account, markOf(account.id));
      known.built.set(account.id, { account, row });
      if (row !== before?.row) changed.push(keyOf(row));
    }
    return { ...known, accounts: patch.to, rows: null, starts: null };
  }

  #rowOf(key: string): ListedAccount | undefined {
    const { connectionId, id } = keyParts(key);
    return this.#connections.get(connectionId)?.built.get(id)?.row;
  }

  #record(keys: string[]): void {
    this.#version++;
    this.#entries.push({ version: this.#version, keys });
    this.#keptKeys += keys.length;
    while (this.#keptKeys > KEPT_KEYS && this.#entries.length > 0) {
      const oldest = this.#entries.shift()!;
      this.#keptKeys -= oldest.keys.length;
      this.#forgottenBefore = oldest.version;
    }
  }
}

/** The provider's domain names become the row's searchable `domains`, carried once. */
function listed(connection: Connection, { domainNames, ...account }: Account, mark: AccountMark): ListedAccount {
  return { ...account, connectionId: connection.id, providerLabel: connection.label, ...mark, domains: domainNames ?? [] };
}

/**
 * A full listing parses every account anew: equal content must still count as unchanged. Compared
 * value by value, in place: two JSON.stringify calls per account cost 60 ms and more over 5,000.
 */
function sameAccount(a: Account, b: Account): boolean {
  return a.id === b.id && a.name === b.name && a.updatedAt === b.updatedAt && sameJson(a, b);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

function rowsOf(connection: ConnectionRows): ListedAccount[] {
  if (!connection.rows) {
    connection.rows = connection.accounts.map((account) => connection.built.get(account.id)!.row);
    connection.starts = Int32Array.from(connection.rows, (row) => placeStart(row.name));
  }
  return connection.rows;
}

function sameOrder(a: readonly ListedAccount[], b: readonly ListedAccount[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const SEPARATOR = '\u0000';

export function keyOf(row: Pick<ListedAccount, 'connectionId' | 'id'>): string {
  return `${row.connectionId}${SEPARATOR}${row.id}`;
}

function keyParts(key: string): ListedAccountKey {
  const at = key.indexOf(SEPARATOR);
  return { connectionId: key.slice(0, at), id: key.slice(at + 1) };
}
