/** The stand-in's sign-in routes (login, two-factor challenge, logout, ban) and its account routes (Switch Account, home). */
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { verifySync } from 'otplib';
import { homePage, restyledSwitchAccountPage, switchAccountPage } from './account-pages.js';
import { bannedPage, challengePage, layout, loginPage, rateLimitPage } from './auth-pages.js';
import { requireUser, type StandInRoutes, type StandInSession } from './routing.js';
import { displayName, membership, type StandInState } from './state.js';

export const REMEMBER_COOKIE = 'WHMCSUser';

export function registerAuthRoutes(routes: StandInRoutes): void {
  routes.get('/', ({ state, session }) =>
    layout(state.theme, '<h1>Stand-in Hosting</h1><a href="index.php?rp=/login">Login</a>', session.userId !== null, 'Portal Home'),
  );
  routes.get('/login', ({ state, session, request }) => {
    const query = request.query as Record<string, string | undefined>;
    return loginPage({
      theme: state.theme,
      token: session.token,
      captcha: state.captcha,
      incorrect: query.incorrect === '1',
      captchaFailed: query.captcha === 'failed',
    });
  });
  routes.post('/login', ({ state, session, form, request, reply }) => {
    const failures = state.failedLogins.get(request.ip) ?? 0;
    if (failures >= state.loginFailuresAllowed) return void reply.code(429).type('text/html').send(rateLimitPage(state.theme));
    // The built-in captcha can only be read off its image; no connector passes it.
    if (state.captcha) return void reply.redirect('index.php?rp=/login&captcha=failed');
    const email = (form.get('username') ?? '').trim().toLowerCase();
    const user = state.users.find((u) => u.email === email);
    if (!user || user.password !== form.get('password')) {
      state.failedLogins.set(request.ip, failures + 1);
      return void reply.redirect('index.php?rp=/login&incorrect=1');
    }
    const remember = form.get('rememberme') === 'on';
    if (user.totpSecret) {
      session.pendingUserId = user.id;
      session.pendingRemember = remember;
      return void reply.redirect('index.php?rp=/login/challenge');
    }
    signedIn(state, session, user.id, remember, reply);
  });
  routes.get('/login/challenge', ({ state, session, request, reply }) => {
    if (session.pendingUserId === null) return void reply.redirect('index.php?rp=/login');
    return challengePage({ theme: state.theme, token: session.token, incorrect: (request.query as Record<string, string>).incorrect === '1' });
  });
  routes.post('/login/challenge/verify', ({ state, session, form, reply }) => {
    const user = state.users.find((u) => u.id === session.pendingUserId);
    if (!user?.totpSecret) return void reply.redirect('index.php?rp=/login');
    const code = form.get('key') ?? '';
    const valid = /^[0-9]{6}$/.test(code) && verifySync({ secret: user.totpSecret, token: code }).valid;
    if (!valid) return void reply.redirect('index.php?rp=/login/challenge&incorrect=1');
    signedIn(state, session, user.id, session.pendingRemember, reply);
  });
  routes.get('logout.php', ({ state, session }) => {
    session.userId = null;
    session.clientId = null;
    session.token = randomBytes(20).toString('hex');
    return layout(state.theme, '<div class="alert alert-success">You have been logged out.</div>', false, 'Logout');
  });
  routes.get('banned.php', ({ state, request }) => bannedPage(state.theme, request.ip));
}

function signedIn(state: StandInState, session: StandInSession, userId: number, remember: boolean, reply: FastifyReply): void {
  session.userId = userId;
  session.pendingUserId = null;
  session.clientId = null;
  // WHMCS rotates the CSRF token with the session on login.
  session.token = randomBytes(20).toString('hex');
  if (remember) reply.header('set-cookie', `${REMEMBER_COOKIE}=${randomBytes(16).toString('hex')}; path=/; HttpOnly; Max-Age=7776000`);
  const reachable = state.memberships.filter((m) => m.userId === userId);
  if (reachable.length === 1) session.clientId = reachable[0]?.clientId ?? null;
  void reply.redirect(reachable.length === 1 ? 'clientarea.php' : 'index.php?rp=/user/accounts');
}

export function registerAccountRoutes(routes: StandInRoutes): void {
  routes.get('/user/accounts', (context) => {
    const userId = requireUser(context);
    if (userId === null) return;
    const { state, session } = context;
    const rows = state.memberships
      .filter((m) => m.userId === userId)
      .flatMap((m) => {
        const client = state.clients.find((c) => c.id === m.clientId);
        return client ? [{ client, membership: m }] : [];
      })
      .sort((a, b) => displayName(a.client).localeCompare(displayName(b.client)));
    if (state.restyled) return restyledSwitchAccountPage(state.theme, session.token, rows, state.users.find((u) => u.id === userId)?.email ?? '');
    return switchAccountPage(state.theme, session.token, rows);
  });
  routes.post('/user/accounts', (context) => {
    const userId = requireUser(context);
    if (userId === null) return;
    const { state, session, form, reply } = context;
    const clientId = Number(form.get('id'));
    const found = membership(state, userId, clientId);
    const client = state.clients.find((c) => c.id === clientId);
    if (!found || !client || client.status === 'Closed') return void reply.redirect('index.php?rp=/user/accounts');
    session.clientId = clientId;
    found.lastLogin = state.clock();
    void reply.redirect('clientarea.php');
  });
  routes.get('clientarea.php', (context) => {
    const userId = requireUser(context);
    if (userId === null) return;
    const { state, session, reply } = context;
    const client = state.clients.find((c) => c.id === session.clientId);
    if (!client || !membership(state, userId, client.id)) return void reply.redirect('index.php?rp=/user/accounts');
    return homePage(state.theme, client);
  });
}
