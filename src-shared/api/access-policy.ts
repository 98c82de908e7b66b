/**
 * How an owner bounds who may reach an account: the email domains invitations may go to
 * (docs/ARCHITECTURE.md §9 "Allowed invitation domains"). Expiring access lives on the grants
 * themselves (team.ts `expiresAt`).
 */
import { z } from 'zod';

/** A mail domain as people type it after the `@`: lower-cased, at least one dot, no `@` or wildcard. */
export const InvitationDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Give a domain such as example.com, without @.');

/** `GET`/`PUT /accounts/{id}/invitation-domains` (owner only); an empty list lets anyone be invited. */
export const AllowedInvitationDomains = z
  .object({ domains: z.array(InvitationDomain).max(50) })
  .strict()
  .meta({ id: 'AllowedInvitationDomains' });
export type AllowedInvitationDomains = z.infer<typeof AllowedInvitationDomains>;

/** The API paths of the policy, relative to `/api/v1` (`{id}` is the account's id). */
export const ACCESS_POLICY_ROUTES = {
  invitationDomains: '/accounts/{id}/invitation-domains',
  invitation: '/accounts/{id}/invitations/{invId}',
} as const;

/** Whether an email may be invited under a list of allowed domains (empty: anyone; subdomains do not count). */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  if (domains.length === 0) return true;
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1).toLowerCase();
  return at > 0 && domains.includes(domain);
}
