import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { User } from '../../src-shared/api/users.js';
import type { Database, UserRow } from '../db/tables.js';
import { isUniqueViolation } from '../db/database.js';
import { ClientAreaError } from './errors.js';
import { assertPasswordPolicy, DEFAULT_PASSWORD_POLICY, hashPassword, type PasswordPolicy } from './passwords.js';
import { newId } from './tokens.js';
import { isLanguage } from '../../src-shared/api/primitives.js';

export interface NewUser {
  email: string;
  name: string;
  /** Checked against the password policy and hashed; or pass `passwordHash` (demo data reuses one). */
  password?: string;
  passwordHash?: string;
  customerNumber?: string | undefined;
  status?: UserRow['status'];
  language?: string | undefined;
  notificationEmail?: string | null | undefined;
  /** When the email was proved (mailed link used) or vouched for (made by the provider); null: not yet. */
  emailVerifiedAt?: string | null;
  managedByAccount?: string | null;
  policy?: PasswordPolicy;
}

export function toApiUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    customerNumber: row.customer_number,
    status: row.status,
    language: isLanguage(row.language) ? row.language : 'en',
    notificationEmail: row.notification_email,
  };
}

/** Where a user's mails go: the notification email when set, else the login email. */
export function mailAddressOf(user: Pick<UserRow, 'email' | 'notification_email'>): string {
  return user.notification_email ?? user.email;
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByCustomerNumber(db: Kysely<Database>, customerNumber: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('customer_number', '=', customerNumber.trim()).executeTakeFirst();
}

export async function createUser(db: Kysely<Database>, now: Date, input: NewUser): Promise<UserRow> {
  const email = input.email.trim().toLowerCase();
  let passwordHash = input.passwordHash;
  if (passwordHash === undefined) {
    if (input.password === undefined) throw new Error('createUser needs a password or a password hash');
    assertPasswordPolicy(input.password, input.policy ?? DEFAULT_PASSWORD_POLICY, { email });
    passwordHash = await hashPassword(input.password);
  }
  if (await findUserByEmail(db, email)) {
    throw new ClientAreaError('conflict', 409, 'A login with this email already exists.');
  }
  const customerNumber = input.customerNumber ?? (await drawCustomerNumber(db));
  const taken = await db.selectFrom('users').select('id').where('customer_number', '=', customerNumber).executeTakeFirst();
  if (taken) throw new ClientAreaError('conflict', 409, 'This customer number is already in use.');
  const row: UserRow = {
    id: newId('usr'),
    email,
    notification_email: input.notificationEmail?.trim().toLowerCase() ?? null,
    name: input.name.trim(),
    password_hash: passwordHash,
    customer_number: customerNumber,
    status: input.status ?? 'active',
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    language: input.language ?? 'en',
    email_verified_at: input.emailVerifiedAt === undefined ? now.toISOString() : input.emailVerifiedAt,
    managed_by_account: input.managedByAccount ?? null,
  };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (error) {
    // A concurrent sign-up with the same email or number lost the race on the unique index; any
    // other failure (a read-only or full database) is not a conflict and says so itself.
    if (!isUniqueViolation(error)) throw error;
    throw new ClientAreaError('conflict', 409, 'A login with this email or customer number already exists.');
  }
  return row;
}

/**
 * Customer numbers are short and human (five digits, as the first ones always were) but random,
 * so a number reveals neither how many customers there are nor which numbers exist next to it.
 * A taken number is drawn again; when the five-digit range gets crowded the numbers grow a digit.
 */
export async function drawCustomerNumber(db: Kysely<Database>, draw: (min: number, max: number) => number = randomInt): Promise<string> {
  for (let digits = CUSTOMER_NUMBER_DIGITS; ; digits++) {
    for (let attempt = 0; attempt < DRAWS_PER_LENGTH; attempt++) {
      const number = String(draw(10 ** (digits - 1), 10 ** digits));
      const taken = await db.selectFrom('users').select('id').where('customer_number', '=', number).executeTakeFirst();
      if (!taken) return number;
    }
  }
}

const CUSTOMER_NUMBER_DIGITS = 5;
const DRAWS_PER_LENGTH = 20;

/** `PATCH /me`: the caller's own name, mail language and notification address. */
export async function updateProfile(
  db: Kysely<Database>,
  now: Date,
  userId: string,
  changes: { name?: string | undefined; language?: string | undefined; notificationEmail?: string | null | undefined },
): Promise<UserRow> {
  const set: Partial<Pick<UserRow, 'name' | 'language' | 'notification_email' | 'updated_at'>> = { updated_at: now.toISOString() };
  if (changes.name !== undefined) set.name = changes.name.trim();
  if (changes.language !== undefined) set.language = changes.language;
  if (changes.notificationEmail !== undefined) set.notification_email = changes.notificationEmail;
  await db.updateTable('users').set(set).where('id', '=', userId).execute();
  const row = await findUserById(db, userId);
  if (!row) throw new ClientAreaError('not_found', 404, 'This login no longer exists.');
  return row;
}

/** Ends every API session, panel session and unused SSO link of a user (disable, password reset). */
export async function endAllSessions(db: Kysely<Database>, now: Date, userId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  await db.deleteFrom('panel_sessions').where('user_id', '=', userId).execute();
  await db.updateTable('sso_tokens').set({ used_at: now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}
