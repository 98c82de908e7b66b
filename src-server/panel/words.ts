import type { Permission, Scope } from '../../src-shared/api/permissions.js';
import type { PasswordPolicy } from '../domain/passwords.js';

/** The permission catalog of docs/ARCHITECTURE.md §9 as a person reads it. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  'profile.manage': 'Edit the account profile',
  'contacts.manage': 'View and manage contacts',
  'services.view': 'See products and services',
  'services.manage': 'Change services and see their passwords',
  'services.sso': 'Sign in to service control panels',
  'domains.view': 'See domains',
  'domains.manage': 'Manage DNS, nameservers, transfer codes and renewals',
  'billing.invoices': 'See and pay invoices',
  'billing.quotes': 'See and accept quotes',
  'orders.place': 'Order, upgrade and cancel',
  tickets: 'Open and read support tickets',
  'emails.history': "Read the account's email history",
  affiliates: 'The affiliate program',
  'users.manage': 'Invite, edit and remove users',
};

export function scopeWords(scope: Scope): string | null {
  if (!scope) return null;
  const parts = [
    scope.services?.length ? `${scope.services.length} chosen service${scope.services.length === 1 ? '' : 's'}` : null,
    scope.domains?.length ? `the domain${scope.domains.length === 1 ? '' : 's'} ${scope.domains.join(', ')}` : null,
  ].filter(Boolean);
  return parts.length ? `Limited to ${parts.join(' and ')}.` : 'Limited to nothing yet: the owner has to choose services or domains.';
}

/** "at least 8 characters, an upper-case letter, …": the policy the provider set, in words. */
export function passwordPolicyWords(policy: PasswordPolicy): string {
  const needs = [`at least ${policy.minLength} characters`];
  if (policy.requireUpper) needs.push('an upper-case letter');
  if (policy.requireLower) needs.push('a lower-case letter');
  if (policy.requireDigit) needs.push('a digit');
  if (policy.requireSpecial) needs.push('a special character');
  return `The password needs ${needs.join(', ')}${policy.refuseCommon ? ', and must not be a common password' : ''}.`;
}
