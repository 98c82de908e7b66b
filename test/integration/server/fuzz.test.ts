/**
 * Every endpoint of the API (as its OpenAPI document lists them) fed malformed and hostile input:
 * wrong types, huge strings, unknown fields, injection strings, bad JSON, wrong content types,
 * hostile ids, query parameters and credentials. Each answer must be a 4xx problem document, never
 * a 5xx, and the database must be exactly as it was (a digest of every data table).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitation } from '../../../src-server/domain/invitations.js';
import { databaseDigest } from './fixtures/database-digest.js';
import { HOSTILE_AUTHORIZATION, HOSTILE_STRINGS, HOSTILE_PATH_VALUES, hostileBodies, hostileQueries, percentEncode } from './fixtures/hostile-inputs.js';
import { loadOperations, type Operation } from './fixtures/openapi.js';
import { type Harness, startHarness } from './harness.js';

interface FuzzInput {
  label: string;
  method: string;
  /** Path with its parameters filled (hostile or real) and the query string. */
  path: (ids: Ids) => string;
  headers: (auth: string | undefined) => Record<string, string>;
  body?: string;
}

type Ids = Record<string, string>;

const operations = await loadOperations();

/** The real id a path parameter names, by the collection the parameter follows. */
function realId(ids: Ids, path: string, param: string): string {
  const before = path.split(`/{${param}}`)[0]!.split('/').at(-1)!;
  return ids[before] ?? ids[param] ?? 'no_such_id_0000';
}

function fillPath(op: Operation, ids: Ids, override?: { param: string; value: string }): string {
  return op.path.replace(/\{(\w+)\}/g, (_, param: string) =>
    override?.param === param ? percentEncode(override.value) : percentEncode(realId(ids, op.path, param)),
  );
}

function inputsFor(op: Operation): FuzzInput[] {
  const inputs: FuzzInput[] = [];
  const auth = (a: string | undefined): Record<string, string> => (a ? { authorization: a } : {});
  // A body-less write gets no body: an unexpected body would be ignored and the write would act.
  if (op.body) {
    for (const b of hostileBodies(op.body)) {
      inputs.push({
        label: b.label,
        method: op.method,
        path: (ids) => fillPath(op, ids),
        headers: (a) => ({ ...auth(a), 'content-type': b.contentType }),
        body: b.body,
      });
    }
  }
  for (const q of hostileQueries(op)) {
    inputs.push({ label: `query ${q.label}`, method: op.method, path: (ids) => `${fillPath(op, ids)}?${q.query}`, headers: auth });
  }
  for (const p of op.params) {
    for (const value of HOSTILE_PATH_VALUES) {
      inputs.push({
        label: `path ${p.name} = ${JSON.stringify(value.slice(0, 30))}`,
        method: op.method,
        path: (ids) => fillPath(op, ids, { param: p.name, value }),
        headers: (a) => ({ ...auth(a), ...(op.body ? { 'content-type': 'application/json' } : {}) }),
        ...(op.body ? { body: '{}' } : {}),
      });
    }
  }
  if (op.security !== 'none') {
    for (const header of HOSTILE_AUTHORIZATION) {
      inputs.push({
        label: `authorization ${JSON.stringify(header.slice(0, 30))}`,
        method: op.method,
        path: (ids) => fillPath(op, ids),
        headers: () => ({ authorization: header }),
      });
    }
  }
  if (op.method !== 'GET') {
    for (const key of ['', 'k'.repeat(201)]) {
      inputs.push({
        label: `Idempotency-Key of ${key.length} characters`,
        method: op.method,
        path: (ids) => fillPath(op, ids),
        headers: (a) => ({ ...auth(a), 'idempotency-key': key, ...(op.body ? { 'content-type': 'application/json' } : {}) }),
        ...(op.body ? { body: '{"zzUnknownField":1}' } : {}),
      });
    }
  }
  return inputs;
}

const plan = operations.map((op) => ({ op, inputs: inputsFor(op) }));

/** Requests no router should take: broken encodings, odd methods, paths that walk out. */
const RAW_REQUESTS: readonly { method: string; path: string }[] = [
  { method: 'GET', path: '/api/v1/accounts/%E0%A4%A' },
  { method: 'GET', path: '/api/v1/accounts/%' },
  { method: 'GET', path: '/api/v1/../../etc/passwd' },
  { method: 'GET', path: '/api/v1/accounts/..%2F..%2Fadmin' },
  { method: 'PUT', path: '/api/v1/accounts' },
  { method: 'PATCH', path: '/api/v1/session' },
  { method: 'PROPFIND', path: '/api/v1/me' },
  { method: 'GET', path: `/api/v1/${'x'.repeat(4000)}` },
];

/** The panel's forms, posted by someone who has no session and no CSRF token, with hostile fields. */
const PANEL_POSTS = [
  '/panel/sign-in',
  '/panel/sign-out',
  '/panel/invitations/accept/answer',
  '/panel/invitations/accept/sign-up',
  '/panel/activate',
  '/panel/reset-password',
  '/panel/verify-email',
  '/panel/accounts/{accounts}/tickets',
] as const;
const PANEL_BODIES: readonly { contentType: string; body: string }[] = [
  ...HOSTILE_STRINGS.filter((v) => v.length < 5000).map((v) => ({
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ email: v, password: v, token: v, name: v, confirm: v, subject: v, body: v, answer: v, next: v, csrf: v }).toString(),
  })),
  { contentType: 'application/x-www-form-urlencoded', body: 'token=a&token=b&csrf=x' },
  { contentType: 'application/x-www-form-urlencoded', body: `subject=${'A'.repeat(70_000)}` },
  { contentType: 'application/x-www-form-urlencoded', body: '%%%=%%%&=&&' },
  { contentType: 'application/json', body: '{"email":"a@b.c","password":"x"}' },
  { contentType: 'text/plain', body: 'email=a@b.c' },
];
const PANEL_PAGES = [
  '/panel/invitations/accept',
  '/panel/activate',
  '/panel/reset-password',
  '/panel/verify-email',
  '/panel/sign-in',
  '/panel/switch',
] as const;
const PANEL_QUERIES = HOSTILE_STRINGS.filter((v) => v.length < 5000).map(
  (v) => `token=${percentEncode(v)}&next=${percentEncode(v)}&account=${percentEncode(v)}`,
);

const total =
  plan.reduce((n, p) => n + p.inputs.length, 0) + RAW_REQUESTS.length + PANEL_POSTS.length * PANEL_BODIES.length + PANEL_PAGES.length * PANEL_QUERIES.length;

describe(`fuzzing: ${total} malformed and hostile inputs across ${operations.length} operations`, () => {
  let h: Harness;
  let ownerToken: string;
  const ids: Ids = {};

  beforeAll(async () => {
    h = await startHarness();
    const owner = await h.createLogin('owner@example.com', 'Olivia Owner');
    const member = await h.createLogin('member@example.com', 'Mia Member');
    await h.createLogin('invitee@example.com', 'Ivan Invitee');
    ownerToken = (await h.signIn('owner@example.com')).accessToken;
    const account = (await h.admin('/accounts', { name: 'Fuzz Target Ltd', ownerEmail: 'owner@example.com' })).id as string;
    ids.accounts = account;
    ids.services = (await h.admin(`/accounts/${account}/services`, { name: 'Hosting' })).id;
    ids.domains = (await h.admin(`/accounts/${account}/domains`, { name: 'fuzz.example', expiresAt: '2030-01-01T00:00:00Z' })).id;
    ids.invoices = (await h.admin(`/accounts/${account}/invoices`, { amountCents: 100, dueAt: '2030-01-01T00:00:00Z' })).id;
    ids.users = member.id;
    ids['managed-users'] = member.id;
    ids.invitations = (
      await createInvitation(h.db, h.now(), { accountId: account, invitedBy: owner.id, email: 'invitee@example.com', permissions: ['tickets'] })
    ).invitation.id;
    // Whatever else the API offers gets a real target through the API itself, when it exists.
    const created = async (path: string, body: unknown) => {
      const res = await h.call('POST', path, { token: ownerToken, body });
      return res.status < 300 ? (res.body?.id as string | undefined) : undefined;
    };
    ids.contacts = (await created(`/api/v1/accounts/${account}/contacts`, { name: 'Carla Contact', email: 'carla@example.com' })) ?? 'no_contact';
    ids.tickets = (await created(`/api/v1/accounts/${account}/tickets`, { subject: 'Help', body: 'Please' })) ?? 'no_ticket';
    // A pending access request from the member, so approve and decline have a real target.
    const memberToken = (await h.signIn('member@example.com')).accessToken;
    const asked = await h.call('POST', '/api/v1/access-requests', {
      token: memberToken,
      body: {
        customerNumber: (await h.db.selectFrom('users').select('customer_number').where('id', '=', owner.id).executeTakeFirstOrThrow()).customer_number,
        permissions: ['tickets'],
        message: 'Fuzz target',
      },
    });
    ids['access-requests'] = (asked.body?.id as string | undefined) ?? 'no_request';
  });
  afterAll(() => h?.close());

  it('covers every operation of the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    for (const { op, inputs } of plan) expect(inputs.length, op.key).toBeGreaterThan(0);
  });

  it.each(plan.map((p) => [p.op.key, p.inputs.length, p] as const))('%s: %i inputs, each a 4xx problem, nothing stored', async (_key, _n, { op, inputs }) => {
    const before = await databaseDigest(h.db);
    const failures: string[] = [];
    const credential = op.security === 'admin' ? `Bearer ${h.server.adminKey}` : op.security === 'bearer' ? `Bearer ${ownerToken}` : undefined;
    for (const input of inputs) {
      const res = await fetch(h.server.url + input.path(ids), { method: input.method, headers: input.headers(credential), body: input.body });
      const type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      let problem: Record<string, unknown> | undefined;
      try {
        problem = JSON.parse(text) as Record<string, unknown>;
      } catch {
        problem = undefined;
      }
      const isProblem =
        type.startsWith('application/problem+json') &&
        problem !== undefined &&
        ['type', 'title', 'status', 'code'].every((k) => k in problem!) &&
        problem.status === res.status;
      if (res.status < 400 || res.status >= 500 || !isProblem) failures.push(`${input.label}: ${res.status} ${type} ${text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    const after = await databaseDigest(h.db);
    expect(after, `${op.key} changed stored data`).toEqual(before);
  });

  it(`router-level rejections (${RAW_REQUESTS.length} requests) are problem documents too`, async () => {
    const before = await databaseDigest(h.db);
    const failures: string[] = [];
    for (const { method, path } of RAW_REQUESTS) {
      const res = await fetch(h.server.url + path, { method, headers: { authorization: `Bearer ${ownerToken}` } });
      const type = res.headers.get('content-type') ?? '';
      if (res.status < 400 || res.status >= 500 || !type.startsWith('application/problem+json'))
        failures.push(`${method} ${path.slice(0, 60)}: ${res.status} ${type}`);
      await res.arrayBuffer();
    }
    expect(failures).toEqual([]);
    expect(await databaseDigest(h.db)).toEqual(before);
  });

  it(`panel forms and pages (${PANEL_POSTS.length * PANEL_BODIES.length + PANEL_PAGES.length * PANEL_QUERIES.length} hostile requests): never a 5xx, nothing stored, nothing reflected unescaped`, async () => {
    const before = await databaseDigest(h.db);
    const failures: string[] = [];
    const check = async (label: string, res: Response) => {
      const text = await res.text();
      if (res.status >= 500) failures.push(`${label}: ${res.status}`);
      if (/<script>alert|<img src=x onerror/i.test(text)) failures.push(`${label}: reflected markup`);
    };
    for (const path of PANEL_POSTS) {
      for (const { contentType, body } of PANEL_BODIES) {
        const url = h.server.url + path.replace('{accounts}', ids.accounts!);
        await check(
          `POST ${path} ${contentType} ${body.slice(0, 40)}`,
          await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body, redirect: 'manual' }),
        );
      }
    }
    for (const path of PANEL_PAGES) {
      for (const query of PANEL_QUERIES) {
        await check(`GET ${path}?${query.slice(0, 40)}`, await fetch(`${h.server.url}${path}?${query}`, { redirect: 'manual' }));
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseDigest(h.db)).toEqual(before);
  });
});
