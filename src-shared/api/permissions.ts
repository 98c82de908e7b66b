import { z } from 'zod';

/** The permission catalog of DESIGN §2. The API speaks these names; connectors map them. */
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

export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

export const ROLES = ['owner', 'admin', 'member'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

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
