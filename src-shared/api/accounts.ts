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
    /**
     * Set while the provider has not told the counts yet (WHMCS shows them only on each account's
     * home page, read in the background): `summary` then holds zeros that mean "not known", and the
     * list shows them as not counted yet.
     */
    summaryPending: z.literal(true).optional(),
    updatedAt: Timestamp,
    /**
     * Names of the account's domains the caller may see (domains.view or .manage, within a scope),
     * at most 50, by name: for search. Absent from providers that do not list them.
     */
    domainNames: z.array(z.string()).max(50).optional(),
    /** When the caller's own access to this account ends by itself; null or absent: it does not end. */
    accessExpiresAt: Timestamp.nullable().optional(),
    /**
     * The account's policy "require two-factor sign-in for everyone with access", and whether the
     * caller's login has it on: with `required` and not `enabled`, every action on the account but
     * seeing it is refused until the caller turns it on. Absent from providers that do not tell.
     */
    twoFactor: z.object({ required: z.boolean(), enabled: z.boolean() }).optional(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;

export const AccountPage = z.object({ items: z.array(Account), nextCursor: z.string().nullable() }).meta({ id: 'AccountPage' });
export type AccountPage = z.infer<typeof AccountPage>;

/**
 * The tag a provider answers "what changed since `updatedSince`?" with (the first page, same
 * `limit`) while nothing changed: asked again with `If-None-Match`, it is a 304 without a page.
 */
export const QuietTag = z.object({ updatedSince: Timestamp, etag: z.string().min(1) });
export type QuietTag = z.infer<typeof QuietTag>;

/**
 * Headers of the last page of a whole listing (asked without `updatedSince`) when the provider
 * built every page of it in one state of its data: the question "what changed since
 * `quiet-since`?" then has an empty answer tagged `quiet-etag`, so a client's first re-sync after
 * the listing is already a conditional request answered 304. Absent when the provider cannot tell.
 */
export const QuietTagHeaders = z.object({
  'quiet-etag': QuietTag.shape.etag.describe('The ETag of the empty answer to `updatedSince` = `quiet-since`, same `limit`, first page.'),
  'quiet-since': QuietTag.shape.updatedSince.describe('Just after the newest `updatedAt` in the listing: the `updatedSince` the tag answers.'),
});

/** What the published document says of `QuietTagHeaders` on `GET /accounts` (its generator lists no response headers). */
export const QUIET_TAG_DESCRIPTION = `Paged by \`cursor\`; \`updatedSince\` asks only what changed; \`If-None-Match\` is answered 304 while a page holds. The last page of a whole listing (no \`updatedSince\`) whose pages were all built in one state of the data carries the headers ${Object.entries(
  QuietTagHeaders.shape,
)
  .map(([name, schema]) => `\`${name}\` (${schema.description})`)
  .join(
    ' and ',
  )}: asked with \`updatedSince\` = \`quiet-since\`, the same \`limit\` and \`If-None-Match\` = \`quiet-etag\`, the server answers 304 until something changes.`;
