/**
 * The server-rendered panel, driven as a browser without JavaScript would: sign-in, chooser,
 * switcher, dashboard, and the rules every page keeps (no script, strict CSP, escaped values,
 * whose account and as what, CSRF on every form, access checked on every load).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src-shared/api/permissions.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { Browser } from './fixtures/browser.js';
import { type Harness, STRONG_PASSWORD, startHarness } from './harness.js';

const DAY = 86_400_000;

/** What every panel response must carry. */
function expectSafePage(page: { status: number; headers: Headers; html: string }): void {
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src/);
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(page.html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
}

describe('panel pages', () => {
  let h: Harness;
  let ids: { wendy: string; olga: string; mia: string; solo: string };
  let accounts: { bellini: string; nordic: string; third: string; soloShop: string };
  let services: { hosting: string; vps: string };

  beforeAll(async () => {
    h = await startHarness();
    ids = {
      wendy: (await h.createLogin('wendy@example.com', 'Wendy <Webmaster>')).id,
      olga: (await h.createLogin('olga@example.com', 'Olga Owner')).id,
      mia: (await h.createLogin('mia@example.com', 'Mia Member')).id,
      solo: (await h.createLogin('solo@example.com', 'Solo Sam')).id,
    };
    accounts = {
      bellini: (await h.admin('/accounts', { name: 'Bellini & Figli <b>', ownerEmail: 'olga@example.com' })).id,
      nordic: (await h.admin('/accounts', { name: 'Nordic Outdoor', ownerEmail: 'wendy@example.com' })).id,
      third: (await h.admin('/accounts', { name: 'Third Shop', ownerEmail: 'wendy@example.com' })).id,
      soloShop: (await h.admin('/accounts', { name: 'Solo Shop', ownerEmail: 'solo@example.com' })).id,
    };
    services = {
      hosting: (await h.admin(`/accounts/${accounts.bellini}/services`, { name: 'Hosting <script>alert(1)</script>' })).id,
      vps: (await h.admin(`/accounts/${accounts.bellini}/services`, { name: 'Secret VPS' })).id,
    };
    await h.admin(`/accounts/${accounts.bellini}/domains`, { name: 'bellini.example', expiresAt: new Date(h.now().getTime() + 10 * DAY).toISOString() });
    await h.admin(`/accounts/${accounts.bellini}/domains`, { name: 'hidden.example', expiresAt: new Date(h.now().getTime() + 200 * DAY).toISOString() });
    await h.admin(`/accounts/${accounts.bellini}/invoices`, { amountCents: 4900, dueAt: h.now().toISOString() });
    // Wendy is an admin of Bellini; Mia a member limited to one service and one domain, without billing.
    await insertMembership(h.db, h.now(), { accountId: accounts.bellini, userId: ids.wendy, role: 'admin', permissions: [...PERMISSIONS] });
    await insertMembership(h.db, h.now(), {
      accountId: accounts.bellini,
      userId: ids.mia,
      role: 'member',
      permissions: ['services.view', 'domains.view', 'tickets'],
      scope: { services: [services.hosting], domains: ['bellini.example'] },
    });
  });
  afterAll(() => h.close());

  const signedIn = async (email: string) => {
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    const res = await b.post('/panel/sign-in', { email, password: STRONG_PASSWORD, next: '/panel' });
    expect(res.status, res.html).toBe(303);
    return b;
  };

  it('signs in with email and password: HttpOnly, SameSite=Lax cookie for /panel, then the chooser', async () => {
    const b = new Browser(h.server.url);
    const form = await b.get('/panel/sign-in');
    expect(form.status).toBe(200);
    expectSafePage(form);
    expect(form.html).toContain('Not signed in');
    const res = await b.post('/panel/sign-in', { email: 'Wendy@Example.com ', password: STRONG_PASSWORD, next: '/panel' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/panel');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('clientarea_panel='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/panel/);
    const chooser = await b.get('/panel');
    expect(chooser.status).toBe(200);
    expectSafePage(chooser);
    expect(chooser.html).toContain('Choose an account');
    expect(chooser.html).toContain('Signed in as Wendy &lt;Webmaster&gt; (wendy@example.com)');
    for (const name of ['Bellini &amp; Figli &lt;b&gt;', 'Nordic Outdoor', 'Third Shop']) expect(chooser.html).toContain(name);
  });

  it('a login with one account lands in it', async () => {
    const b = await signedIn('solo@example.com');
    const landing = await b.get('/panel');
    expect(landing.status).toBe(303);
    expect(landing.location).toBe(`/panel/accounts/${accounts.soloShop}`);
  });

  it('refuses a wrong password or an unknown email with the same message, and keeps the email typed', async () => {
    for (const email of ['wendy@example.com', 'nobody@example.com']) {
      const b = new Browser(h.server.url);
      await b.get('/panel/sign-in');
      const res = await b.post('/panel/sign-in', { email, password: 'Wrong-Pass-1!' });
      expect(res.status).toBe(401);
      expectSafePage(res);
      expect(res.html).toContain('The email or password is not correct.');
      expect(res.html).toContain(`value="${email}"`);
      expect(b.cookies.has('clientarea_panel')).toBe(false);
    }
  });

  it('rate-limits failed sign-ins: the sixth try is refused even with the right password', async () => {
    await h.createLogin('target@example.com', 'Target');
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    for (let i = 0; i < 5; i++) expect((await b.post('/panel/sign-in', { email: 'target@example.com', password: `Guess-${i}!A` })).status).toBe(401);
    const limited = await b.post('/panel/sign-in', { email: 'target@example.com', password: STRONG_PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.html).toMatch(/Too many failed sign-ins/);
    h.advance(16 * 60 * 1000);
    expect((await b.post('/panel/sign-in', { email: 'target@example.com', password: STRONG_PASSWORD })).status).toBe(303);
  });

  it('refuses forms without the right CSRF token', async () => {
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    const missing = await b.post('/panel/sign-in', { email: 'wendy@example.com', password: STRONG_PASSWORD }, { csrf: null });
    expect(missing.status).toBe(403);
    const forged = await b.post('/panel/sign-in', { email: 'wendy@example.com', password: STRONG_PASSWORD }, { csrf: 'x'.repeat(43) });
    expect(forged.status).toBe(403);
    expect(b.cookies.has('clientarea_panel')).toBe(false);

    // Signed in, the token is bound to the session: another session's token does not work.
    const wendy = await signedIn('wendy@example.com');
    const mia = await signedIn('mia@example.com');
    await wendy.get('/panel');
    await mia.get('/panel');
    const crossed = await wendy.post('/panel/sign-out', {}, { csrf: mia.csrf() });
    expect(crossed.status).toBe(403);
    expect((await wendy.get('/panel')).status).toBe(200);
    const out = await wendy.post('/panel/sign-out', {});
    expect(out.status).toBe(303);
    expect((await wendy.get('/panel')).status).toBe(401);
  });

  it('shows whose account and as what on every account page, with a switcher listing every account', async () => {
    const b = await signedIn('wendy@example.com');
    const page = await b.get(`/panel/accounts/${accounts.bellini}`);
    expect(page.status).toBe(200);
    expectSafePage(page);
    expect(page.html).toContain('Account: <strong>Bellini &amp; Figli &lt;b&gt;</strong>');
    expect(page.html).toContain('Signed in as Wendy &lt;Webmaster&gt; (wendy@example.com) — admin');
    const switcher = /<select id="switch-account" name="account">([\s\S]*?)<\/select>/.exec(page.html)?.[1] ?? '';
    for (const id of [accounts.bellini, accounts.nordic, accounts.third]) expect(switcher).toContain(`value="${id}"`);
    expect(switcher).toMatch(new RegExp(`value="${accounts.bellini}" selected`));
    const switched = await b.get(`/panel/switch?account=${accounts.nordic}`);
    expect(switched.status).toBe(303);
    expect(switched.location).toBe(`/panel/accounts/${accounts.nordic}`);
    const nordic = await b.get(switched.location!);
    expect(nordic.html).toContain('Signed in as Wendy &lt;Webmaster&gt; (wendy@example.com) — owner');
  });

  it('the dashboard lists services, domains, invoices and tickets, escaped, with counts', async () => {
    const b = await signedIn('olga@example.com');
    const page = await b.get(`/panel/accounts/${accounts.bellini}`);
    expect(page.html).toContain('Hosting &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.html).toContain('Secret VPS');
    expect(page.html).toContain('bellini.example');
    expect(page.html).toContain('hidden.example');
    expect(page.html).toContain('49.00');
    expect(page.html).toMatch(/<strong>2<\/strong> services/);
    expect(page.html).toMatch(/<strong>1<\/strong> domains expiring within 30 days/);
    expect(page.html).toMatch(/<strong>1<\/strong> unpaid invoices/);
  });

  it('a scoped member sees only their services and domains, and nothing their permissions leave out', async () => {
    const b = await signedIn('mia@example.com');
    const page = await b.get(`/panel/accounts/${accounts.bellini}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('— member');
    expect(page.html).toContain('Hosting &lt;script&gt;');
    expect(page.html).not.toContain('Secret VPS');
    expect(page.html).toContain('bellini.example');
    expect(page.html).not.toContain('hidden.example');
    expect(page.html).not.toContain('49.00');
    expect(page.html).toContain('Your access to this account does not include invoices.');
    expect(page.html).toMatch(/<strong>1<\/strong> services/);
    expect(page.html).toMatch(/<strong>no access<\/strong> unpaid invoices/);
  });

  it('an account the visitor cannot reach is 404 and says nothing about it; without a session the sign-in form answers 401', async () => {
    const b = await signedIn('mia@example.com');
    const other = await b.get(`/panel/accounts/${accounts.nordic}`);
    expect(other.status).toBe(404);
    expect(other.html).not.toContain('Nordic');
    const anonymous = new Browser(h.server.url);
    const res = await anonymous.get(`/panel/accounts/${accounts.bellini}`);
    expect(res.status).toBe(401);
    expect(res.html).toContain('action="/panel/sign-in"');
    expect(res.html).toContain(`name="next" value="/panel/accounts/${accounts.bellini}"`);
    expect(res.html).not.toContain('Bellini');
  });

  it('after sign-in, `next` leads back to the page asked for, and never off the panel', async () => {
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    const res = await b.post('/panel/sign-in', { email: 'wendy@example.com', password: STRONG_PASSWORD, next: `/panel/accounts/${accounts.third}` });
    expect(res.location).toBe(`/panel/accounts/${accounts.third}`);
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const c = new Browser(h.server.url);
      await c.get('/panel/sign-in');
      expect((await c.post('/panel/sign-in', { email: 'wendy@example.com', password: STRONG_PASSWORD, next: evil })).location).toBe('/panel');
    }
  });

  it('revoked access is refused on the next page load', async () => {
    const victim = await h.createLogin('leaving@example.com', 'Leo Leaving');
    await insertMembership(h.db, h.now(), { accountId: accounts.bellini, userId: victim.id, role: 'member', permissions: ['tickets'] });
    const b = await signedIn('leaving@example.com');
    expect((await b.get(`/panel/accounts/${accounts.bellini}`)).status).toBe(200);
    const owner = await h.signIn('olga@example.com');
    const revoke = await h.call('DELETE', `/api/v1/accounts/${accounts.bellini}/users/${victim.id}`, { token: owner.accessToken });
    expect(revoke.status).toBeLessThan(300);
    expect((await b.get(`/panel/accounts/${accounts.bellini}`)).status).toBe(404);
    const chooser = await b.get('/panel');
    expect(chooser.html).not.toContain('Bellini');
  });

  it('a disabled or deleted session ends at once; forms posted by a stranger change nothing', async () => {
    const b = await signedIn('wendy@example.com');
    await h.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', ids.wendy).execute();
    try {
      expect((await b.get(`/panel/accounts/${accounts.nordic}`)).status).toBe(401);
    } finally {
      await h.db.updateTable('users').set({ status: 'active' }).where('id', '=', ids.wendy).execute();
    }
  });

  it('serves its stylesheet as CSS, and unknown panel pages as HTML 404s', async () => {
    const css = await fetch(`${h.server.url}/panel/assets/panel.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    const missing = await fetch(`${h.server.url}/panel/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('keeps the pages out of the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/panel'))).toEqual([]);
  });

  it('answers a malformed form with an HTML page, not JSON and not a 500', async () => {
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    const dup = await fetch(`${h.server.url}/panel/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: b.cookieHeader() },
      body: `csrf=${b.csrf()}&email=a@b.c&email=d@e.f&password=x`,
    });
    expect(dup.status).toBe(400);
    expect(dup.headers.get('content-type')).toMatch(/text\/html/);
    const huge = await fetch(`${h.server.url}/panel/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${'a'.repeat(200_000)}`,
    });
    expect(huge.status).toBe(413);
    const json = await fetch(`${h.server.url}/panel/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":1}' });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
  });
});
