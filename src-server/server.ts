import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { devToolsEnabled } from './config/panel.js';
import { generatedDevelopmentKey, twoFactorKeyFromEnv } from './config/two-factor.js';
import { publicUrlFrom, trustProxyFrom } from './config/public-url.js';
import { describeLocation, openStore, startupErrorOf } from './db/storage-errors.js';
import { migrateToLatest } from './db/migrations.js';
import { seedDemo } from './demo/seed.js';
import { type Clock, systemClock } from './domain/clock.js';
import { type PasswordPolicy, passwordPolicyFromEnv, strictestOf } from './domain/passwords.js';
import { buildApp } from './app.js';

export interface ClientAreaOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  databaseFile: string;
  /** A `postgres://` URL: use PostgreSQL instead of the file. Defaults to `DATABASE_URL`; `''` forces SQLite. */
  databaseUrl?: string | undefined;
  /** Fill an empty database with the demo data (see demo/demo-logins.ts). */
  demo?: boolean;
  /** Bearer key of the admin endpoints; defaults to `CLIENTAREA_ADMIN_KEY`, else a random one. */
  adminKey?: string;
  clock?: Clock;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * The address users reach the server at (`https://clientarea.example`): the base of every link it
   * hands out, and the one host besides loopback it answers for. Defaults to `CLIENTAREA_PUBLIC_URL`,
   * else the loopback URL it listens on.
   */
  publicUrl?: string;
  /** Which proxies' `X-Forwarded-*` headers to believe (`true`, a hop count, addresses); defaults to `CLIENTAREA_TRUST_PROXY`, else none. */
  trustProxy?: string;
  /** SMTP server for mails (`smtp://…`); defaults to `SMTP_URL`; without one mails stay in the outbox. */
  smtpUrl?: string;
  /** A stricter password policy than docs/ARCHITECTURE.md §9 (never weaker); defaults to the environment's. */
  passwordPolicy?: Partial<PasswordPolicy>;
  /**
   * Key of the TOTP secrets (32 bytes); defaults to `CLIENTAREA_TOTP_KEY`. Without either, the demo
   * and development use a generated one, and elsewhere two-factor enrolment is refused.
   */
  twoFactorKey?: Buffer;
}

export interface ClientArea {
  /** `http://127.0.0.1:PORT` (or the host given): where it listens. */
  url: string;
  /** The base of the links it hands out: the configured public URL, else `url`. */
  publicUrl: string;
  adminKey: string;
  close(): Promise<void>;
}

/** Starts the reference client area: migrations, optional demo data, then the HTTP server. */
export async function startClientArea(options: ClientAreaOptions): Promise<ClientArea> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const adminKey = options.adminKey ?? process.env.CLIENTAREA_ADMIN_KEY ?? randomBytes(24).toString('base64url');
  const devTools = devToolsEnabled({ demo: options.demo ?? false });
  const twoFactorKey = options.twoFactorKey ?? twoFactorKeyFromEnv() ?? (devTools ? generatedDevelopmentKey() : undefined);
  const publicUrl = publicUrlFrom(options.publicUrl);
  const trustProxy = trustProxyFrom(options.trustProxy);
  const location = { file: options.databaseFile, url: options.databaseUrl };
  const db = openStore(location);
  try {
    await migrateToLatest(db);
    if (options.demo) await seedDemo(db, clock());
  } catch (error) {
    await db.destroy();
    throw startupErrorOf(error, location) ?? error;
  }
  const { app, ctx } = await buildApp(
    {
      db,
      clock,
      adminKey,
      twoFactorKey,
      passwordPolicy: options.passwordPolicy ? strictestOf({ ...passwordPolicyFromEnv(), ...options.passwordPolicy }) : undefined,
    },
    {
      logLevel: options.logLevel ?? 'silent',
      publicUrl,
      trustProxy,
      databaseLocation: describeLocation(location),
      smtpUrl: options.smtpUrl,
      devTools,
    },
  );
  try {
    await app.listen({ host, port: options.port ?? 0 });
  } catch (error) {
    await app.close();
    await db.destroy();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  // Bound to every interface, it is reached here on loopback (and links point there unless a public URL is set).
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  ctx.publicUrl ??= url;
  let closing: Promise<void> | undefined;
  return {
    url,
    publicUrl: ctx.publicUrl,
    adminKey,
    close() {
      closing ??= (async () => {
        await app.close();
        await db.destroy();
      })();
      return closing;
    },
  };
}
