/** The one table between WHMCS's 13 permission keys and Clientdeck's catalog, as the client-area connector and its stand-in use it. */
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src-shared/api/permissions.js';
import { fromWhmcsKeys, toWhmcsKeys, WHMCS_PERMISSIONS } from '../../../src-main/connectors/whmcs/permission-map.js';
import { WHMCS_PERMISSION_KEYS } from '../../whmcs-stand-in/client-area/state.js';

describe('WHMCS permission table (client area)', () => {
  it('knows every key of the client-area forms, each its own Clientdeck permission, and only users.manage has no key', () => {
    expect(Object.keys(WHMCS_PERMISSIONS).sort()).toEqual([...WHMCS_PERMISSION_KEYS].sort());
    const targets = Object.values(WHMCS_PERMISSIONS);
    expect(new Set(targets).size).toBe(13);
    expect(PERMISSIONS.filter((p) => !(targets as string[]).includes(p))).toEqual(['users.manage']);
  });

  it('reads both ways and drops what the other side has no word for', () => {
    expect(fromWhmcsKeys(['products', 'productsso', 'tickets', 'unknownkey'])).toEqual(['services.view', 'services.sso', 'tickets']);
    expect(toWhmcsKeys(['services.view', 'tickets', 'users.manage'])).toEqual(['products', 'tickets']);
    expect(toWhmcsKeys(fromWhmcsKeys([...WHMCS_PERMISSION_KEYS]))).toEqual([...WHMCS_PERMISSION_KEYS]);
    expect(toWhmcsKeys([...PERMISSIONS])).toHaveLength(13);
  });
});
