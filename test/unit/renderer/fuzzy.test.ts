import { describe, expect, it } from 'vitest';
import { indexAccounts } from '../../../src-renderer/accounts/account-filter.js';
import { fuzzyScore, searchAccounts } from '../../../src-renderer/palette/fuzzy.js';
import { accountRow as row } from './account-rows.js';

describe('fuzzyScore', () => {
  it('finds a substring, and prefers it at the start, then at a word start', () => {
    expect(fuzzyScore('bel', 'bellini ristorante')).toBeGreaterThan(fuzzyScore('bel', 'hotel bellevue'));
    expect(fuzzyScore('bel', 'hotel bellevue')).toBeGreaterThan(fuzzyScore('bel', 'isabel'));
    expect(fuzzyScore('xyz', 'bellini')).toBe(-1);
  });

  it('matches letters in order across words, below any substring match', () => {
    const scattered = fuzzyScore('brst', 'bellini ristorante');
    expect(scattered).toBeGreaterThan(0);
    expect(scattered).toBeLessThan(fuzzyScore('rist', 'bellini ristorante'));
    expect(fuzzyScore('tsrb', 'bellini ristorante')).toBe(-1);
  });

  it('does not count letters scattered over a long text as a match', () => {
    expect(fuzzyScore('abc', `a${'x'.repeat(60)}b${'y'.repeat(60)}c`)).toBe(-1);
  });

  it('prefers a hit in the name to one in the provider or a domain', () => {
    expect(fuzzyScore('nord', 'nordic bakery\nacme', 13)).toBeGreaterThan(fuzzyScore('nord', 'bakery\nnordhost', 6));
  });
});

describe('searchAccounts', () => {
  const index = indexAccounts([
    row('Bellini Ristorante', 'Nordhost', { domains: ['bellini.it'] }),
    row('Hotel Bellevue', 'Acme Hosting'),
    row('Isabel Design', 'Acme Hosting', { favourite: true }),
    row('Bakery Elbe', 'Nordhost'),
  ]);

  it('ranks the best matches first and needs every word', () => {
    expect(searchAccounts(index, 'bel').map((s) => s.row.name)).toEqual(['Bellini Ristorante', 'Hotel Bellevue', 'Isabel Design', 'Bakery Elbe']);
    expect(searchAccounts(index, 'bel nord').map((s) => s.row.name)).toEqual(['Bellini Ristorante', 'Bakery Elbe']);
    expect(searchAccounts(index, 'bellini.it').map((s) => s.row.name)).toEqual(['Bellini Ristorante']);
    expect(searchAccounts(index, '   ')).toEqual([]);
  });

  it('keeps only the best `limit` among 50,000 accounts, fast', () => {
    const many = indexAccounts(Array.from({ length: 50_000 }, (_, i) => row(`Customer ${i} Studio`, i % 2 ? 'Acme Hosting' : 'Nordhost')));
    const start = performance.now();
    const hits = searchAccounts(many, 'cust 4999', 10);
    const elapsed = performance.now() - start;
    expect(hits).toHaveLength(10);
    expect(hits[0]!.row.name).toBe('Customer 4999 Studio');
    expect(hits.every((h, i) => i === 0 || hits[i - 1]!.score >= h.score)).toBe(true);
    expect(elapsed).toBeLessThan(400);
  });
});
