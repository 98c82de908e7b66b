import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { PERMISSION_PRESETS, type Permission, type Scope } from '../../src-shared/api/permissions.js';
import { consentText } from '../../src-shared/api/team.js';
import type { Database } from '../db/tables.js';
import { addDays } from '../domain/clock.js';
import { createInvitation } from '../domain/invitations.js';
import { insertMembership } from '../domain/memberships.js';
import { hashPassword, NO_PASSWORD } from '../domain/passwords.js';
import { newId } from '../domain/tokens.js';
import { AGENCY_ADMIN_OF, AGENCY_MEMBER_OF, AGENCY_OWN, type DemoCustomer, INVITING_CUSTOMERS, SERVICE_NAMES, TICKET_SUBJECTS } from './catalog.js';
import { DEMO_LOGINS } from './demo-logins.js';

/** Permission sets the agency holds as a member, in turn: presets and one hand-picked set. */
const MEMBER_GRANTS: readonly (readonly Permission[])[] = [
  PERMISSION_PRESETS.webDeveloper,
  PERMISSION_PRESETS.all,
  PERMISSION_PRESETS.accountant,
  PERMISSION_PRESETS.supportOnly,
  ['services.view', 'domains.view', 'tickets'],
];

/**
 * Fills an empty database with the demo provider's data; does nothing when any login exists.
 * Only three passwords are hashed (the two demo logins and one unguessable password shared by the
 * customers' own logins), so seeding takes well under a second.
 */
export async function seedDemo(db: Kysely<Database>, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const [agencyHash, ownerHash, customerHash] = await Promise.all([
    hashPassword(DEMO_LOGINS.agency.password),
    hashPassword(DEMO_LOGINS.owner.password),
    hashPassword(`${randomBytes(24).toString('base64url')}Aa1!`),
  ]);
  await db.transaction().execute(async (trx) => {
    const seed = new Seeder(trx, now, customerHash);
    const agency = await seed.user(DEMO_LOGINS.agency.email, DEMO_LOGINS.agency.name, agencyHash);
    const giulia = await seed.user(DEMO_LOGINS.owner.email, DEMO_LOGINS.owner.name, ownerHash);

    let n = 0;
    for (const customer of AGENCY_OWN) {
      await seed.customerAccount(customer, n++, { ownerId: agency });
    }
    for (const customer of AGENCY_ADMIN_OF) {
      const { accountId } = await seed.customerAccount(customer, n++);
      await insertMembership(trx, now, { accountId, userId: agency, role: 'admin', permissions: PERMISSION_PRESETS.all });
    }
    for (const [i, customer] of AGENCY_MEMBER_OF.entries()) {
      const { accountId, serviceIds } = await seed.customerAccount(customer, n++);
      const permissions = MEMBER_GRANTS[i % MEMBER_GRANTS.length] ?? PERMISSION_PRESETS.supportOnly;
      // Every fifth member grant is limited to the account's first service.
      const scope: Scope = i % MEMBER_GRANTS.length === 4 ? { services: serviceIds.slice(0, 1) } : null;
      await insertMembership(trx, now, { accountId, userId: agency, role: 'member', permissions, scope });
    }

    for (const customer of INVITING_CUSTOMERS) {
      const { accountId, ownerId } = await seed.customerAccount(customer, n++);
      await createInvitation(trx, addDays(now, -customer.daysAgo), {
        accountId,
        invitedBy: ownerId,
        email: DEMO_LOGINS.agency.email,
        permissions: PERMISSION_PRESETS.webDeveloper,
      });
    }

    // The owner login: one restaurant with staff, contacts and invitations still out.
    const bellini = await seed.customerAccount({ name: 'Bellini Ristorante', owner: DEMO_LOGINS.owner.name, domain: 'bellini-ristorante.example' }, n, {
      ownerId: giulia,
    });
    const marco = await seed.user('marco@bellini-ristorante.example', 'Marco Bellini', customerHash);
    const sara = await seed.user('sara.ricci@studio-ricci.example', 'Sara Ricci', customerHash);
    const luigi = await seed.user('luigi@bellini-ristorante.example', 'Luigi Esposito', customerHash);
    await insertMembership(trx, now, { accountId: bellini.accountId, userId: marco, role: 'admin', permissions: PERMISSION_PRESETS.all });
    await insertMembership(trx, now, { accountId: bellini.accountId, userId: sara, role: 'member', permissions: PERMISSION_PRESETS.accountant });
    await insertMembership(trx, now, { accountId: bellini.accountId, userId: luigi, role: 'member', permissions: PERMISSION_PRESETS.supportOnly });
    await seed.contacts(bellini.accountId);
    const outgoing = [
      { email: DEMO_LOGINS.agency.email, permissions: PERMISSION_PRESETS.webDeveloper, daysAgo: 0 },
      { email: 'commercialista@studio-neri.example', permissions: PERMISSION_PRESETS.accountant, daysAgo: 3 },
      { email: 'webmaster@freelance-dev.example', permissions: ['services.view', 'domains.view', 'domains.manage'] as Permission[], daysAgo: 5 },
    ];
    for (const inv of outgoing) {
      await createInvitation(trx, addDays(now, -inv.daysAgo), {
        accountId: bellini.accountId,
        invitedBy: giulia,
        email: inv.email,
        permissions: inv.permissions,
      });
    }
    await seed.belliniExtras(bellini.accountId, { giulia, luigi });
  });
  return true;
}

/** Writes one customer at a time; every quantity derives from the customer's position `n`. */
class Seeder {
  private customerNumber = 20_001;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly now: Date,
    private readonly customerHash: string,
  ) {}

  async user(
    email: string,
    name: string,
    passwordHash: string,
    opts: { status?: 'active' | 'pending_activation'; language?: string; managedBy?: string } = {},
  ): Promise<string> {
    const id = newId('usr');
    const at = this.now.toISOString();
    await this.trx
      .insertInto('users')
      .values({
        id,
        email,
        notification_email: null,
        name,
        password_hash: passwordHash,
        customer_number: String(this.customerNumber++),
        status: opts.status ?? 'active',
        created_at: at,
        updated_at: at,
        language: opts.language ?? 'en',
        // The provider made these logins: their emails are vouched for, except a managed user's before activation.
        email_verified_at: opts.status === 'pending_activation' ? null : at,
        managed_by_account: opts.managedBy ?? null,
      })
      .execute();
    return id;
  }

  async customerAccount(c: DemoCustomer, n: number, opts: { ownerId?: string } = {}) {
    const { trx, now } = this;
    const at = now.toISOString();
    const ownerId = opts.ownerId ?? (await this.user(`owner@${c.domain}`, c.owner, this.customerHash));
    const accountId = newId('acc');
    await trx.insertInto('accounts').values({ id: accountId, name: c.name, owner_id: ownerId, created_at: at, updated_at: at }).execute();
    await insertMembership(trx, now, { accountId, userId: ownerId, role: 'owner', permissions: PERMISSION_PRESETS.all });

    const serviceIds = SERVICE_NAMES.slice(0, 1 + (n % 5)).map(() => newId('svc'));
    await trx
      .insertInto('services')
      .values(
        serviceIds.map((id, i) => ({
          id,
          account_id: accountId,
          name: SERVICE_NAMES[i] ?? 'Web Hosting',
          status: i === 3 && n % 2 === 0 ? ('suspended' as const) : ('active' as const),
          created_at: at,
        })),
      )
      .execute();

    // Every third customer has a domain running out within 30 days; the rest renew later.
    const tlds = ['', '.shop', '.eu'];
    const domainCount = 1 + (n % 3);
    await trx
      .insertInto('domains')
      .values(
        tlds.slice(0, domainCount).map((tld, i) => ({
          id: newId('dom'),
          account_id: accountId,
          name: c.domain.replace(/\.example$/, `${tld || '.com'}`),
          expires_at: addDays(now, i === 0 && n % 3 === 0 ? 4 + (n % 20) : 45 + ((n * 37 + i * 53) % 300)).toISOString(),
          created_at: at,
        })),
      )
      .execute();

    const invoices = [0, 1, 2].map((i) => ({
      id: newId('ivc'),
      account_id: accountId,
      amount_cents: 1_990 + ((n * 731 + i * 1_237) % 40_000),
      status: i < n % 3 ? ('unpaid' as const) : ('paid' as const),
      due_at: addDays(now, 14 - i * 30).toISOString(),
      created_at: at,
    }));
    await trx.insertInto('invoices').values(invoices).execute();

    const ticketCount = n % 4;
    if (ticketCount > 0) {
      await trx
        .insertInto('tickets')
        .values(
          Array.from({ length: ticketCount }, (_, i) => ({
            id: newId('tkt'),
            account_id: accountId,
            subject: TICKET_SUBJECTS[(n + i) % TICKET_SUBJECTS.length] ?? 'Question',
            status: i === 2 ? ('closed' as const) : i === 1 ? ('answered' as const) : ('open' as const),
            opened_by: ownerId,
            opened_as: 'owner',
            created_at: at,
            body: 'Hello, could you have a look at this? Thank you.',
          })),
        )
        .execute();
    }
    return { accountId, ownerId, serviceIds };
  }

  /**
   * The owner's restaurant also has: an invitation by customer number (with the consent recorded),
   * two users Giulia created herself (one still waiting for activation) and tickets opened by her
   * and by an authorized user.
   */
  async belliniExtras(accountId: string, people: { giulia: string; luigi: string }): Promise<void> {
    const { trx, now } = this;
    const at = now.toISOString();
    const lawyer = await trx.selectFrom('users').select('customer_number').where('email', '=', 'owner@studiolegaleferraro.example').executeTakeFirstOrThrow();
    await createInvitation(trx, addDays(now, -1), {
      accountId,
      invitedBy: people.giulia,
      customerNumber: lawyer.customer_number,
      permissions: ['profile.manage', 'billing.invoices'],
      consentText: consentText('customerNumber', { customerNumber: lawyer.customer_number, account: 'Bellini Ristorante' }),
    });
    await trx.updateTable('users').set({ language: 'it' }).where('id', '=', people.giulia).execute();
    const chef = await this.user('chef@bellini-ristorante.example', 'Chiara Rinaldi', NO_PASSWORD, {
      status: 'pending_activation',
      language: 'it',
      managedBy: accountId,
    });
    const floor = await this.user('sala@bellini-ristorante.example', 'Davide Moretti', this.customerHash, { language: 'it', managedBy: accountId });
    await insertMembership(trx, now, { accountId, userId: chef, role: 'member', permissions: PERMISSION_PRESETS.supportOnly, origin: 'managed' });
    await insertMembership(trx, now, { accountId, userId: floor, role: 'member', permissions: ['services.view', 'tickets'], origin: 'managed' });
    await trx
      .insertInto('tickets')
      .values([
        {
          id: newId('tkt'),
          account_id: accountId,
          subject: 'Booking form sends no confirmation mail',
          body: 'Guests book a table but get no confirmation since yesterday evening.',
          status: 'open',
          opened_by: people.luigi,
          opened_as: 'authorized_user',
          created_at: at,
        },
        {
          id: newId('tkt'),
          account_id: accountId,
          subject: 'Add the summer menu page',
          body: 'Please publish the new menu PDF under /menu-estate.',
          status: 'answered',
          opened_by: people.giulia,
          opened_as: 'owner',
          created_at: addDays(now, -2).toISOString(),
        },
      ])
      .execute();
  }

  async contacts(accountId: string): Promise<void> {
    const at = this.now.toISOString();
    const prefs = (p: Partial<Record<'general' | 'services' | 'domains' | 'billing' | 'support', boolean>>) =>
      JSON.stringify({ general: false, services: false, domains: false, billing: false, support: false, ...p });
    const milano = { address1: 'Via Roma 12', address2: '', city: 'Milano', region: 'MI', postcode: '20121', country: 'IT' };
    const rows = [
      {
        name: 'Francesca Neri',
        company: 'Studio Neri Commercialisti',
        email: 'francesca@studio-neri.example',
        phone: '+39 02 5550 1234',
        email_preferences: prefs({ billing: true }),
        ...milano,
        address1: 'Corso Buenos Aires 5',
      },
      {
        name: 'Roberto Galli',
        company: 'Galli Fornitori',
        email: 'roberto@galli-fornitori.example',
        phone: '+39 06 5550 8877',
        email_preferences: prefs({ general: true }),
        ...milano,
        city: 'Roma',
        region: 'RM',
        postcode: '00184',
        address1: 'Via Cavour 88',
      },
      {
        name: 'Elisa Bellini',
        company: '',
        email: 'elisa.bellini@example.com',
        phone: '',
        email_preferences: prefs({ services: true, domains: true, support: true }),
        ...milano,
      },
      {
        name: 'Ufficio Amministrazione',
        company: 'Bellini Ristorante',
        email: 'amministrazione@bellini-ristorante.example',
        phone: '+39 02 5550 9900',
        email_preferences: prefs({ billing: true, general: true }),
        ...milano,
      },
    ];
    await this.trx
      .insertInto('contacts')
      .values(rows.map((r) => ({ id: newId('con'), account_id: accountId, address: null, created_at: at, updated_at: at, ...r })))
      .execute();
  }
}
