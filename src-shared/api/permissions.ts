import { z } from 'zod';
import { GRANT_ROLES, Id } from './primitives.js';

/** The permission catalog of docs/ARCHITECTURE.md §9. The API speaks these names; connectors map them. */
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

export const ROLES = ['owner', ...GRANT_ROLES] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A member's grant may be limited to chosen services or domains; null means the whole account. */
export const Scope = z
  .object({
    services: z.array(Id).max(1000).optional(),
    domains: z.array(z.string().max(253)).max(1000).optional(),
  })
  .strict()
  .nullable()
  .meta({ id: 'Scope' });
export type Scope = z.infer<typeof Scope>;

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
