/** Storage settings of the reference client area (the location itself comes from `DATABASE_URL` or the file option). */
export const DATABASE_SETTINGS = {
  /** Connections per server process; two cores and short queries do not need more. */
  postgresPoolSize: Number(process.env.CLIENTAREA_PG_POOL_SIZE ?? '') || 10,
  /** How long a SQLite write waits for another process's lock before failing. */
  sqliteBusyTimeoutMs: 5000,
} as const;
