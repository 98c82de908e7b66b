/** The one table between WHMCS's 13 permission keys and Clientdeck's catalog. */
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src-shared/api/permissions.js';
import { fromWhmcs, isAllPermissions, toWhmcs, WHMCS_PERMISSIONS } from '../../../src-main/connectors/whmcs/client-area/permissions.js';
import { WHMCS_PERMISSION_KEYS } from '../../whmcs-stand-in/client-area/state.js';

describe('WHMCS permission table', () => {
  it('maps each of WHMCS’s 13 keys to its own Clientdeck permission, and only users.manage has no key', () => {
    expect(Object.keys(WHMCS_PERMISSIONS).sort()).toEqual([...WHMCS_PERMISSION_KEYS].sort());
    const targets = Object.values(WHMCS_PERMISSIONS);
    expect(new Set(targets).size).toBe(13);
    expect(PERMISSIONS.filter((p) => !(targets as string[]).includes(p))).toEqual(['users.manage']);
  });

  it('reads both ways, drops what the other side has no word for, and knows "all"', () => {
    expect(fromWhmcs(['products', 'productsso', 'tickets', 'unknownkey'])).toEqual(['services.view', 'services.sso', 'tickets']);
    expect(toWhmcs(['services.view', 'tickets', 'users.manage'])).toEqual(['products', 'tickets']);
    expect(toWhmcs(fromWhmcs([...WHMCS_PERMISSION_KEYS]))).toEqual([...WHMCS_PERMISSION_KEYS]);
    expect(isAllPermissions(toWhmcs([...PERMISSIONS]))).toBe(true);
    expect(isAllPermissions(['tickets'])).toBe(false);
  });
});
