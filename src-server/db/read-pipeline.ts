import pg from 'pg';

/** What the named statements layer needs of a pool: a connection to query on and give back. */
export interface QueryPool {
  connect(): Promise<QueryClient>;
  end(): Promise<void>;
}
export type QueryClient = Pick<pg.PoolClient, 'query' | 'release'>;

/** Connections shared by the queries outside a transaction; two keep one slow read from holding up the rest. */
const SHARED_CONNECTIONS = 2;

/**
 * Statements whose effect outlives them on their connection: a transaction, a session lock (the
 * kysely migrator's `pg_advisory_lock` on a pinned connection), a session setting.
 */
const KEEPS_CONNECTION = /^\s*(begin|start\s+transaction|set)\b|\bpg_(try_)?advisory_lock\b/i;

/**
 * The pool as the query layer sees it, with the queries outside a transaction pipelined
 * (docs/ARCHITECTURE.md §5). Kysely takes a pooled connection for every single query, so the
 * independent reads of one request (a page's counts, names and marks) went out as one socket write
 * and one PostgreSQL wake-up each, and those writes were nearly half the server's CPU under load. Here
 * they share a few connections in `pg`'s pipeline mode, where each query is sent without waiting for
 * the one before (each ends in its own Sync, so one failing does not touch the others), and the
 * queries of one turn of the event loop leave in one write. A transaction (or a pinned connection)
 * gets a pooled connection of its own until its release.
 */
export function withReadPipeline(pool: pg.Pool, options: pg.ClientConfig): QueryPool {
  const shared: (SharedConnection | undefined)[] = Array.from({ length: SHARED_CONNECTIONS }, () => undefined);
  const sharedConnection = (): SharedConnection => {
    // The least busy one, opening those not open yet.
    let best: SharedConnection | undefined;
    for (let i = 0; i < shared.length; i++) {
      const connection = (shared[i] ??= openShared(options, () => shared[i] === connection && (shared[i] = undefined)));
      if (!best || connection.inFlight < best.inFlight) best = connection;
    }
    return best!;
  };
  return {
    connect: () => Promise.resolve(lease(pool, sharedConnection)),
    async end() {
      await Promise.all(shared.map((connection) => connection?.client.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

interface SharedConnection {
  client: pg.Client;
  inFlight: number;
  query(text: unknown, values?: unknown): Promise<pg.QueryResult>;
}

function openShared(options: pg.ClientConfig, forget: () => void): SharedConnection {
  const client = new pg.Client({ ...options, pipeline: true } as pg.ClientConfig);
  const connected = client.connect();
  // A lost connection fails the queries on it (as a pooled one would) and the next query opens another.
  client.on('error', forget);
  client.on('end', forget);
  connected.catch(forget);
  let corked = false;
  const shared: SharedConnection = {
    client,
    inFlight: 0,
    async query(text, values) {
      shared.inFlight++;
      try {
        await connected;
        return await send(text, values);
      } finally {
        shared.inFlight--;
      }
    },
  };
  const send = (text: unknown, values: unknown) => {
    // The queries made in this turn of the event loop go out in one write.
    const stream = (client as unknown as { connection: { stream: NodeJS.WritableStream & { cork(): void; uncork(): void } } }).connection.stream;
    if (!corked) {
      corked = true;
      stream.cork();
      setImmediate(() => {
        corked = false;
        stream.uncork();
      });
    }
    return client.query(text as string, values as unknown[]);
  };
  return shared;
}

/**
 * One connection as kysely holds it. A single query (kysely takes a connection for each one outside
 * a transaction) goes to a shared connection. A statement that keeps state on its connection, or a
 * second query before the release (`db.connection()` pins one), takes a pooled connection of its
 * own, which every later query of this lease uses until it is released.
 */
function lease(pool: pg.Pool, sharedConnection: () => SharedConnection): QueryClient {
  let own: Promise<pg.PoolClient> | undefined;
  let queried = false;
  const query = (text: unknown, values?: unknown): unknown => {
    if (typeof text === 'object' && text !== null && 'submit' in text) {
      // Kysely's streaming (a pg-cursor) wants the cursor back at once, which a connection still to be taken cannot give.
      throw new Error('Streamed queries are not supported by this query layer: read the rows in pages.');
    }
    const sql = typeof text === 'string' ? text : (text as { text: string }).text;
    if (!own && (queried || KEEPS_CONNECTION.test(sql))) own = pool.connect();
    queried = true;
    if (own) return own.then((client) => client.query(text as string, values as unknown[]));
    return sharedConnection().query(text, values);
  };
  return {
    query: query as QueryClient['query'],
    release() {
      void own?.then(
        (client) => client.release(),
        () => undefined,
      );
    },
  };
}
