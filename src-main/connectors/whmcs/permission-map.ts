import { PERMISSIONS, type Permission } from '../../../src-shared/api/permissions.js';

/**
 * WHMCS's 13 per-client permission keys (GetPermissionsList, the client area's user-management
 * form) and the Clientdeck permission each one is: the one table both WHMCS connectors use
 * (`whmcs-admin` here, the client-area login in `client-area/`). `users.manage` has no key: in
 * WHMCS only the client's owner manages its users.
 */
export const WHMCS_PERMISSIONS = {
  profile: 'profile.manage',
  contacts: 'contacts.manage',
  products: 'services.view',
  manageproducts: 'services.manage',
  productsso: 'services.sso',
  domains: 'domains.view',
  managedomains: 'domains.manage',
  invoices: 'billing.invoices',
  quotes: 'billing.quotes',
  tickets: 'tickets',
  affiliates: 'affiliates',
  emails: 'emails.history',
  orders: 'orders.place',
} as const satisfies Record<string, Permission>;

export type WhmcsPermissionKey = keyof typeof WHMCS_PERMISSIONS;

const KEYS = Object.keys(WHMCS_PERMISSIONS) as WhmcsPermissionKey[];
const KEY_OF = new Map<Permission, WhmcsPermissionKey>(KEYS.map((key) => [WHMCS_PERMISSIONS[key], key]));

/** Clientdeck's permissions as WHMCS keys, in WHMCS's order; a permission WHMCS has no key for is left out. */
export function toWhmcsKeys(permissions: readonly Permission[]): WhmcsPermissionKey[] {
  const wanted = new Set(permissions.map((p) => KEY_OF.get(p)).filter((k): k is WhmcsPermissionKey => k !== undefined));
  return KEYS.filter((key) => wanted.has(key));
}

/** WHMCS keys as Clientdeck's permissions, in the catalog's order; keys this table does not know are left out. */
export function fromWhmcsKeys(keys: readonly string[]): Permission[] {
  const held = new Set<Permission>(keys.filter((k): k is WhmcsPermissionKey => Object.hasOwn(WHMCS_PERMISSIONS, k)).map((k) => WHMCS_PERMISSIONS[k]));
  return PERMISSIONS.filter((p) => held.has(p));
}

/** The Clientdeck permissions WHMCS cannot grant to a user (no key in the table). */
export function withoutWhmcsKey(permissions: readonly Permission[]): Permission[] {
  return permissions.filter((p) => !KEY_OF.has(p));
}
