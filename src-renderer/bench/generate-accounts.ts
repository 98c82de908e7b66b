import { PERMISSION_PRESETS, type Permission, type Role } from '../../src-shared/api/permissions.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';

const FIRST = [
  'Bellini',
  'Alpen',
  'Nord',
  'Côte',
  'Fjord',
  'Luna',
  'Hafen',
  'Green',
  'Atelier',
  'Studio',
  'Casa',
  'Boulangerie',
  'Piekarnia',
  'Café',
  'Hotel',
  'Galleria',
  'Kowalski',
  'Moreau',
  'Schneider',
  'Verdi',
];
const SECOND = [
  'Ristorante',
  'Dental',
  'Logistics',
  'Yachting',
  'Bakery',
  'Design',
  'Consulting',
  'Immobilier',
  'Fisheries',
  'Yoga',
  'Chalet',
  'Segelschule',
  'Organics',
  'Media',
  'Legal',
  'Motors',
  'Travel',
  'Optik',
  'Vini',
  'Sport',
];
const GRANTS: readonly (readonly Permission[])[] = Object.values(PERMISSION_PRESETS);
const ROLES: Role[] = ['owner', 'admin', 'member', 'member', 'member'];

/** Deterministic rows shaped like a large agency's: 10 providers, realistic names, domains and counts. */
export function generateAccounts(count: number, providers = 10): ListedAccount[] {
  const rows: ListedAccount[] = [];
  const base = Date.parse('2025-06-01T12:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length]!;
    const second = SECOND[Math.floor(i / FIRST.length) % SECOND.length]!;
    const name = `${first} ${second} ${i}`;
    const slug = `${first}-${second}-${i}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9-]/g, '');
    const provider = i % providers;
    rows.push({
      id: `acc_${i}`,
      name,
      role: ROLES[i % ROLES.length]!,
      permissions: [...GRANTS[i % GRANTS.length]!],
      scope: null,
      summary: { services: i % 7, domainsExpiringSoon: i % 11 === 0 ? 1 : 0, unpaidInvoices: i % 5 === 0 ? 1 + (i % 3) : 0, openTickets: i % 4 },
      updatedAt: new Date(base).toISOString(),
      connectionId: `conn_${provider}`,
      providerLabel: `Provider ${provider + 1}`,
      favourite: i % 997 === 0,
      lastOpenedAt: i % 113 === 0 ? new Date(base - i * 60_000).toISOString() : null,
      domains: [`${slug}.com`, `${slug}.shop`],
    });
  }
  return rows;
}
