import type Conf from 'conf';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Connection } from '../../src-shared/ipc/channels/connections.js';
import { openConf } from '../storage/conf-file.js';
import { checkProviderUrl } from './provider-url.js';

/** What is persisted: capabilities are read off the connection's connector (`Connections`), never stored. */
const StoredConnection = Connection.omit({ capabilities: true });
export type StoredConnection = z.infer<typeof StoredConnection>;

/** A stored connection taken off the list at load because its address is one `add` refuses. */
export interface DroppedConnection {
  id: string;
  label: string;
  baseUrl: string;
  reason: string;
}

interface ConnectionsFile extends Record<string, unknown> {
  version: 1;
  connections: unknown[];
}

/**
 * The connection list, in `<dataDir>/connections.json` through conf (electron-store's format,
 * written atomically). It holds no secret. Entries that no longer parse are skipped rather than
 * taking the whole list down. The file is re-validated on load as an address is on add: an entry
 * whose address would be refused today (a `javascript:` link, plain http off loopback, edited by
 * hand or by malware) is dropped from the file and listed in `dropped`; an unreadable file is
 * moved aside and named in `movedAside`. Neither touches the keychain.
 */
export class ConnectionStore {
  readonly #conf: Conf<ConnectionsFile>;
  /** The parsed list, kept until the next write: conf reads and parses the file on every get. */
  #parsed: StoredConnection[] | null = null;
  /** Where an unreadable file went at load, or null. */
  readonly movedAside: string | null = null;
  readonly dropped: readonly DroppedConnection[];

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    let aside: string | null = null;
    this.#conf = openConf<ConnectionsFile>(dataDir, 'connections', { version: 1, connections: [] }, logger, (moved) => (aside = moved));
    this.movedAside = aside;
    this.dropped = this.#dropUnsafe();
  }

  #dropUnsafe(): DroppedConnection[] {
    const dropped: DroppedConnection[] = [];
    const kept = this.#raw().filter((entry) => {
      const parsed = StoredConnection.safeParse(entry);
      if (!parsed.success) return true;
      try {
        checkProviderUrl(parsed.data.baseUrl);
        return true;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        dropped.push({ id: parsed.data.id, label: parsed.data.label, baseUrl: parsed.data.baseUrl.slice(0, 200), reason });
        return false;
      }
    });
    if (dropped.length > 0) {
      this.logger.warn({ dropped: dropped.map((d) => d.id) }, 'dropped stored connections whose address is refused');
      this.#write(kept);
    }
    return dropped;
  }

  list(): StoredConnection[] {
    this.#parsed ??= this.#parse();
    return [...this.#parsed];
  }

  #parse(): StoredConnection[] {
    const out: StoredConnection[] = [];
    for (const entry of this.#raw()) {
      const parsed = StoredConnection.safeParse(entry);
      if (parsed.success) out.push(parsed.data);
      else this.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'skipping an unreadable stored connection');
    }
    return out;
  }

  find(id: string): StoredConnection | undefined {
    return this.list().find((c) => c.id === id);
  }

  add(connection: StoredConnection): void {
    this.#write([...this.#raw(), toStored(connection)]);
  }

  update(id: string, change: Partial<Pick<Connection, 'baseUrl' | 'label'>>): void {
    this.#write(this.#raw().map((entry) => (isEntry(entry, id) ? { ...(entry as object), ...change } : entry)));
  }

  remove(id: string): void {
    this.#write(this.#raw().filter((entry) => !isEntry(entry, id)));
  }

  #raw(): unknown[] {
    const raw = this.#conf.get('connections');
    return Array.isArray(raw) ? raw : [];
  }

  #write(connections: unknown[]): void {
    this.#parsed = null;
    this.#conf.set('connections', connections);
  }
}

function toStored(connection: StoredConnection): StoredConnection {
  return StoredConnection.parse(connection);
}

function isEntry(entry: unknown, id: string): boolean {
  return typeof entry === 'object' && entry !== null && (entry as { id?: unknown }).id === id;
}
