import type { AccessRequest } from '../../src-shared/api/access-requests.js';
import type { IncomingAccessRequest } from '../../src-shared/ipc/channels/access-requests.js';
import type { Connections } from '../connections/connections.js';
import type { EventHub } from '../events.js';
import type { Logger } from '../logging.js';
import { notificationsForAccessRequests } from '../notifications/notifier.js';

export interface RequestInboxOptions {
  connections: Connections;
  events: EventHub;
  logger: Logger;
}

/**
 * The open access requests the user may answer, per connection, as the provider listed them at the
 * connection's last sync (one request per sync: `GET /access-requests/incoming`). A request that
 * was not there the sync before is announced with a desktop notification; the first fetch of a
 * connection after start announces nothing (the Invitations view shows them anyway). Kept in memory:
 * the next sync after a restart fetches them again.
 */
export class AccessRequestInbox {
  readonly #pending = new Map<string, AccessRequest[]>();
  readonly #running = new Map<string, Promise<void>>();

  constructor(private readonly options: RequestInboxOptions) {}

  /**
   * After a sync of the connection: fetch what waits, tell what is new. Never throws (a failure is
   * logged). The fetch starts in a later task: the sync's own notices (`data.changed`, then
   * `sync.changed`) go out first, and a renderer's request for the changed rows that is already
   * waiting is read before this request is built.
   */
  synced(connectionId: string): Promise<void> {
    const running = this.#running.get(connectionId);
    if (running) return running;
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#fetch(connectionId)).finally(() => this.#running.delete(connectionId));
    this.#running.set(connectionId, run);
    return run;
  }

  incoming(): IncomingAccessRequest[] {
    const connected = new Set(this.options.connections.list().map((c) => c.id));
    return [...this.#pending].filter(([id]) => connected.has(id)).flatMap(([connectionId, requests]) => requests.map((request) => ({ connectionId, request })));
  }

  /** An answer given in the app: the request leaves the list at once, not at the next sync. */
  answered(connectionId: string, requestId: string): void {
    const before = this.#pending.get(connectionId);
    if (!before?.some((r) => r.id === requestId)) return;
    this.#pending.set(
      connectionId,
      before.filter((r) => r.id !== requestId),
    );
    this.options.events.changed(['access_requests']);
  }

  forget(connectionId: string): void {
    if (this.#pending.delete(connectionId)) this.options.events.changed(['access_requests']);
  }

  async #fetch(connectionId: string): Promise<void> {
    const { connections, events, logger } = this.options;
    try {
      const connection = connections.get(connectionId);
      if (!connection.capabilities.includes('access_requests')) return;
      const part = (await connections.connectorFor(connectionId)).connector.accessRequests;
      if (!part) return;
      const after = (await part.listToAnswer()).filter((r) => r.status === 'pending');
      const before = this.#pending.get(connectionId) ?? null;
      this.#pending.set(connectionId, after);
      for (const n of notificationsForAccessRequests(connection, before, after)) events.emit('notification', n);
      // Nothing before and nothing now is no change: the lists on screen stay as they are.
      if (JSON.stringify(before ?? []) !== JSON.stringify(after)) events.changed(['access_requests']);
    } catch (error) {
      logger.warn({ connectionId, code: (error as { code?: string }).code }, 'could not fetch the access requests to answer');
    }
  }
}
