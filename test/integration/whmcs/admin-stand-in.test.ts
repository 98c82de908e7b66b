/**
 * The WHMCS admin-API stand-in itself, spoken to as a raw HTTP client would: the request fields,
 * answer shapes and `result: error` sentences the connector relies on are WHMCS's, not ours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_CREDENTIAL, startAdminStandIn, type AdminStandIn } from '../../whmcs-stand-in/admin/server.js';

async function call(standIn: AdminStandIn, fields: Record<string, string>) {
  const response = await fetch(`${standIn.url}/includes/api.php`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identifier: STAND_IN_CREDENTIAL.identifier, secret: STAND_IN_CREDENTIAL.secret, responsetype: 'json', ...fields }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('WHMCS admin-API stand-in', () => {
  let standIn: AdminStandIn;
  beforeAll(async () => {
    standIn = await startAdminStandIn({ clients: 30, accessKey: 'key!(1)' });
  });
  afterAll(async () => {
    await standIn?.close();
  });

  it('pages GetClients with limitstart/limitnum and reports totalresults and numreturned', async () => {
    const { body } = await call(standIn, { action: 'GetClients', limitstart: '25', limitnum: '10' });
    expect(body).toMatchObject({ result: 'success', totalresults: 30, startnumber: 25, numreturned: 5 });
    const clients = (body.clients as { client: Array<{ id: string }> }).client;
    expect(clients.map((c) => c.id)).toEqual(['26', '27', '28', '29', '30']);
    const defaults = await call(standIn, { action: 'GetClients' });
    expect(defaults.body.numreturned).toBe(25);
  });

  it('lists users with the clients they reach and their permissions there', async () => {
    const { body } = await call(standIn, { action: 'GetUsers', search: 'webdev@' });
    expect(body).toMatchObject({ result: 'success', numreturned: 1, users: [{ email: 'webdev@example.test', clients: [{ id: 1, isOwner: false }] }] });
    const helperId = String((body.users as Array<{ id: number }>)[0]!.id);
    const permissions = await call(standIn, { action: 'GetUserPermissions', user_id: helperId, client_id: '1' });
    expect(permissions.body).toEqual({ result: 'success', permissions: ['products', 'manageproducts', 'domains', 'tickets'] });
    const updated = await call(standIn, { action: 'UpdateUserPermissions', user_id: helperId, client_id: '1', permissions: 'tickets,invoices' });
    expect(updated.body).toEqual({ result: 'success' });
    expect((await call(standIn, { action: 'GetUserPermissions', user_id: helperId, client_id: '1' })).body.permissions).toEqual(['invoices', 'tickets']);
    expect((await call(standIn, { action: 'UpdateUserPermissions', user_id: '1', client_id: '1', permissions: 'tickets' })).body).toEqual({
      result: 'error',
      message: 'Permissions cannot be set on a client owner',
    });
    expect((await call(standIn, { action: 'DeleteUserClient', user_id: '1', client_id: '1' })).body.message).toBe('You cannot remove the account owner');
    expect((await call(standIn, { action: 'GetUserPermissions', user_id: helperId, client_id: '2' })).body.message).toBe('User is not associated with client');
  });

  it('answers the errors WHMCS gives: invalid IP, bad credentials, missing permission, unknown client', async () => {
    const unknownClient = await call(standIn, { action: 'CreateSsoToken', client_id: '999' });
    expect(unknownClient).toEqual({ status: 200, body: { result: 'error', message: 'Invalid client_id' } });
    expect((await call(standIn, { action: 'AddContact', clientid: '999' })).body.message).toBe('Client ID Not Found');
    expect((await call(standIn, { action: 'CreateClientInvite', client_id: '999', email: 'a@example.test', permissions: 'tickets' })).body.message).toBe(
      'Invalid client id',
    );

    expect(await call(standIn, { action: 'GetClients', secret: 'wrong' })).toEqual({
      status: 403,
      body: { result: 'error', message: 'Authentication Failed' },
    });

    standIn.allowIps(['192.0.2.10']);
    try {
      expect(await call(standIn, { action: 'GetClients' })).toEqual({ status: 403, body: { result: 'error', message: 'Invalid IP 127.0.0.1' } });
      // The access key of configuration.php lets a caller past the IP restriction.
      expect((await call(standIn, { action: 'GetClients', accesskey: 'key!(1)' })).body.result).toBe('success');
    } finally {
      standIn.allowIps(['127.0.0.1']);
    }

    const limited = await startAdminStandIn({ credentials: [{ identifier: 'ro', secret: 'ro-secret', allowedActions: new Set(['getclients']) }] });
    try {
      const fields = { identifier: 'ro', secret: 'ro-secret', responsetype: 'json', action: 'GetContacts' };
      const response = await fetch(`${limited.url}/includes/api.php`, { method: 'POST', body: new URLSearchParams(fields) });
      expect(await response.json()).toEqual({ result: 'error', message: 'Invalid Permissions: API action "getcontacts" is not allowed' });
    } finally {
      await limited.close();
    }
  });

  it('adds, updates and lists contacts with their email preferences', async () => {
    const added = await call(standIn, {
      action: 'AddContact',
      clientid: '2',
      firstname: 'Ann',
      lastname: 'Other',
      email: 'ann@example.test',
      'email_preferences[general]': '1',
      'email_preferences[invoice]': '1',
    });
    expect(added.body).toEqual({ result: 'success', contactid: expect.any(String) });
    const id = String(added.body.contactid);
    expect((await call(standIn, { action: 'UpdateContact', contactid: id, 'email_preferences[invoice]': '0', city: 'York' })).body).toEqual({
      result: 'success',
      contactid: id,
    });
    const { body } = await call(standIn, { action: 'GetContacts', userid: '2' });
    expect(body).toMatchObject({
      totalresults: 1,
      contacts: { contact: [{ id, email: 'ann@example.test', city: 'York', generalemails: '1', invoiceemails: '0' }] },
    });
    expect((await call(standIn, { action: 'AddContact', clientid: '2', email: 'ann@example.test' })).body.message).toBe('Duplicate Email Address');
    expect((await call(standIn, { action: 'UpdateContact', contactid: '9999' })).body.message).toBe('Contact ID Not Found');
  });

  it('hands out a single-use SSO redirect URL', async () => {
    const { body } = await call(standIn, { action: 'CreateSsoToken', client_id: '3' });
    expect(body).toMatchObject({ result: 'success', access_token: expect.any(String) });
    const url = String(body.redirect_url);
    expect(url).toBe(`${standIn.url}/oauth/singlesignon.php?access_token=${String(body.access_token)}`);
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.headers.get('location')).toBe('/clientarea.php?client=3');
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.headers.get('location')).toContain('ssoexpired');
  });
});
