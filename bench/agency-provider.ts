/**
 * A large agency at the reference client area, for the render bench: 5,000 customer accounts with
 * realistic names and domains, each reachable by ten logins, so ten connections list 50,000 rows.
 * Made through the server's own domain layer, then served by `src-server/cli.ts` in its own process
 * on loopback, as a provider runs it.
 */
import { PERMISSION_PRESETS, type Permission } from '../src-shared/api/permissions.js';
import { openDatabase } from '../src-server/db/database.js';
import { migrateToLatest } from '../src-server/db/migrations.js';
import { createAccount } from '../src-server/domain/accounts.js';
import { insertMembership } from '../src-server/domain/memberships.js';
import { addDomain, addInvoice } from '../src-server/domain/purchases.js';
import { createUser } from '../src-server/domain/users.js';
import { type RunningProvider, serveProvider } from './provider-process.js';

export const AGENCY_PASSWORD = 'Bench-Mark-2025!x';

const FIRST = ['Bellini', 'Alpen', 'Nord', 'Côte', 'Fjord', 'Luna', 'Hafen', 'Green', 'Atelier', 'Studio'];
const FIRST_MORE = ['Casa', 'Boulangerie', 'Piekarnia', 'Café', 'Hotel', 'Galleria', 'Kowalski', 'Moreau', 'Schneider', 'Verdi'];
const SECOND = ['Ristorante', 'Dental', 'Logistics', 'Yachting', 'Bakery', 'Design', 'Consulting', 'Immobilier', 'Fisheries', 'Yoga'];
const SECOND_MORE = ['Chalet', 'Segelschule', 'Organics', 'Media', 'Legal', 'Motors', 'Travel', 'Optik', 'Vini', 'Sport'];
const FIRSTS = [...FIRST, ...FIRST_MORE];
const SECONDS = [...SECOND, ...SECOND_MORE];
const GRANTS: readonly (readonly Permission[])[] = Object.values(PERMISSION_PRESETS);

/** The customer's name and domain slug of account `n`: every pair of words, then numbered. */
function customer(n: number): { name: string; slug: string } {
  const first = FIRSTS[n % FIRSTS.length]!;
  const second = SECONDS[Math.floor(n / FIRSTS.length) % SECONDS.length]!;
  const slug = `${first}-${second}-${n}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9-]/g, '');
  return { name: `${first} ${second} ${n}`, slug };
}

export interface Agency {
  logins: string[];
}

/** Seeds an empty SQLite file: `accounts` accounts owned by the first of `logins` logins, shared with the others. */
export async function seedAgency(databaseFile: string, accounts: number, logins: number): Promise<Agency> {
  const db = openDatabase({ file: databaseFile, url: '' });
  try {
    await migrateToLatest(db);
    const now = new Date();
    const emails = Array.from({ length: logins }, (_, i) => `agency${i}@bench.example`);
    const users: { id: string }[] = [];
    for (const [i, email] of emails.entries()) users.push(await createUser(db, now, { email, name: `Agency ${i}`, password: AGENCY_PASSWORD }));
    // createAccount commits on its own; what follows commits once instead of 55,000 times.
    const accountIds: string[] = [];
    for (let n = 0; n < accounts; n++) accountIds.push((await createAccount(db, now, { name: customer(n).name, ownerEmail: emails[0]! })).id);
    await db.transaction().execute(async (trx) => {
      for (const [n, accountId] of accountIds.entries()) {
        await addDomain(trx, now, accountId, {
          name: `${customer(n).slug}.com`,
          expiresAt: new Date(now.getTime() + ((n % 90) + 1) * 86_400_000).toISOString(),
        });
        // Some unpaid invoices, so "needs attention" and the counts have something to show.
        if (n % 5 === 0) await addInvoice(trx, now, accountId, { amountCents: 1900, status: 'unpaid', dueAt: now.toISOString() });
        for (const [i, user] of users.slice(1).entries())
          await insertMembership(trx, now, { accountId, userId: user.id, role: 'member', permissions: [...GRANTS[(n + i) % GRANTS.length]!] });
      }
    });
    return { logins: emails };
  } finally {
    await db.destroy();
  }
}

/** The reference client area on `databaseFile`, in its own process on a free loopback port. */
export const serveAgency = (databaseFile: string): Promise<RunningProvider> => serveProvider({ databaseFile });
