import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { AuditAction } from '../../src-shared/api/activity.js';
import { BACKUP_CODE_COUNT, type TwoFactorEnabled, type TwoFactorEnrolment, type TwoFactorStatus } from '../../src-shared/api/two-factor.js';
import type { Database, UserRow } from '../db/tables.js';
import { recordAudit } from './audit.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError } from './errors.js';
import { LIMITS } from './limits.js';
import { verifyPassword } from './passwords.js';
import { rateLimited } from './rate-limits.js';
import { backupCodeDigest, decryptSecret, encryptSecret } from './two-factor-secrets.js';

/** A code of the previous or next 30-second step is accepted too, for clocks that drift a little. */
const TOLERANCE_SECONDS = 30;
const ISSUER = 'Client area';

/** The second factor a caller presents: a current code from the app, or one backup code. */
export interface SecondFactor {
  code?: string | undefined;
  backupCode?: string | undefined;
}

export const wrongCode = () => new ClientAreaError('invalid_two_factor_code', 401, 'The two-factor code is not correct, or it was already used.');

function requireKey(ctx: ClientAreaContext): Buffer {
  if (!ctx.twoFactorKey) {
    throw new ClientAreaError('conflict', 409, 'Two-factor sign-in is not set up on this server: the provider has to configure CLIENTAREA_TOTP_KEY first.');
  }
  return ctx.twoFactorKey;
}

/** Whether a login signs in with a second factor (an enrolment not yet confirmed does not count). */
export async function hasTwoFactor(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('two_factor').select('enabled_at').where('user_id', '=', userId).executeTakeFirst();
  return !!row?.enabled_at;
}

export async function twoFactorStatus(db: Kysely<Database>, userId: string): Promise<TwoFactorStatus> {
  if (!(await hasTwoFactor(db, userId))) return { enabled: false, backupCodesLeft: 0 };
  const { left } = await db
    .selectFrom('two_factor_backup_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('left'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { enabled: true, backupCodesLeft: Number(left) };
}

/** A new secret for the caller's authenticator app; a previous unconfirmed one is replaced. */
export async function startEnrolment(ctx: ClientAreaContext, user: UserRow): Promise<TwoFactorEnrolment> {
  const key = requireKey(ctx);
  if (await hasTwoFactor(ctx.db, user.id)) {
    throw new ClientAreaError('conflict', 409, 'Two-factor sign-in is already on. Turn it off first to enrol another authenticator.');
  }
  const secret = generateSecret();
  const nowIso = ctx.clock().toISOString();
  const cipher = encryptSecret(key, user.id, secret);
  await ctx.db
    .insertInto('two_factor')
    .values({ user_id: user.id, secret_cipher: cipher, enabled_at: null, last_time_step: null, created_at: nowIso, updated_at: nowIso })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ secret_cipher: cipher, last_time_step: null, updated_at: nowIso }).where('two_factor.enabled_at', 'is', null),
    )
    .execute();
  const otpauthUri = generateURI({ issuer: ISSUER, label: user.email, secret });
  return { secret, otpauthUri, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri) };
}

/** The first code from the app turns two-factor sign-in on and hands out the backup codes, once. */
export async function confirmEnrolment(ctx: ClientAreaContext, user: UserRow, code: string): Promise<TwoFactorEnabled> {
  const key = requireKey(ctx);
  const row = await ctx.db.selectFrom('two_factor').selectAll().where('user_id', '=', user.id).executeTakeFirst();
  if (!row || row.enabled_at) {
    throw new ClientAreaError('conflict', 409, row ? 'Two-factor sign-in is already on.' : 'Start the enrolment first: there is no secret to confirm.');
  }
  await verifySecondFactor(ctx, user, { code }, { pending: true });
  const now = ctx.clock();
  const backupCodes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('two_factor').set({ enabled_at: now.toISOString(), updated_at: now.toISOString() }).where('user_id', '=', user.id).execute();
    await trx.deleteFrom('two_factor_backup_codes').where('user_id', '=', user.id).execute();
    await trx
      .insertInto('two_factor_backup_codes')
      .values(
        backupCodes.map((c) => ({
          user_id: user.id,
          code_hash: backupCodeDigest(key, user.id, normalizeBackupCode(c)),
          used_at: null,
          created_at: now.toISOString(),
        })),
      )
      .execute();
    await auditOnEveryAccount(trx, now, user, 'two_factor.enabled');
    await touchRequiringMemberships(trx, now, user);
  });
  return { backupCodes };
}

/** Turning it off takes the password and a second factor, so a stolen session alone cannot. */
export async function disableTwoFactor(ctx: ClientAreaContext, user: UserRow, password: string, factor: SecondFactor): Promise<void> {
  if (!(await hasTwoFactor(ctx.db, user.id))) throw new ClientAreaError('conflict', 409, 'Two-factor sign-in is not on.');
  // The owner of an account that requires it would lock themselves out of changing the policy.
  const requiring = await ctx.db
    .selectFrom('two_factor_policies')
    .innerJoin('accounts', 'accounts.id', 'two_factor_policies.account_id')
    .select('accounts.name')
    .where('accounts.owner_id', '=', user.id)
    .orderBy('accounts.name')
    .execute();
  if (requiring.length > 0) {
    throw new ClientAreaError(
      'conflict',
      409,
      `Your accounts ${requiring.map((a) => `"${a.name}"`).join(', ')} require two-factor sign-in. Stop requiring it there before turning yours off.`,
    );
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    throw new ClientAreaError('invalid_credentials', 401, 'The password is not correct.');
  }
  await verifySecondFactor(ctx, user, factor);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('two_factor_backup_codes').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('two_factor').where('user_id', '=', user.id).execute();
    await auditOnEveryAccount(trx, now, user, 'two_factor.disabled');
    await touchRequiringMemberships(trx, now, user);
  });
}

/**
 * Checks a code or backup code, each usable once: an accepted code's time step is stored, and
 * only a later step is accepted next (one atomic update, so two servers cannot both accept it).
 * Wrong codes count towards the per-login limit; over it, even the right code waits.
 */
export async function verifySecondFactor(ctx: ClientAreaContext, user: UserRow, factor: SecondFactor, options: { pending?: boolean } = {}): Promise<void> {
  const key = requireKey(ctx);
  const wait = await ctx.limits.retryAfter(LIMITS.twoFactorFailuresPerUser, user.id);
  if (wait > 0) throw rateLimited(LIMITS.twoFactorFailuresPerUser, wait);
  const ok =
    factor.backupCode !== undefined ? await useBackupCode(ctx, key, user, factor.backupCode) : await useCode(ctx, key, user, factor.code ?? '', options);
  if (!ok) {
    await ctx.limits.hit(LIMITS.twoFactorFailuresPerUser, user.id);
    throw wrongCode();
  }
}

async function useCode(ctx: ClientAreaContext, key: Buffer, user: UserRow, code: string, { pending = false }: { pending?: boolean }): Promise<boolean> {
  const row = await ctx.db.selectFrom('two_factor').selectAll().where('user_id', '=', user.id).executeTakeFirst();
  if (!row || (row.enabled_at === null) !== pending) return false;
  const secret = decryptSecret(key, user.id, row.secret_cipher);
  if (!secret || !/^[0-9]{6}$/.test(code)) return false;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(ctx.clock().getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(row.last_time_step === null ? {} : { afterTimeStep: Number(row.last_time_step) }),
  });
  if (!result.valid || !('timeStep' in result)) return false;
  const claimed = await ctx.db
    .updateTable('two_factor')
    .set({ last_time_step: result.timeStep, updated_at: ctx.clock().toISOString() })
    .where('user_id', '=', user.id)
    .where((eb) => eb.or([eb('last_time_step', 'is', null), eb('last_time_step', '<', result.timeStep)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

async function useBackupCode(ctx: ClientAreaContext, key: Buffer, user: UserRow, code: string): Promise<boolean> {
  const now = ctx.clock();
  const used = await ctx.db
    .updateTable('two_factor_backup_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', user.id)
    .where('code_hash', '=', backupCodeDigest(key, user.id, normalizeBackupCode(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) return false;
  await auditOnEveryAccount(ctx.db, now, user, 'two_factor.backup_code_used');
  return true;
}

/** Ten letters and digits (no look-alikes), shown as `xxxxx-xxxxx`: 50 random bits each. */
function newBackupCode(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

function normalizeBackupCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toLowerCase();
}

/** A login's second factor is part of every account it can reach, so each account's trail shows the change. */
/** Where an account requires two-factor sign-in, the user's mark on it changed: incremental sync must see it. */
async function touchRequiringMemberships(db: Kysely<Database>, now: Date, user: UserRow): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ updated_at: now.toISOString() })
    .where('user_id', '=', user.id)
    .where('account_id', 'in', db.selectFrom('two_factor_policies').select('account_id'))
    .execute();
}

async function auditOnEveryAccount(db: Kysely<Database>, now: Date, user: UserRow, action: AuditAction): Promise<void> {
  const accounts = await db.selectFrom('memberships').select('account_id').where('user_id', '=', user.id).execute();
  for (const { account_id } of accounts) {
    await recordAudit(db, now, { accountId: account_id, actorId: user.id, action, subject: user.email, detail: { userId: user.id } });
  }
}
