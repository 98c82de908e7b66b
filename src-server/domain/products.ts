import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { consentText, type OutgoingInvitation } from '../../src-shared/api/team.js';
import type { DelegateDomain, Domain, Service } from '../../src-shared/api/services.js';
import type { Database, DomainRow, ServiceRow, UserRow } from '../db/tables.js';
import { assertPermission, canView, type Grant, holds, inScope, requireGrant } from './access.js';
import { requireAccountExists, touchAccount } from './accounts.js';
import { recordAudit } from './audit.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError, notFound } from './errors.js';
import { inviteToAccount } from './outgoing-invitations.js';
import { type ListQuery, decodePair, pageOf } from './paging.js';

function assertCanView(grant: Grant, what: 'services' | 'domains'): void {
  if (!canView(grant, what)) {
    throw new ClientAreaError('forbidden', 403, `You have no permission to see the ${what} of this account (it needs ${what}.view).`);
  }
}

/** A scope names what it reaches: the ids (or, for domains, also the names) a query may return. */
function scopeFilter(grant: Grant, what: 'services' | 'domains'): string[] | null {
  if (grant.scope === null) return null;
  return grant.scope[what] ?? [];
}

type ServiceWithAssignee = ServiceRow & { assignee_name: string | null; assignee_email: string | null };

function toService(row: ServiceWithAssignee): Service {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    status: row.status,
    assignee: row.assignee_id && row.assignee_name !== null ? { userId: row.assignee_id, name: row.assignee_name, email: row.assignee_email ?? '' } : null,
    createdAt: row.created_at,
  };
}

function servicesQuery(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('services')
    .leftJoin('users as assignee', 'assignee.id', 'services.assignee_id')
    .selectAll('services')
    .select(['assignee.name as assignee_name', 'assignee.email as assignee_email'])
    .where('services.account_id', '=', accountId);
}

/** Services of the account the caller may see: all with services.view, or only those in their scope. */
export async function listServices(db: Kysely<Database>, actor: UserRow, accountId: string, query: ListQuery) {
  const grant = await requireGrant(db, actor.id, accountId);
  assertCanView(grant, 'services');
  let q = servicesQuery(db, accountId);
  const only = scopeFilter(grant, 'services');
  if (only !== null) {
    if (only.length === 0) return { items: [], nextCursor: null };
    q = q.where('services.id', 'in', only);
  }
  if (query.cursor) {
    const [name, id] = decodePair(query.cursor);
    q = q.where((eb) => eb.or([eb('services.name', '>', name), eb.and([eb('services.name', '=', name), eb('services.id', '>', id)])]));
  }
  const rows = await q
    .orderBy('services.name')
    .orderBy('services.id')
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, (r) => [r.name, r.id], toService);
}

function toDomain(row: DomainRow): Domain {
  return { id: row.id, accountId: row.account_id, name: row.name, expiresAt: row.expires_at, createdAt: row.created_at };
}

/** Domains of the account the caller may see; a scope may name them by id or by name. */
export async function listDomains(db: Kysely<Database>, actor: UserRow, accountId: string, query: ListQuery) {
  const grant = await requireGrant(db, actor.id, accountId);
  assertCanView(grant, 'domains');
  let q = db.selectFrom('domains').selectAll().where('account_id', '=', accountId);
  const only = scopeFilter(grant, 'domains');
  if (only !== null) {
    if (only.length === 0) return { items: [], nextCursor: null };
    q = q.where((eb) => eb.or([eb('id', 'in', only), eb('name', 'in', only)]));
  }
  if (query.cursor) {
    const [name, id] = decodePair(query.cursor);
    q = q.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  const rows = await q
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, (r) => [r.name, r.id], toDomain);
}

/**
 * Assigns a service (a licence, a mailbox) to a user with access to the account, or unassigns it
 * (null). Needs services.manage and the service in the caller's scope.
 */
export async function assignService(ctx: ClientAreaContext, actor: UserRow, accountId: string, serviceId: string, userId: string | null): Promise<Service> {
  const now = ctx.clock();
  const grant = await requireGrant(ctx.db, actor.id, accountId);
  assertPermission(grant, 'services.manage');
  const service = await ctx.db.selectFrom('services').selectAll().where('id', '=', serviceId).where('account_id', '=', accountId).executeTakeFirst();
  if (!service || !inScope(grant.scope, 'services', service)) throw notFound('The service');
  let subject: string | null = null;
  if (userId !== null) {
    const member = await ctx.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.email'])
      .where('memberships.account_id', '=', accountId)
      .where('memberships.user_id', '=', userId)
      .executeTakeFirst();
    if (!member) throw new ClientAreaError('not_found', 404, 'A service can only be assigned to a user who has access to this account.');
    subject = member.email;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('services').set({ assignee_id: userId }).where('id', '=', serviceId).execute();
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'service.assigned',
      subject,
      detail: { serviceId, serviceName: service.name, userId },
    });
  });
  await touchAccount(ctx.db, now, accountId);
  const row = await servicesQuery(ctx.db, accountId).where('services.id', '=', serviceId).executeTakeFirstOrThrow();
  return toService(row);
}

/**
 * Hands the management of one domain to another customer by customer number (with consent): an
 * invitation whose acceptance gives a member grant with domains.view and domains.manage scoped to
 * that domain only. Giving access needs users.manage, and the giver must manage domains.
 */
export async function delegateDomain(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  domainId: string,
  input: z.output<typeof DelegateDomain>,
  baseUrl: string,
): Promise<OutgoingInvitation> {
  const grant = await requireGrant(ctx.db, actor.id, accountId);
  const domain = await ctx.db.selectFrom('domains').selectAll().where('id', '=', domainId).where('account_id', '=', accountId).executeTakeFirst();
  if (!domain || !canView(grant, 'domains') || !inScope(grant.scope, 'domains', domain)) throw notFound('The domain');
  assertPermission(grant, 'users.manage');
  if (!holds(grant, 'domains.manage')) throw new ClientAreaError('forbidden', 403, 'You need domains.manage to hand a domain to someone else.');
  const account = await requireAccountExists(ctx.db, accountId);
  return inviteToAccount(
    ctx,
    actor,
    accountId,
    { customerNumber: input.customerNumber, consent: true, role: 'member', permissions: ['domains.view', 'domains.manage'], scope: { domains: [domain.id] } },
    baseUrl,
    {
      kind: 'domain_delegation',
      consentText: consentText('domainDelegation', { domain: domain.name, account: account.name, customerNumber: input.customerNumber }),
      domainName: domain.name,
    },
  );
}
