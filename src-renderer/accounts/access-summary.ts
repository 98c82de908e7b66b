import {
  effectivePermissions,
  PERMISSION_PRESETS,
  PERMISSIONS,
  type Permission,
  type PermissionPreset,
  type Role,
} from '../../src-shared/api/permission-catalog.js';
import type { Scope } from '../../src-shared/api/permissions.js';

export const PERMISSION_AREAS = ['profile', 'contacts', 'services', 'domains', 'billing', 'orders', 'tickets', 'emails', 'affiliates', 'users'] as const;
export type PermissionArea = (typeof PERMISSION_AREAS)[number];

const AREA_OF: Record<Permission, PermissionArea> = {
  'profile.manage': 'profile',
  'contacts.manage': 'contacts',
  'services.view': 'services',
  'services.manage': 'services',
  'services.sso': 'services',
  'domains.view': 'domains',
  'domains.manage': 'domains',
  'billing.invoices': 'billing',
  'billing.quotes': 'billing',
  'orders.place': 'orders',
  tickets: 'tickets',
  'emails.history': 'emails',
  affiliates: 'affiliates',
  'users.manage': 'users',
};

export type AccessSummary =
  | { kind: 'all'; scoped: boolean }
  | { kind: 'none'; scoped: boolean }
  | { kind: 'preset'; preset: Exclude<PermissionPreset, 'all'>; scoped: boolean }
  | { kind: 'areas'; areas: PermissionArea[]; more: number; scoped: boolean };

const MAX_AREAS = 3;

/** A few words for a list row; the full set is shown where there is room. */
export function summarizeAccess(role: Role, stored: readonly Permission[], scope: Scope): AccessSummary {
  const perms = effectivePermissions(role, stored);
  const scoped = scope !== null && ((scope.services?.length ?? 0) > 0 || (scope.domains?.length ?? 0) > 0);
  if (perms.length === PERMISSIONS.length) return { kind: 'all', scoped };
  if (perms.length === 0) return { kind: 'none', scoped };
  const have = new Set(perms);
  for (const [name, set] of Object.entries(PERMISSION_PRESETS) as [PermissionPreset, readonly Permission[]][]) {
    if (name !== 'all' && set.length === have.size && set.every((p) => have.has(p))) return { kind: 'preset', preset: name, scoped };
  }
  const areas = [...new Set(perms.map((p) => AREA_OF[p]))];
  return { kind: 'areas', areas: areas.slice(0, MAX_AREAS), more: Math.max(0, areas.length - MAX_AREAS), scoped };
}

/** i18n keys cannot contain the catalog's dots. */
export function permissionKey(permission: Permission): string {
  return `permissions.${permission.replace('.', '_')}`;
}

/** The catalog grouped by area, in catalog order, for pickers and the permission matrix. */
export function permissionsByArea(): { area: PermissionArea; permissions: Permission[] }[] {
  const groups = new Map<PermissionArea, Permission[]>();
  for (const p of PERMISSIONS) {
    const area = AREA_OF[p];
    groups.set(area, [...(groups.get(area) ?? []), p]);
  }
  return [...groups].map(([area, permissions]) => ({ area, permissions }));
}
