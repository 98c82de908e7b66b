import type { Logger } from 'pino';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { Connector } from '../connectors/connector.js';
import { sendAction, unsendable, type SentOutcome } from './action-sending.js';
import type { QueueStore, StoredAction } from './queue-store.js';
import { judgeReplayFailure, type ReplayVerdict } from './replay-outcome.js';

export interface ReplayerOptions {
  store: QueueStore;
  connections: {
    list(): Connection[];
    connectorFor(id: string): Promise<{ connection: Connection; connector: Connector }>;
  };
  logger: Logger;
  /** An action reached `done` (with the provider's answer) or `rejected` (with null). */
  onSettled(action: StoredAction, outcome: SentOutcome | null, connection: Connection): Promise<void> | void;
  /** Sending had to stop for now: the provider could not be asked. */
  onHeldBack?(connectionId: string, verdict: Extract<ReplayVerdict, { kind: 'retry' }>): void;
  /** Any state of the queue changed. */
  onChange(): void;
}

/**
 * Sends what the queue holds (invitation answers and owner writes alike), per connection in the
 * order the user acted, with each action's own idempotency key. One pass per connection at a time; asking again while a pass runs makes it go
 * round once more, so an action queued meanwhile is never left behind. A failure that means "not
 * now" stops the connection's pass (order is kept; the next replay continues); a refusal is final
 * for that action and the pass goes on.
 */
export class Replayer {
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #closed = false;

  constructor(private readonly options: ReplayerOptions) {}

  /** Resolves when this connection's queue was gone through (sent, refused or held back). */
  replay(connectionId: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const running = this.#running.get(connectionId);
    if (running) {
      this.#again.add(connectionId);
      return running;
    }
    const run = (async () => {
      do {
        this.#again.delete(connectionId);
        await this.#pass(connectionId);
      } while (this.#again.has(connectionId) && !this.#closed);
    })().finally(() => this.#running.delete(connectionId));
    this.#running.set(connectionId, run);
    return run;
  }

  replayAll(): Promise<void> {
    return Promise.all(this.options.store.connectionsWithWaiting().map((id) => this.replay(id))).then(() => undefined);
  }

  /** Stops starting new sends and waits for the ones under way. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#running.values());
  }

  async #pass(connectionId: string): Promise<void> {
    const { store, logger } = this.options;
    if (store.waiting(connectionId).length === 0) return;
    if (!this.options.connections.list().some((c) => c.id === connectionId)) return;
    let target: { connection: Connection; connector: Connector };
    try {
      target = await this.options.connections.connectorFor(connectionId);
    } catch (error) {
      const verdict = judgeReplayFailure(error);
      if (verdict.kind === 'retry') this.options.onHeldBack?.(connectionId, verdict);
      return;
    }
    // Read again: actions may have been added while the connector was prepared.
    for (const action of store.waiting(connectionId)) {
      if (this.#closed) return;
      const refusal = unsendable(target.connector, action);
      if (refusal) {
        store.markRejected(action.id, refusal.reason, refusal.reasonCode);
        this.options.onChange();
        await this.#settle(store.get(action.id), null, target.connection);
        continue;
      }
      store.markSending(action.id);
      this.options.onChange();
      let outcome: SentOutcome;
      try {
        outcome = await sendAction(target.connector, action);
      } catch (error) {
        const verdict = judgeReplayFailure(error);
        if (verdict.kind === 'retry') {
          store.markQueued(action.id);
          this.options.onChange();
          logger.info({ connectionId, actionId: action.id, code: verdict.code }, 'queued action held back');
          this.options.onHeldBack?.(connectionId, verdict);
          return;
        }
        store.markRejected(action.id, verdict.reason, verdict.reasonCode);
        this.options.onChange();
        logger.info({ connectionId, actionId: action.id, reasonCode: verdict.reasonCode }, 'queued action rejected');
        await this.#settle(store.get(action.id), null, target.connection);
        continue;
      }
      store.markDone(action.id);
      this.options.onChange();
      await this.#settle(store.get(action.id), outcome, target.connection);
    }
  }

  async #settle(action: StoredAction | undefined, outcome: SentOutcome | null, connection: Connection): Promise<void> {
    if (!action) return;
    try {
      await this.options.onSettled(action, outcome, connection);
    } catch (error) {
      this.options.logger.error({ err: error, actionId: action.id }, 'could not apply a settled action locally');
    }
  }
}
