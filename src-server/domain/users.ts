import type { Kysely } from 'kysely';
import type { User } from '../../src-shared/api/schemas.js';
import type { Database, UserRow } from '../db/tables.js';
import { ClientAreaError } from './errors.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { newId } from './tokens.js';

export interface NewUser {
  email: string;
  name: string;
  /** Checked against the password policy and hashed; or pass `passwordHash` (demo data reuses one). */
  password?: string;
  passwordHash?: string;
  customerNumber?: string | undefined;
  status?: UserRow['status'];
}

export function toApiUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, customerNumber: row.customer_number, status: row.status };
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createUser(db: Kysely<Database>, now: Date, input: NewUser): Promise<UserRow> {
  const email = input.email.trim().toLowerCase();
  let passwordHash = input.passwordHash;
  if (passwordHash === undefined) {
    if (input.password === undefined) throw new Error('createUser needs a password or a password hash');
    assertPasswordPolicy(input.password);
    passwordHash = await hashPassword(input.password);
  }
  if (await findUserByEmail(db, email)) {
    throw new ClientAreaError('conflict', 409, 'A login with this email already exists.');
  }
  const customerNumber = input.customerNumber ?? (await nextCustomerNumber(db));
  const taken = await db.selectFrom('users').select('id').where('customer_number', '=', customerNumber).executeTakeFirst();
  if (taken) throw new ClientAreaError('conflict', 409, 'This customer number is already in use.');
  const row: UserRow = {
    id: newId('usr'),
    email,
    notification_email: null,
    name: input.name.trim(),
    password_hash: passwordHash,
    customer_number: customerNumber,
    status: input.status ?? 'active',
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (error) {
    // A concurrent sign-up with the same email or number lost the race on the unique index.
    throw new ClientAreaError('conflict', 409, 'A login with this email or customer number already exists.');
  }
  return row;
}

/** Customer numbers are short and human: the next free one from 10001 upwards. */
async function nextCustomerNumber(db: Kysely<Database>): Promise<string> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .executeTakeFirstOrThrow();
  for (let candidate = 10_001 + Number(count); ; candidate++) {
    const number = String(candidate);
    const taken = await db.selectFrom('users').select('id').where('customer_number', '=', number).executeTakeFirst();
    if (!taken) return number;
  }
}
