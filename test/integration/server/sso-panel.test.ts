import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SsoLink } from '../../../src-shared/api/sso.js';
import { expectProblem, type Harness, startHarness } from './harness.js';

describe('single sign-on into the panel', () => {
  let h: Harness;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    h = await startHarness();
    await h.createLogin('webmaster@example.com', 'Wendy <Webmaster>');
    await h.createLogin('stranger@example.com', 'Stranger');
    accountId = (await h.admin('/accounts', { name: 'Bellini & Figli', ownerEmail: 'webmaster@example.com' })).id;
    await h.admin('/accounts', { name: 'Second Shop', ownerEmail: 'webmaster@example.com' });
    token = (await h.signIn('webmaster@example.com')).accessToken;
  });
  afterAll(() => h.close());

  const mint = async (t = token, id = accountId) => {
    const res = await h.call('POST', `/api/v1/accounts/${id}/sso`, { token: t });
    expect(res.status).toBe(200);
    return SsoLink.parse(res.body);
  };

  it('mints a short-lived link on this server that lands on the account page, once', async () => {
    const link = await mint();
    expect(link.url.startsWith(`${h.server.url}/panel/sso/`)).toBe(true);
    const ttl = Date.parse(link.expiresAt) - h.now().getTime();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);

    const landing = await fetch(link.url, { redirect: 'manual' });
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toBe(`/panel/accounts/${accountId}`);
    const cookie = landing.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const page = await fetch(new URL(landing.headers.get('location')!, h.server.url), { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const body = await page.text();
    expect(body).toContain('<h1>Bellini &amp; Figli</h1>');
    expect(body).toContain('Signed in as Wendy &lt;Webmaster&gt; (webmaster@example.com) — owner');
    expect(body).toContain('Second Shop');
    expect(body).not.toMatch(/<script/i);

    const reused = await fetch(link.url, { redirect: 'manual' });
    expect(reused.status).toBe(410);
    expect(await reused.text()).toMatch(/already been used/);
  });

  it('a link dies after 60 seconds', async () => {
    const link = await mint();
    h.advance(61_000);
    const late = await fetch(link.url, { redirect: 'manual' });
    expect(late.status).toBe(410);
    expect(await late.text()).toMatch(/expired/);
  });

  it('only for reachable accounts; the panel needs the cookie and checks access on every page', async () => {
    const strangerToken = (await h.signIn('stranger@example.com')).accessToken;
    expectProblem(await h.call('POST', `/api/v1/accounts/${accountId}/sso`, { token: strangerToken }), 404, 'not_found');
    expectProblem(await h.call('POST', `/api/v1/accounts/${accountId}/sso`), 401, 'unauthenticated');

    const noCookie = await fetch(`${h.server.url}/panel/accounts/${accountId}`);
    expect(noCookie.status).toBe(401);
    const forged = await fetch(`${h.server.url}/panel/accounts/${accountId}`, { headers: { cookie: 'clientarea_panel=cdp_forged' } });
    expect(forged.status).toBe(401);

    // A stranger signed into the panel cannot open someone else's account page.
    const own = (await h.admin('/accounts', { name: 'Stranger Things', ownerEmail: 'stranger@example.com' })).id;
    const link = await mint(strangerToken, own);
    const landing = await fetch(link.url, { redirect: 'manual' });
    const cookie = (landing.headers.get('set-cookie') ?? '').split(';')[0]!;
    const denied = await fetch(`${h.server.url}/panel/accounts/${accountId}`, { headers: { cookie } });
    expect(denied.status).toBe(404);
    expect(await denied.text()).not.toContain('Bellini');

    const unknown = await fetch(`${h.server.url}/panel/sso/cds_unknown`, { redirect: 'manual' });
    expect(unknown.status).toBe(410);
  });
});
