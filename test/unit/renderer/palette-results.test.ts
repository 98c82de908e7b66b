import { describe, expect, it } from 'vitest';
import { indexAccounts } from '../../../src-renderer/accounts/account-filter.js';
import type { PaletteAction } from '../../../src-renderer/palette/palette-sources.js';
import { paletteResults } from '../../../src-renderer/palette/palette-results.js';
import { accountRow as row } from './account-rows.js';

const LABELS = { suggested: 'Favourites and recent', accounts: 'Accounts', actions: 'Actions' };
const action = (id: string, label: string): PaletteAction => ({ id, label, icon: 'view', run: () => undefined });
const ACTIONS = [action('answer', 'Answer invitation from Thomas Huber to Alpen Chalet Resort'), action('add', 'Add a provider'), action('sync', 'Sync now')];
const index = indexAccounts([
  row('Bellini Ristorante', 'Nordhost', { favourite: true }),
  row('Alpine Dental', 'Acme Hosting', { lastOpenedAt: '2025-06-01T10:00:00.000Z' }),
  row('Syncro Media', 'Acme Hosting'),
  row('Hotel Bellevue', 'Acme Hosting'),
]);
const shown = (query: string) =>
  paletteResults(query, index, ACTIONS, LABELS).map((g) => [g.label, g.items.map((i) => (i.kind === 'account' ? i.row.name : i.action.id))]);

describe('paletteResults', () => {
  it('suggests favourites and recent accounts first when nothing is typed, then every action', () => {
    expect(shown('')).toEqual([
      ['Favourites and recent', ['Bellini Ristorante', 'Alpine Dental']],
      ['Actions', ['answer', 'add', 'sync']],
    ]);
  });

  it('lists accounts matching loosely, and only actions holding every word typed', () => {
    expect(shown('bel')).toEqual([['Accounts', ['Bellini Ristorante', 'Hotel Bellevue']]]);
    expect(shown('answer alpen')).toEqual([['Actions', ['answer']]]);
  });

  it('puts an action first when it is what was typed, unless an account is named so', () => {
    expect(shown('add a provider')[0]).toEqual(['Actions', ['add']]);
    expect(shown('sync')[0]).toEqual(['Accounts', ['Syncro Media']]);
  });
});
