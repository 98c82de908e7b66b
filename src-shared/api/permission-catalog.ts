/**
 * The permission catalog of docs/ARCHITECTURE.md §9 as plain values, no schema: the renderer's
 * first script (the accounts list shows each row's access) reads them without building zod's
 * schemas, which `permissions.ts` makes from these same values.
 */

export const PERMISSIONS = [
  'profile.manage',
  'contacts.manage',
  'services.view',
  'services.manage',
  'services.sso',
  'domains.view',
  'domains.manage',
  'billing.invoices',
  'billing.quotes',
  'orders.place',
  'tickets',
  'emails.history',
  'affiliates',
  'users.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The roles a grant can give. Owners are made by ownership transfer only, never by a grant. */
export const GRANT_ROLES = ['admin', 'member'] as const;
export type GrantRole = (typeof GRANT_ROLES)[number];

export const ROLES = ['owner', ...GRANT_ROLES] as const;
export type Role = (typeof ROLES)[number];

/** Named permission sets offered in the UI; what is stored is always the set itself. */
export const PERMISSION_PRESETS = {
  all: [...PERMISSIONS],
  webDeveloper: ['services.view', 'services.manage', 'services.sso', 'domains.view', 'domains.manage', 'tickets'],
  accountant: ['billing.invoices', 'billing.quotes', 'emails.history'],
  supportOnly: ['tickets'],
} as const satisfies Record<string, readonly Permission[]>;
export type PermissionPreset = keyof typeof PERMISSION_PRESETS;

/** Owners hold every permission whatever is stored; `users.manage` is never granted to a plain member. */
export function effectivePermissions(role: Role, stored: readonly Permission[]): Permission[] {
  if (role === 'owner') return [...PERMISSIONS];
  const set = new Set(stored);
  if (role === 'member') set.delete('users.manage');
  return PERMISSIONS.filter((p) => set.has(p));
}
