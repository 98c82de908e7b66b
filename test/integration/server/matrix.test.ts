/**
 * The authorization matrix: every endpoint of the API × {owner, admin, member with the permission,
 * member without it, member scoped elsewhere, outsider, revoked user, anonymous}, each cell asserted
 * as allowed (2xx) or refused (a problem document: 401 for anonymous, 404 where the caller has no
 * access to the account at all, so nobody can probe which accounts exist). Every cell gets a fresh
 * account, so no cell depends on another.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../../src-shared/api/permissions.js';
import { createInvitation } from '../../../src-server/domain/invitations.js';
import { issueUserLink } from '../../../src-server/domain/user-links.js';
import { createUser } from '../../../src-server/domain/users.js';
import { type CellAccount, type Login, MatrixWorld, PERSONAS, type Persona } from './fixtures/matrix-world.js';
import { loadOperations } from './fixtures/openapi.js';
import { type Harness, STRONG_PASSWORD, startHarness } from './harness.js';
import { INVITATION_ANSWERS } from '../../../src-shared/api/primitives.js';

interface Cell {
  w: MatrixWorld;
  h: Harness;
  a: CellAccount;
  persona: Persona;
  /** The persona's login (the inviter's for anonymous, who has none). */
  me: Login;
}

interface Row {
  /** `METHOD /path` as in the OpenAPI document. */
  op: string;
  /** Which variant of the operation, when one operation has several rows. */
  variant?: string;
  /** What a member needs for it; the member personas are made with and without it. */
  permission?: Permission;
  allow: readonly Persona[];
  /** Builds the request of one cell; arranges what the request acts on first. */
  request(cell: Cell): Promise<{ path: string; body?: unknown; token?: string | undefined; noAuth?: boolean }>;
  /** Where a refusal must be 404 (the caller cannot reach the account): account-scoped rows. */
  accountScoped?: boolean;
}

const MEMBERS = ['owner', 'admin', 'memberWith', 'memberWithout', 'scopedElsewhere'] as const;
const SIGNED_IN = ['owner', 'admin', 'memberWith', 'memberWithout', 'scopedElsewhere', 'outsider', 'revoked'] as const;
const MANAGERS = ['owner', 'admin'] as const;
const WITH_PERMISSION = ['owner', 'admin', 'memberWith'] as const;
const WITH_PERMISSION_ANY_SCOPE = ['owner', 'admin', 'memberWith', 'scopedElsewhere'] as const;
const EVERYONE = PERSONAS;
const NOBODY: readonly Persona[] = [];

const acc = (c: Cell, rest = '') => `/api/v1/accounts/${c.a.id}${rest}`;
const email = (c: Cell, what: string) => `${c.w.unique(what)}@example.com`;
const inDays = (c: Cell, days: number) => new Date(c.h.now().getTime() + days * 86_400_000).toISOString();

/** A managed user of the cell's account, made by the owner; `active` gives it a password directly. */
async function managedUser(c: Cell, active: boolean): Promise<string> {
  const created = await c.w.asOwner('POST', acc(c, '/managed-users'), {
    users: [{ name: 'Managed Mo', email: email(c, 'managed'), permissions: ['tickets'] }],
    sendActivation: false,
  });
  const userId = created.items[0].userId as string;
  if (active) await c.h.db.updateTable('users').set({ status: 'active', password_hash: 'set-elsewhere' }).where('id', '=', userId).execute();
  return userId;
}

async function invitationTo(c: Cell, to: Login) {
  const other = (await c.h.admin('/accounts', { name: c.w.unique('Inviting account '), ownerEmail: 'inviter@example.com' })).id as string;
  return createInvitation(c.h.db, c.h.now(), { accountId: other, invitedBy: c.w.logins.inviter.id, email: to.email, permissions: ['tickets'] });
}

async function freshSession(c: Cell) {
  if (c.persona === 'anonymous') return undefined;
  return c.h.signIn(c.me.email);
}

/**
 * A login of its own with two-factor sign-in on, for the rows that would otherwise turn it on for
 * a persona's shared login (which then could not sign in with a password alone in other cells).
 */
async function twoFactorLogin(c: Cell, confirm = true) {
  const address = email(c, 'two-factor');
  await c.h.createLogin(address, 'Tess Factor');
  const { accessToken } = await c.h.signIn(address);
  const enrolment = await c.h.call('POST', '/api/v1/me/two-factor/enrolment', { token: accessToken });
  const secret = enrolment.body.secret as string;
  const code = () => generate({ secret, epoch: Math.floor(c.h.now().getTime() / 1000) });
  if (!confirm) return { address, accessToken, code, backupCodes: [] as string[] };
  const confirmed = await c.h.call('POST', '/api/v1/me/two-factor/confirmation', { token: accessToken, body: { code: await code() } });
  return { address, accessToken, code, backupCodes: confirmed.body.backupCodes as string[] };
}

const ROWS: Row[] = [
  // Sessions and the caller's own data.
  {
    op: 'POST /api/v1/session',
    allow: SIGNED_IN,
    request: async (c) => ({
      path: '/api/v1/session',
      noAuth: true,
      body: c.persona === 'anonymous' ? { email: 'nobody@example.com', password: 'Wrong-Pass-1!' } : { email: c.me.email, password: STRONG_PASSWORD },
    }),
  },
  {
    op: 'POST /api/v1/session/refresh',
    allow: SIGNED_IN,
    request: async (c) => ({
      path: '/api/v1/session/refresh',
      noAuth: true,
      body: { refreshToken: (await freshSession(c))?.refreshToken ?? 'cdr_not_a_session_token' },
    }),
  },
  { op: 'DELETE /api/v1/session', allow: SIGNED_IN, request: async (c) => ({ path: '/api/v1/session', token: (await freshSession(c))?.accessToken }) },
  { op: 'GET /api/v1/me', allow: SIGNED_IN, request: async () => ({ path: '/api/v1/me' }) },
  { op: 'PATCH /api/v1/me', allow: SIGNED_IN, request: async () => ({ path: '/api/v1/me', body: { language: 'it' } }) },
  {
    op: 'POST /api/v1/signup',
    allow: EVERYONE,
    request: async (c) => ({ path: '/api/v1/signup', noAuth: true, body: { email: email(c, 'signup'), name: 'New Person', password: STRONG_PASSWORD } }),
  },
  { op: 'GET /api/v1/accounts', allow: SIGNED_IN, request: async () => ({ path: '/api/v1/accounts' }) },
  { op: 'GET /api/v1/invitations', allow: SIGNED_IN, request: async () => ({ path: '/api/v1/invitations' }) },
  ...INVITATION_ANSWERS.flatMap((answer): Row[] => [
    {
      op: `POST /api/v1/invitations/{id}/${answer}`,
      variant: 'addressed to the caller',
      allow: SIGNED_IN,
      request: async (c) => ({ path: `/api/v1/invitations/${(await invitationTo(c, c.me)).invitation.id}/${answer}` }),
    },
    {
      op: `POST /api/v1/invitations/{id}/${answer}`,
      variant: 'addressed to someone else',
      allow: NOBODY,
      request: async (c) => ({ path: `/api/v1/invitations/${(await invitationTo(c, c.w.logins.victim)).invitation.id}/${answer}` }),
    },
  ]),
  {
    op: 'POST /api/v1/invitations/redeem',
    variant: 'token sent to the caller',
    allow: SIGNED_IN,
    request: async (c) => ({ path: '/api/v1/invitations/redeem', body: { token: (await invitationTo(c, c.me)).token } }),
  },
  {
    op: 'POST /api/v1/invitations/redeem',
    variant: 'token sent to someone else',
    allow: NOBODY,
    request: async (c) => ({ path: '/api/v1/invitations/redeem', body: { token: (await invitationTo(c, c.w.logins.victim)).token } }),
  },
  // Mailed one-time links: the token is the credential, whoever sends it.
  {
    op: 'POST /api/v1/activation',
    allow: EVERYONE,
    request: async (c) => {
      const user = await createUser(c.h.db, c.h.now(), {
        email: email(c, 'activate'),
        name: 'To Activate',
        passwordHash: '!no-password',
        status: 'pending_activation',
        managedByAccount: c.a.id,
      });
      const { token } = await issueUserLink(c.h.db, c.h.now(), user.id, 'activation', c.a.id);
      return { path: '/api/v1/activation', noAuth: true, body: { token, password: STRONG_PASSWORD } };
    },
  },
  {
    op: 'POST /api/v1/password-reset',
    allow: EVERYONE,
    request: async (c) => {
      const user = await createUser(c.h.db, c.h.now(), { email: email(c, 'reset'), name: 'Forgetful', passwordHash: 'unused' });
      const { token } = await issueUserLink(c.h.db, c.h.now(), user.id, 'password_reset', null);
      return { path: '/api/v1/password-reset', noAuth: true, body: { token, password: STRONG_PASSWORD } };
    },
  },
  {
    op: 'POST /api/v1/email-verification',
    allow: EVERYONE,
    request: async (c) => {
      const user = await createUser(c.h.db, c.h.now(), { email: email(c, 'verify'), name: 'Unverified', passwordHash: 'unused', emailVerifiedAt: null });
      const { token } = await issueUserLink(c.h.db, c.h.now(), user.id, 'email_verification', null);
      return { path: '/api/v1/email-verification', noAuth: true, body: { token } };
    },
  },

  // One account.
  { op: 'GET /api/v1/accounts/{id}', accountScoped: true, allow: MEMBERS, request: async (c) => ({ path: acc(c) }) },
  { op: 'POST /api/v1/accounts/{id}/sso', accountScoped: true, allow: MEMBERS, request: async (c) => ({ path: acc(c, '/sso') }) },

  // Users with access, invitations, ownership.
  {
    op: 'GET /api/v1/accounts/{id}/users',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, '/users') }),
  },
  {
    op: 'PATCH /api/v1/accounts/{id}/users/{userId}',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, `/users/${c.a.victim}`), body: { permissions: ['tickets', 'services.view'] } }),
  },
  {
    op: 'PATCH /api/v1/accounts/{id}/users/{userId}',
    variant: 'extend when the access ends',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, `/users/${c.a.victim}`), body: { expiresAt: inDays(c, 30) } }),
  },
  {
    op: 'DELETE /api/v1/accounts/{id}/users/{userId}',
    variant: 'revoke someone else',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, `/users/${c.a.victim}`) }),
  },
  // Leaving: anyone with access but the owner (who must transfer the ownership first).
  {
    op: 'DELETE /api/v1/accounts/{id}/users/{userId}',
    variant: 'leave (own id)',
    accountScoped: true,
    allow: ['admin', 'memberWith', 'memberWithout', 'scopedElsewhere'],
    request: async (c) => ({ path: acc(c, `/users/${c.me.id}`) }),
  },
  {
    op: 'POST /api/v1/accounts/{id}/invitations',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, '/invitations'), body: { email: email(c, 'invitee'), permissions: ['tickets'] } }),
  },
  {
    op: 'GET /api/v1/accounts/{id}/invitations',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, '/invitations') }),
  },
  ...(['resend', 'cancel'] as const).map((what): Row => ({
    op: what === 'resend' ? 'POST /api/v1/accounts/{id}/invitations/{invId}/resend' : 'DELETE /api/v1/accounts/{id}/invitations/{invId}',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => {
      const inv = await c.w.asOwner('POST', acc(c, '/invitations'), { email: email(c, 'pending'), permissions: ['tickets'] });
      return { path: acc(c, `/invitations/${inv.id}${what === 'resend' ? '/resend' : ''}`) };
    },
  })),
  {
    op: 'POST /api/v1/accounts/{id}/ownership-transfer',
    accountScoped: true,
    allow: ['owner'],
    request: async (c) => ({ path: acc(c, '/ownership-transfer'), body: { toUserId: c.a.victim } }),
  },
  ...(['GET', 'DELETE'] as const).map((method): Row => ({
    op: `${method} /api/v1/accounts/{id}/ownership-transfer`,
    variant: 'offered to another user',
    accountScoped: true,
    allow: ['owner'],
    request: async (c) => {
      await c.w.asOwner('POST', acc(c, '/ownership-transfer'), { toUserId: c.a.victim });
      return { path: acc(c, '/ownership-transfer') };
    },
  })),
  {
    op: 'POST /api/v1/accounts/{id}/ownership-transfer/confirm',
    variant: 'offered to the caller when the caller has access',
    accountScoped: true,
    allow: ['admin', 'memberWith', 'memberWithout', 'scopedElsewhere'],
    request: async (c) => {
      const to = ['admin', 'memberWith', 'memberWithout', 'scopedElsewhere'].includes(c.persona) ? c.me.id : c.a.victim;
      await c.w.asOwner('POST', acc(c, '/ownership-transfer'), { toUserId: to });
      return { path: acc(c, '/ownership-transfer/confirm') };
    },
  },

  // Managed users.
  {
    op: 'POST /api/v1/accounts/{id}/managed-users',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({
      path: acc(c, '/managed-users'),
      body: { users: [{ name: 'New Managed', email: email(c, 'mu'), permissions: ['tickets'] }], sendActivation: true },
    }),
  },
  {
    op: 'POST /api/v1/accounts/{id}/managed-users/{userId}/activation',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, `/managed-users/${await managedUser(c, false)}/activation`) }),
  },
  {
    op: 'POST /api/v1/accounts/{id}/managed-users/{userId}/password-reset',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, `/managed-users/${await managedUser(c, true)}/password-reset`) }),
  },
  {
    op: 'POST /api/v1/accounts/{id}/managed-users/{userId}/disable',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, `/managed-users/${await managedUser(c, true)}/disable`) }),
  },
  {
    op: 'POST /api/v1/accounts/{id}/managed-users/{userId}/enable',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => {
      const userId = await managedUser(c, true);
      await c.w.asOwner('POST', acc(c, `/managed-users/${userId}/disable`));
      return { path: acc(c, `/managed-users/${userId}/enable`) };
    },
  },
  {
    op: 'POST /api/v1/accounts/{id}/managed-users/{userId}/view-as',
    accountScoped: true,
    permission: 'users.manage',
    allow: ['owner'],
    request: async (c) => ({ path: acc(c, `/managed-users/${await managedUser(c, true)}/view-as`) }),
  },

  // Contacts.
  ...contactRows(),

  // Services and domains.
  {
    op: 'GET /api/v1/accounts/{id}/services',
    accountScoped: true,
    permission: 'services.view',
    allow: WITH_PERMISSION_ANY_SCOPE,
    request: async (c) => ({ path: acc(c, '/services') }),
  },
  {
    op: 'GET /api/v1/accounts/{id}/domains',
    accountScoped: true,
    permission: 'domains.view',
    allow: WITH_PERMISSION_ANY_SCOPE,
    request: async (c) => ({ path: acc(c, '/domains') }),
  },
  {
    op: 'POST /api/v1/accounts/{id}/services/{serviceId}/assignee',
    accountScoped: true,
    permission: 'services.manage',
    allow: WITH_PERMISSION,
    request: async (c) => ({ path: acc(c, `/services/${c.a.service}/assignee`), body: { userId: c.a.victim } }),
  },
  {
    op: 'POST /api/v1/accounts/{id}/domains/{domainId}/delegations',
    accountScoped: true,
    permission: 'domains.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, `/domains/${c.a.domain}/delegations`), body: { customerNumber: c.w.logins.outsider.customerNumber, consent: true } }),
  },

  // Tickets and the audit trail.
  {
    op: 'GET /api/v1/accounts/{id}/tickets',
    accountScoped: true,
    permission: 'tickets',
    allow: WITH_PERMISSION_ANY_SCOPE,
    request: async (c) => ({ path: acc(c, '/tickets') }),
  },
  {
    op: 'POST /api/v1/accounts/{id}/tickets',
    accountScoped: true,
    permission: 'tickets',
    allow: WITH_PERMISSION_ANY_SCOPE,
    request: async (c) => ({ path: acc(c, '/tickets'), body: { subject: 'Site is down', body: 'Since this morning.' } }),
  },
  {
    op: 'GET /api/v1/accounts/{id}/audit',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, '/audit') }),
  },
  {
    op: 'GET /api/v1/accounts/{id}/audit.csv',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => ({ path: acc(c, '/audit.csv') }),
  },

  // Provider administration: the admin key only, never a user's token.
  {
    op: 'POST /api/v1/admin/users',
    allow: NOBODY,
    request: async (c) => ({ path: '/api/v1/admin/users', body: { email: email(c, 'adm'), name: 'X', password: STRONG_PASSWORD } }),
  },
  {
    op: 'POST /api/v1/admin/accounts',
    allow: NOBODY,
    request: async () => ({ path: '/api/v1/admin/accounts', body: { name: 'X', ownerEmail: 'owner@example.com' } }),
  },
  {
    op: 'POST /api/v1/admin/accounts/{id}/services',
    allow: NOBODY,
    request: async (c) => ({ path: `/api/v1/admin/accounts/${c.a.id}/services`, body: { name: 'X' } }),
  },
  {
    op: 'POST /api/v1/admin/accounts/{id}/domains',
    allow: NOBODY,
    request: async (c) => ({ path: `/api/v1/admin/accounts/${c.a.id}/domains`, body: { name: 'x.example', expiresAt: '2030-01-01T00:00:00Z' } }),
  },
  {
    op: 'POST /api/v1/admin/accounts/{id}/invoices',
    allow: NOBODY,
    request: async (c) => ({ path: `/api/v1/admin/accounts/${c.a.id}/invoices`, body: { amountCents: 1, dueAt: '2030-01-01T00:00:00Z' } }),
  },
  { op: 'GET /api/v1/admin/outbox', allow: NOBODY, request: async () => ({ path: '/api/v1/admin/outbox' }) },
  // Two-factor sign-in of the caller's own login, and the second step of signing in.
  { op: 'GET /api/v1/me/two-factor', allow: SIGNED_IN, request: async () => ({ path: '/api/v1/me/two-factor' }) },
  { op: 'POST /api/v1/me/two-factor/enrolment', allow: SIGNED_IN, request: async () => ({ path: '/api/v1/me/two-factor/enrolment' }) },
  {
    op: 'POST /api/v1/me/two-factor/confirmation',
    allow: SIGNED_IN,
    request: async (c) => {
      if (c.persona === 'anonymous') return { path: '/api/v1/me/two-factor/confirmation', body: { code: '123456' } };
      const login = await twoFactorLogin(c, false);
      return { path: '/api/v1/me/two-factor/confirmation', token: login.accessToken, body: { code: await login.code() } };
    },
  },
  {
    op: 'POST /api/v1/me/two-factor/disable',
    allow: SIGNED_IN,
    request: async (c) => {
      if (c.persona === 'anonymous') return { path: '/api/v1/me/two-factor/disable', body: { password: STRONG_PASSWORD, code: '123456' } };
      const login = await twoFactorLogin(c);
      return { path: '/api/v1/me/two-factor/disable', token: login.accessToken, body: { password: STRONG_PASSWORD, backupCode: login.backupCodes[0] } };
    },
  },
  {
    op: 'POST /api/v1/session/two-factor',
    allow: EVERYONE,
    request: async (c) => {
      const login = await twoFactorLogin(c);
      const challenge = await c.h.call('POST', '/api/v1/session', { body: { email: login.address, password: STRONG_PASSWORD } });
      return { path: '/api/v1/session/two-factor', noAuth: true, body: { challengeToken: challenge.body.challengeToken, backupCode: login.backupCodes[0] } };
    },
  },
  {
    op: 'GET /api/v1/accounts/{id}/two-factor-policy',
    accountScoped: true,
    allow: ['owner'],
    request: async (c) => ({ path: acc(c, '/two-factor-policy') }),
  },
  {
    op: 'PUT /api/v1/accounts/{id}/two-factor-policy',
    accountScoped: true,
    allow: ['owner'],
    request: async (c) => ({ path: acc(c, '/two-factor-policy'), body: { required: false } }),
  },
  {
    op: 'PATCH /api/v1/accounts/{id}/invitations/{invId}',
    accountScoped: true,
    permission: 'users.manage',
    allow: MANAGERS,
    request: async (c) => {
      const inv = await c.w.asOwner('POST', acc(c, '/invitations'), { email: email(c, 'expiring'), permissions: ['tickets'], expiresAt: inDays(c, 10) });
      return { path: acc(c, `/invitations/${inv.id}`), body: { accessExpiresAt: inDays(c, 20) } };
    },
  },
  {
    op: 'GET /api/v1/accounts/{id}/invitation-domains',
    accountScoped: true,
    allow: ['owner'],
    request: async (c) => ({ path: acc(c, '/invitation-domains') }),
  },
  {
    op: 'PUT /api/v1/accounts/{id}/invitation-domains',
    accountScoped: true,
    allow: ['owner'],
    request: async (c) => ({ path: acc(c, '/invitation-domains'), body: { domains: ['example.com'] } }),
  },
];
function contactRows(): Row[] {
  const contact = async (c: Cell) => (await c.w.asOwner('POST', acc(c, '/contacts'), { name: 'Carla Contact', email: email(c, 'contact') })).id as string;
  const base = { accountScoped: true, permission: 'contacts.manage' as const, allow: WITH_PERMISSION_ANY_SCOPE };
  return [
    { ...base, op: 'GET /api/v1/accounts/{id}/contacts', request: async (c) => ({ path: acc(c, '/contacts') }) },
    {
      ...base,
      op: 'POST /api/v1/accounts/{id}/contacts',
      request: async (c) => ({ path: acc(c, '/contacts'), body: { name: 'New Contact', email: email(c, 'nc') } }),
    },
    { ...base, op: 'GET /api/v1/accounts/{id}/contacts/{contactId}', request: async (c) => ({ path: acc(c, `/contacts/${await contact(c)}`) }) },
    {
      ...base,
      op: 'PATCH /api/v1/accounts/{id}/contacts/{contactId}',
      request: async (c) => ({ path: acc(c, `/contacts/${await contact(c)}`), body: { city: 'Bologna' } }),
    },
    { ...base, op: 'DELETE /api/v1/accounts/{id}/contacts/{contactId}', request: async (c) => ({ path: acc(c, `/contacts/${await contact(c)}`) }) },
    // Promoting invites the contact as a user: that takes users.manage.
    {
      ...base,
      op: 'POST /api/v1/accounts/{id}/contacts/{contactId}/promote',
      allow: MANAGERS,
      request: async (c) => ({ path: acc(c, `/contacts/${await contact(c)}/promote`), body: { permissions: ['tickets'] } }),
    },
  ];
}

const CELLS = ROWS.length * PERSONAS.length;

describe(`authorization matrix: ${ROWS.length} endpoint rows × ${PERSONAS.length} roles = ${CELLS} cells`, () => {
  let h: Harness;
  let w: MatrixWorld;

  beforeAll(async () => {
    h = await startHarness();
    w = new MatrixWorld(h);
    await w.setUp();
  });
  afterAll(() => h?.close());

  it('has a row for every operation of the OpenAPI document', async () => {
    const documented = (await loadOperations()).map((o) => o.key);
    const covered = new Set(ROWS.map((r) => r.op));
    expect(documented.filter((k) => !covered.has(k))).toEqual([]);
    expect([...covered].filter((k) => !documented.includes(k))).toEqual([]);
  });

  describe.each(ROWS.map((r) => [`${r.op}${r.variant ? ` (${r.variant})` : ''}`, r] as const))('%s', (_name, row) => {
    it.each(PERSONAS.map((p) => [p, row.allow.includes(p) ? 'allowed' : 'refused'] as const))('%s → %s', async (persona, verdict) => {
      const a = await w.account(row.permission);
      const me = persona === 'anonymous' ? w.logins.inviter : w.logins[persona];
      const { path, body, token, noAuth } = await row.request({ w, h, a, persona, me });
      const method = row.op.split(' ')[0]!;
      const res = await h.call(method, path, { token: noAuth ? undefined : (token ?? w.token(persona)), body });
      const seen = `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
      if (verdict === 'allowed') {
        expect(res.status, seen).toBeGreaterThanOrEqual(200);
        expect(res.status, seen).toBeLessThan(300);
        return;
      }
      expect([401, 403, 404, 409], seen).toContain(res.status);
      expect(res.type, seen).toMatch(/^application\/problem\+json/);
      if (persona === 'anonymous' && !noAuth) expect(res.status, seen).toBe(401);
      // Someone with no access to the account learns nothing about it, not even that it exists.
      if (row.accountScoped && (persona === 'outsider' || persona === 'revoked')) expect(res.status, seen).toBe(404);
    });
  });

  it('the admin key is allowed on every admin endpoint', async () => {
    const a = await w.account(undefined);
    for (const row of ROWS.filter((r) => r.op.includes('/admin/'))) {
      const { path, body } = await row.request({ w, h, a, persona: 'anonymous', me: w.logins.inviter });
      const res = await h.call(row.op.split(' ')[0]!, path, { token: h.server.adminKey, body });
      expect(res.status, `${row.op}: ${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
  });
});
