import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src-shared/api/permissions.js';
import type { AccountUser } from '../../../src-shared/api/team.js';
import type { ReviewedAccess } from '../../../src-shared/ipc/channels/access-review.js';
import { csvFileName, reviewCsv, type CsvHeadings } from '../../../src-renderer/access-review/review-csv.js';
import {
  filterReview,
  indexReview,
  NO_FILTERS,
  withAccess,
  withoutAccess,
  type ReviewFilters,
  type ReviewLine,
} from '../../../src-renderer/access-review/review-filter.js';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

function user(id: string, name: string, email: string, extra: Partial<AccountUser> = {}): AccountUser {
  return {
    userId: id,
    name,
    email,
    role: 'member',
    permissions: ['tickets'],
    scope: null,
    status: 'active',
    origin: 'invitation',
    joinedAt: daysAgo(400),
    updatedAt: daysAgo(400),
    ...extra,
  };
}

function access(accountId: string, accountName: string, u: AccountUser, extra: Partial<ReviewedAccess> = {}): ReviewedAccess {
  return { connectionId: 'c1', account: { id: accountId, name: accountName }, user: u, grantedBy: null, allowedDomains: null, ...extra };
}

const anna = user('u_anna', 'Anna Neri', 'anna@studio.example', { lastLoginAt: daysAgo(10), twoFactorEnabled: true });
const bruno = user('u_bruno', 'Bruno Rossi', 'bruno@freelance.example', { lastLoginAt: daysAgo(120), twoFactorEnabled: false });
const carla = user('u_carla', 'Carla Owner', 'carla@bellini.example', { role: 'owner', permissions: [...PERMISSIONS] });
const dario = user('u_dario', 'Dario Admin', 'dario@bellini.example', {
  role: 'admin',
  permissions: [...PERMISSIONS],
  lastLoginAt: null,
  joinedAt: daysAgo(5),
});
const elsa = user('u_elsa', 'Elsa Never', 'elsa@bellini.example', { lastLoginAt: null, joinedAt: daysAgo(200) });
const member = PERMISSIONS.filter((p) => p !== 'users.manage');
const fabio = user('u_fabio', 'Fabio Member', 'fabio@bellini.example', { permissions: member });

const ROWS: ReviewedAccess[] = [
  access('a_bellini', 'Bellini Ristorante', carla, { allowedDomains: ['bellini.example'] }),
  access('a_bellini', 'Bellini Ristorante', bruno, { allowedDomains: ['bellini.example'], grantedBy: { name: 'Carla Owner', email: 'carla@bellini.example' } }),
  access('a_bellini', 'Bellini Ristorante', dario, { allowedDomains: ['Bellini.example'] }),
  access('a_atelier', 'Atelier Moda', anna, { allowedDomains: [] }),
  access('a_atelier', 'Atelier Moda', bruno),
  access('a_atelier', 'Atelier Moda', elsa),
  access('a_atelier', 'Atelier Moda', fabio),
];

const shown = (filters: Partial<ReviewFilters>, grouping: 'person' | 'account' = 'account') =>
  filterReview(indexReview(ROWS), { ...NO_FILTERS, ...filters }, grouping, NOW).entries.map((e) => `${e.row.account.name}/${e.row.user.name}`);

describe('access review filters', () => {
  it('with no filter on, shows every access', () => {
    expect(shown({})).toHaveLength(ROWS.length);
  });

  it('stale: no sign-in for the chosen number of days, counting from joining for someone who never signed in; unknown is never stale', () => {
    expect(shown({ stale: true })).toEqual(['Atelier Moda/Bruno Rossi', 'Atelier Moda/Elsa Never', 'Bellini Ristorante/Bruno Rossi']);
    // Dario never signed in but joined 5 days ago; Carla's provider does not tell.
    expect(shown({ stale: true, staleDays: 3 })).toEqual([
      'Atelier Moda/Anna Neri',
      'Atelier Moda/Bruno Rossi',
      'Atelier Moda/Elsa Never',
      'Bellini Ristorante/Bruno Rossi',
      'Bellini Ristorante/Dario Admin',
    ]);
    expect(shown({ stale: true, staleDays: 365 })).toEqual([]);
  });

  it('all permissions: an admin with every permission, a member with all a member can hold, never the owner', () => {
    expect(shown({ allPermissions: true })).toEqual(['Atelier Moda/Fabio Member', 'Bellini Ristorante/Dario Admin']);
  });

  it('no 2FA: only where the provider says it is off', () => {
    expect(shown({ noTwoFactor: true })).toEqual(['Atelier Moda/Bruno Rossi', 'Bellini Ristorante/Bruno Rossi']);
  });

  it('outside the allowed domains: case-insensitive; an account without a list or with an empty one flags nobody', () => {
    expect(shown({ outsideDomains: true })).toEqual(['Bellini Ristorante/Bruno Rossi']);
  });

  it('expiring soon: access ending within 14 days, not already ended, not without an end', () => {
    const soon = new Date(NOW.getTime() + 3 * 86_400_000).toISOString();
    const later = new Date(NOW.getTime() + 40 * 86_400_000).toISOString();
    const past = new Date(NOW.getTime() - 60_000).toISOString();
    const rows = [
      access('a1', 'Soon', { ...anna, expiresAt: soon }),
      access('a2', 'Later', { ...anna, expiresAt: later }),
      access('a3', 'Past', { ...anna, expiresAt: past }),
      access('a4', 'Never', anna),
    ];
    const result = filterReview(indexReview(rows), { ...NO_FILTERS, expiringSoon: true }, 'account', NOW);
    expect(result.entries.map((e) => e.row.account.name)).toEqual(['Soon']);
  });

  it('filters combine, and the words match name, email or account', () => {
    expect(shown({ stale: true, noTwoFactor: true, query: 'bellini' })).toEqual(['Bellini Ristorante/Bruno Rossi']);
    expect(shown({ query: 'FREELANCE atelier' })).toEqual(['Atelier Moda/Bruno Rossi']);
  });
});

describe('access review grouping', () => {
  const outline = (lines: ReviewLine[]) =>
    lines.map((l) =>
      l.kind === 'group' ? `# ${l.grouping === 'person' ? l.first.row.user.name : l.first.row.account.name} (${l.count})` : l.entry.row.user.name,
    );

  it('by account: each account once, its people under it, sorted', () => {
    const { lines } = filterReview(indexReview(ROWS), NO_FILTERS, 'account', NOW);
    expect(outline(lines)).toEqual([
      '# Atelier Moda (4)',
      'Anna Neri',
      'Bruno Rossi',
      'Elsa Never',
      'Fabio Member',
      '# Bellini Ristorante (3)',
      'Bruno Rossi',
      'Carla Owner',
      'Dario Admin',
    ]);
  });

  it('by person: one heading per person across accounts, and only the groups that have a shown access', () => {
    const { lines } = filterReview(indexReview(ROWS), { ...NO_FILTERS, noTwoFactor: true }, 'person', NOW);
    expect(outline(lines)).toEqual(['# Bruno Rossi (2)', 'Bruno Rossi', 'Bruno Rossi']);
    expect(lines.filter((l) => l.kind === 'access').map((l) => (l.kind === 'access' ? l.entry.row.account.name : ''))).toEqual([
      'Atelier Moda',
      'Bellini Ristorante',
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(lines.length);
  });

  it('a revoked or changed access leaves or replaces its row without reordering the others', () => {
    const index = indexReview(ROWS);
    const brunoAtBellini = index.byAccount.find((e) => e.row.user.userId === 'u_bruno' && e.row.account.id === 'a_bellini')!;
    const after = withoutAccess(index, brunoAtBellini.key);
    expect(after.byAccount).toHaveLength(ROWS.length - 1);
    expect(after.byPerson.some((e) => e.key === brunoAtBellini.key)).toBe(false);

    const widened = withAccess(index, { ...brunoAtBellini.row, user: { ...bruno, permissions: member } });
    expect(widened.byAccount.map((e) => e.key)).toEqual(index.byAccount.map((e) => e.key));
    expect(filterReview(widened, { ...NO_FILTERS, allPermissions: true }, 'account', NOW).entries.map((e) => e.row.user.name)).toEqual([
      'Fabio Member',
      'Bruno Rossi',
      'Dario Admin',
    ]);
  });
});

describe('access review CSV', () => {
  const headings: CsvHeadings = {
    person: 'Person',
    email: 'Email',
    account: 'Account',
    provider: 'Provider',
    role: 'Role',
    permissions: 'Permissions',
    grantedAt: 'Granted',
    grantedBy: 'Granted by',
    lastLogin: 'Last login',
    twoFactor: 'Two-factor',
    expires: 'Expires',
  };

  // Split on the record delimiter: none of these values holds a line break.
  const lines = (csv: string) => csv.split('\r\n').filter(Boolean);

  it('has the shown rows in order, unknown cells empty, owners with every permission, and formulas escaped', () => {
    const rows = [...ROWS, access('a_x', '=HYPERLINK("http://evil.example")', anna)];
    const { entries } = filterReview(indexReview(rows), { ...NO_FILTERS, query: 'bruno' }, 'account', NOW);
    const csv = reviewCsv(entries, headings, (id) => (id === 'c1' ? 'Demo provider' : id));
    expect(lines(csv)).toEqual([
      'Person,Email,Account,Provider,Role,Permissions,Granted,Granted by,Last login,Two-factor,Expires',
      `Bruno Rossi,bruno@freelance.example,Atelier Moda,Demo provider,member,tickets,${daysAgo(400)},,${daysAgo(120)},no,`,
      `Bruno Rossi,bruno@freelance.example,Bellini Ristorante,Demo provider,member,tickets,${daysAgo(400)},Carla Owner <carla@bellini.example>,${daysAgo(120)},no,`,
    ]);

    const owner = reviewCsv(filterReview(indexReview(rows), { ...NO_FILTERS, query: 'carla' }, 'account', NOW).entries, headings, () => 'P');
    expect(lines(owner)[1]).toBe(`Carla Owner,carla@bellini.example,Bellini Ristorante,P,owner,${PERMISSIONS.join(' ')},${daysAgo(400)},,,,`);
    const evil = reviewCsv(filterReview(indexReview(rows), { ...NO_FILTERS, query: 'hyperlink' }, 'account', NOW).entries, headings, () => 'P');
    expect(lines(evil)[1]).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
  });

  it('never-signed-in reads "never", and the file name carries the day', () => {
    const csv = reviewCsv(filterReview(indexReview(ROWS), { ...NO_FILTERS, query: 'elsa' }, 'account', NOW).entries, headings, () => 'P');
    expect(lines(csv)[1]!.split(',')[8]).toBe('never');
    expect(csvFileName(NOW)).toBe('access-review-2026-12-03.csv');
  });
});
