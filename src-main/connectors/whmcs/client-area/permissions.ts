import type { Permission } from '../../../../src-shared/api/permissions.js';

/**
 * WHMCS's user permission keys (the `perms[<key>]` of its invite and permission forms) and the
 * Clientdeck permission each one is: the one table both directions read. Clientdeck's
 * `users.manage` has no key: in WHMCS only the account's owner manages its users.
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

export function isWhmcsPermissionKey(key: string): key is WhmcsPermissionKey {
  return (KEYS as string[]).includes(key);
}

/** Clientdeck's permissions for WHMCS keys, in the catalog's order; unknown keys are left out. */
export function fromWhmcs(keys: readonly string[]): Permission[] {
  return keys.filter(isWhmcsPermissionKey).map((key) => WHMCS_PERMISSIONS[key]);
}

/** The WHMCS keys for Clientdeck's permissions; those WHMCS has no key for are left out. */
export function toWhmcs(permissions: readonly Permission[]): WhmcsPermissionKey[] {
  return KEYS.filter((key) => permissions.includes(WHMCS_PERMISSIONS[key]));
}

/** True when the keys are every key WHMCS has: the invite form's "all permissions". */
export function isAllPermissions(keys: readonly WhmcsPermissionKey[]): boolean {
  return KEYS.every((key) => keys.includes(key));
}
