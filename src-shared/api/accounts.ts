/** The accounts a login can reach, with its grant on each and the counts the list shows. */
import { z } from 'zod';
import { Permission, Role, Scope } from './permissions.js';
import { Id, Timestamp } from './primitives.js';

export const AccountCounts = z
  .object({
    services: z.number().int().nonnegative(),
    domainsExpiringSoon: z.number().int().nonnegative(),
    unpaidInvoices: z.number().int().nonnegative(),
    openTickets: z.number().int().nonnegative(),
  })
  .meta({ id: 'AccountCounts' });

export const Account = z
  .object({
    id: Id,
    name: z.string(),
    role: Role,
    permissions: z.array(Permission),
    scope: Scope,
    summary: AccountCounts,
    updatedAt: Timestamp,
    /**
     * Names of the account's domains the caller may see (domains.view or .manage, within a scope),
     * at most 50, by name: for search. Absent from providers that do not list them.
     */
    domainNames: z.array(z.string()).max(50).optional(),
    /** When the caller's own access to this account ends by itself; null or absent: it does not end. */
    accessExpiresAt: Timestamp.nullable().optional(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;

export const AccountPage = z.object({ items: z.array(Account), nextCursor: z.string().nullable() }).meta({ id: 'AccountPage' });
export type AccountPage = z.infer<typeof AccountPage>;
