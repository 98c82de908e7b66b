/**
 * The pure halves of the `whmcs-admin` connector: the permission table, the reading of WHMCS's
 * `result: error` sentences into coded errors, the stored credential, and WHMCS's dates and shapes.
 */
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src-shared/api/permissions.js';
import { capabilitiesOf } from '../../../src-main/connectors/capabilities.js';
import { createConnector } from '../../../src-main/connectors/connector-registry.js';
import { fromWhmcsKeys, toWhmcsKeys, WHMCS_PERMISSIONS, withoutWhmcsKey } from '../../../src-main/connectors/whmcs/permission-map.js';
import { refusalError } from '../../../src-main/connectors/whmcs/admin/admin-errors.js';
import {
  decodeCredential,
  encodeCredential,
  joinSecretAndAccessKey,
  splitSecretAndAccessKey,
} from '../../../src-main/connectors/whmcs/admin/admin-credential.js';
import { GetClientsAnswer, GetContactsAnswer, isoFromWhmcs } from '../../../src-main/connectors/whmcs/admin/answers.js';
import { accountOfClient } from '../../../src-main/connectors/whmcs/admin/client-accounts.js';
import { silentLogger } from '../../../src-main/logging.js';
import { WHMCS_PERMISSION_KEYS } from '../../whmcs-stand-in/admin/world.js';

describe('WHMCS permission table', () => {
  it('maps each of WHMCS 13 keys to a distinct Clientdeck permission, and only users.manage has no key', () => {
    expect(Object.keys(WHMCS_PERMISSIONS)).toEqual([...WHMCS_PERMISSION_KEYS]);
    expect(new Set(Object.values(WHMCS_PERMISSIONS)).size).toBe(13);
    expect(withoutWhmcsKey(PERMISSIONS)).toEqual(['users.manage']);
  });

  it('round-trips every permission WHMCS can hold, in WHMCS order one way and the catalog order the other', () => {
    expect(toWhmcsKeys(['tickets', 'services.view', 'users.manage'])).toEqual(['products', 'tickets']);
    expect(fromWhmcsKeys(['tickets', 'products', 'unknown-key'])).toEqual(['services.view', 'tickets']);
    const storable = PERMISSIONS.filter((p) => p !== 'users.manage');
    expect(fromWhmcsKeys(toWhmcsKeys(storable))).toEqual(storable);
  });
});

describe('WHMCS result: error sentences as coded errors', () => {
  const provider = 'billing.example.test';

  it.each([
    ['Invalid IP 203.0.113.9', 'request', 'forbidden', 'invalid_ip'],
    ['Authentication Failed', 'sign_in', 'wrong_credentials', 'authentication_failed'],
    ['Authentication Failed', 'request', 'needs_sign_in', 'authentication_failed'],
    ['Invalid Permissions: API action "getclients" is not allowed', 'request', 'forbidden', 'invalid_permissions'],
    ['Invalid client id', 'request', 'not_found', 'not_found'],
    ['Invalid client_id', 'request', 'not_found', 'not_found'],
    ['Client ID Not Found', 'request', 'not_found', 'not_found'],
    ['User is not associated with client', 'request', 'not_found', 'not_found'],
    ['User already associated with client', 'request', 'conflict', 'conflict'],
    ['Duplicate Email Address', 'request', 'conflict', 'conflict'],
    ['You cannot remove the account owner', 'request', 'forbidden', 'forbidden'],
    ['Missing permissions definition', 'request', 'provider_error', 'refused'],
  ] as const)('%s (%s) → %s', (message, phase, code, providerCode) => {
    const error = refusalError(message, provider, phase, 200);
    expect(error).toMatchObject({ code, providerCode, httpStatus: 200 });
    // The provider's own sentence is kept, so the user sees which IP, action or field it was.
    expect(error.message).toContain(`“${message}”`);
    expect(error.message).toContain(provider);
  });
});

describe('the whmcs-admin credential', () => {
  it('carries the access key beside the secret only when there is one', () => {
    expect(splitSecretAndAccessKey('s3cret')).toEqual({ secret: 's3cret' });
    expect(splitSecretAndAccessKey(joinSecretAndAccessKey('s3cret', 'k!(1)'))).toEqual({ secret: 's3cret', accessKey: 'k!(1)' });
    expect(joinSecretAndAccessKey('s3cret')).toBe('s3cret');
    expect(splitSecretAndAccessKey('{not json')).toEqual({ secret: '{not json' });
  });

  it('keeps the identifier as typed (WHMCS compares it case-sensitively) and rejects what it cannot read', () => {
    const stored = encodeCredential({ identifier: 'AbC', secret: 'x', accessKey: 'k' });
    expect(decodeCredential(stored)).toEqual({ identifier: 'AbC', secret: 'x', accessKey: 'k' });
    expect(decodeCredential(null)).toBeNull();
    expect(decodeCredential('a refresh token of another kind')).toBeNull();
    expect(decodeCredential('{"identifier":""}')).toBeNull();
  });
});

describe("WHMCS's answers", () => {
  it('reads lists nested or empty, numbers as strings or numbers, and dates without a zone as UTC', () => {
    const page = GetClientsAnswer.parse({
      result: 'success',
      totalresults: '2',
      startnumber: 0,
      numreturned: '1',
      clients: {
        client: [{ id: '7', firstname: 'Ada', lastname: 'Lovelace', companyname: '', email: 'ada@example.test', datecreated: '2016-01-15', status: 'Active' }],
      },
    });
    expect(page).toMatchObject({ totalresults: 2, numreturned: 1, clients: [{ id: 7 }] });
    expect(GetClientsAnswer.parse({ totalresults: 0, numreturned: 0, clients: [] }).clients).toEqual([]);
    expect(GetContactsAnswer.parse({ totalresults: 0, numreturned: 0 }).contacts).toEqual([]);
    expect(isoFromWhmcs('2020-12-15 15:29:49')).toBe('2020-12-15T15:29:49.000Z');
    expect(isoFromWhmcs('0000-00-00 00:00:00')).toBe('1970-01-01T00:00:00.000Z');
    expect(accountOfClient(page.clients[0]!)).toMatchObject({
      id: '7',
      name: 'Ada Lovelace',
      role: 'owner',
      scope: null,
      updatedAt: '2016-01-15T00:00:00.000Z',
    });
  });
});

describe('the whmcs-admin kind', () => {
  it('is built by the registry and has exactly the parts the admin API serves', () => {
    const connector = createConnector('whmcs-admin', {
      baseUrl: 'https://billing.example.test',
      credentials: { read: async () => null, write: async () => undefined },
      logger: silentLogger(),
    });
    expect(connector.kind).toBe('whmcs-admin');
    expect(capabilitiesOf(connector)).toEqual(['accounts.list', 'invitations.incoming', 'invitations.answer', 'users.manage', 'contacts', 'sso']);
  });

  it('has no invitee: no incoming invitations, and answering one is refused with a code', async () => {
    const connector = createConnector('whmcs-admin', {
      baseUrl: 'https://billing.example.test',
      credentials: { read: async () => null, write: async () => undefined },
      logger: silentLogger(),
    });
    expect(await connector.listIncomingInvitations()).toEqual([]);
    await expect(connector.answerInvitation('inv_1', 'accept', 'key')).rejects.toMatchObject({ code: 'not_supported' });
  });
});
