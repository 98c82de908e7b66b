/**
 * A WHMCS customer's panel opened from the real shell: the window's own partition gets a session
 * of its own, signed in with the connection's stored login, and its first page is the Switch
 * Account form posted for the chosen account. The records say what the shell set and loaded; the
 * WHMCS stand-in says whether that session really lands in that customer's client area.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, startWhmcsClientArea, type StandInServer } from '../../whmcs-stand-in/client-area/server.js';
import { AGENCY_EMAIL, displayName, STAND_IN_PASSWORD } from '../../whmcs-stand-in/client-area/state.js';
import { isCall, startShell, windowsMade, type RunningShell } from './shell-process.js';

describe('a WHMCS panel opened from the shell', () => {
  let standIn: StandInServer;
  let shell: RunningShell;

  beforeAll(async () => {
    standIn = await startWhmcsClientArea({ accounts: 4 });
    shell = startShell();
    await shell.waitFor('the app window to show', isCall('window:1', 'show'));
    await shell.waitFor('the first sync', (r) => r.method === 'send' && JSON.stringify(r.args).includes('"state":"synced"'));
  });
  afterAll(async () => {
    await shell?.stop();
    await standIn?.close();
  });

  it('signs the panel partition in, switches it to the customer before showing it, and names the customer', async () => {
    const added: any = await shell.invoke('connections.add', {
      baseUrl: standIn.url,
      kind: 'whmcs',
      email: AGENCY_EMAIL,
      password: STAND_IN_PASSWORD,
      label: 'My host',
    });
    expect(added.error).toBeUndefined();
    expect(added).toMatchObject({ ok: true, result: { kind: 'whmcs' } });
    expect(added.result.capabilities).toContain('sso');
    const connectionId = added.result.id as string;
    await shell.invoke('sync.now', { connectionId });
    const accounts: any[] = (await shell.invoke('accounts.list')).result.filter((a: any) => a.connectionId === connectionId);
    const client = standIn.state.clients.find((c) => c.status === 'Active' && c.id !== standIn.state.clients[0]!.id)!;
    const account = accounts.find((a) => a.id === String(client.id));
    expect(account).toBeDefined();

    const before = shell.records.length;
    const opened: any = await shell.invoke('panel.open', { connectionId, accountId: account.id, target: 'window' });
    expect(opened).toMatchObject({ ok: true, result: { handled: true } });
    expect(opened.result.signInThere).toBeUndefined();

    const panel = windowsMade(shell.records.slice(before))[0]!;
    expect(panel.options.title).toBe(`${displayName(client)} — My host`);
    expect(panel.options.show).toBe(false);
    const partition = panel.options.webPreferences.partition as string;
    const later = shell.records.slice(before);
    const cookies = later.filter(isCall(`session:${partition}`, 'cookies.set')).map((r) => r.args[0]);
    const sessionCookie: any = cookies.find((c: any) => c.name === SESSION_COOKIE);
    expect(sessionCookie).toMatchObject({ url: expect.stringContaining(new URL(standIn.url).host), httpOnly: true });
    const [load] = later.filter(isCall(panel.window, 'loadURL'));
    expect(load!.args[0]).toBe(`${standIn.url}/index.php?rp=/user/accounts`);
    const posted = new URLSearchParams((load!.args[1] as any).postData[0]);
    expect(posted.get('id')).toBe(account.id);
    expect((load!.args[1] as any).extraHeaders).toContain('application/x-www-form-urlencoded');
    // The cookies were set before the first page, and the window shows only once it loaded.
    const seqOf = (record: { seq: number } | undefined) => record?.seq ?? Infinity;
    expect(seqOf(later.find(isCall(`session:${partition}`, 'cookies.set')))).toBeLessThan(load!.seq);
    expect(seqOf(later.find(isCall(panel.window, 'show')))).toBeGreaterThan(load!.seq);

    // What the window would do with them: the posted switch lands on that customer's home.
    const cookie = `${SESSION_COOKIE}=${sessionCookie.value}`;
    const switched = await fetch(load!.args[0] as string, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: posted.toString(),
    });
    expect(switched.status).toBe(302);
    const home = await fetch(`${standIn.url}/clientarea.php`, { headers: { cookie } });
    expect(await home.text()).toContain(`Welcome Back, ${client.firstName}`);

    // The window's session is its own: a sync (which switches accounts in the connector's own
    // session) leaves the window's account as it was.
    await shell.invoke('sync.now', { connectionId });
    const again = await fetch(`${standIn.url}/clientarea.php`, { headers: { cookie } });
    expect(await again.text()).toContain(`Welcome Back, ${client.firstName}`);
  });
});
