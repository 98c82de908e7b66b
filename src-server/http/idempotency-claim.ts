import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction, TransactionBuilder } from 'kysely';
import { isUniqueViolation } from '../db/database.js';
import { CompiledStatement, type Slots } from '../db/compiled-queries.js';
import type { Database, IdempotencyKeyRow } from '../db/tables.js';
import { ClientAreaError } from '../domain/errors.js';

/** The key a keyed write request will claim, set once the request is known to carry one. */
export interface PendingClaim {
  keyHash?: string;
  requestHash?: string;
  createdAt?: string;
  /** Set once the key row was written inside a transaction that committed with the effect. */
  claimed?: boolean;
}

const requests = new AsyncLocalStorage<PendingClaim>();

/** Runs the rest of a request with its own claim slot (Fastify hook `done` runs the next step). */
export function withClaimSlot(next: () => void): void {
  requests.run({}, next);
}

/**
 * Runs work that is not the request's own effect (retiring ended access on its way) outside its
 * claim slot, so the transactions it commits never carry the request's idempotency key.
 */
export function outsideClaimSlot<T>(work: () => Promise<T>): Promise<T> {
  return requests.exit(work);
}

/** The claim slot of the request being handled, if any. */
export function currentClaim(): PendingClaim | undefined {
  return requests.getStore();
}

export const keyInUse = () =>
  new ClientAreaError(
    'conflict',
    409,
    'A request with this Idempotency-Key already made its change, and its answer is not available (it is still running or was interrupted). Load the current state instead of sending it again.',
  );

/**
 * docs/ARCHITECTURE.md §10: the idempotency key is written in the same transaction as the effect
 * it guards. Domain code opens its transactions with `db.transaction().execute(...)`; this wraps
 * that one call so the first transaction a keyed request commits also inserts the key's row (its
 * answer follows in `onSend`). So a crash can never leave the change without the key (a replay
 * would act twice) or the key without the change; and of two requests racing with one key, the
 * second one's transaction fails on the key's primary key and rolls its change back.
 */
export function claimingTransactions(db: Kysely<Database>): Kysely<Database> {
  // Every query reads a method or two through here: each is bound once, not once per read.
  const bound = new Map<PropertyKey, { method: unknown; bound: unknown }>();
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') return () => claimingBuilder(target.transaction());
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const known = bound.get(prop);
      if (known?.method === value) return known.bound;
      // Kysely keeps its state in private fields: its methods must run on the real instance.
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      bound.set(prop, { method: value, bound: method });
      return method;
    },
  });
}

function claimingBuilder(builder: TransactionBuilder<Database>): TransactionBuilder<Database> {
  return new Proxy(builder, {
    get(target, prop) {
      if (prop === 'execute') {
        return <T>(work: (trx: Transaction<Database>) => Promise<T>) =>
          target.execute(async (trx) => {
            const result = await work(trx);
            await claimIn(trx);
            return result;
          });
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Inserted by every keyed write's first transaction: compiled once (`db/compiled-queries.ts`). */
const CLAIMED_KEY = new CompiledStatement('claimed idempotency key', (db, v: Slots<IdempotencyKeyRow>) => db.insertInto('idempotency_keys').values(v));

async function claimIn(trx: Transaction<Database>): Promise<void> {
  const claim = currentClaim();
  if (!claim?.keyHash || claim.claimed || !claim.createdAt) return;
  try {
    // Status 0: the change is made, the answer not stored yet.
    await CLAIMED_KEY.run(trx, {
      key_hash: claim.keyHash,
      request_hash: claim.requestHash ?? null,
      status: 0,
      content_type: null,
      body: '',
      created_at: claim.createdAt,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw keyInUse();
    throw error;
  }
  claim.claimed = true;
}
