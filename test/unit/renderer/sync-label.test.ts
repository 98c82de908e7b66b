import { describe, expect, it } from 'vitest';
import { formatClock, syncLabel } from '../../../src-renderer/kit/sync-label.js';

const time = () => '14:05';

describe('syncLabel', () => {
  it('shows when a connection last synced', () => {
    expect(syncLabel({ connectionId: 'c', state: 'synced', syncedAt: '2025-01-01T14:05:00Z', message: null }, time)).toEqual({
      key: 'sync.synced',
      values: { time: '14:05' },
      tone: 'ok',
      detail: null,
    });
  });

  it("carries main's sentence for problems", () => {
    expect(syncLabel({ connectionId: 'c', state: 'error', syncedAt: null, message: 'The provider answered 500.' }, time)).toMatchObject({
      key: 'sync.error',
      tone: 'error',
      detail: 'The provider answered 500.',
    });
    expect(syncLabel({ connectionId: 'c', state: 'needs_sign_in', syncedAt: null, message: null }, time).tone).toBe('warn');
    expect(syncLabel({ connectionId: 'c', state: 'offline', syncedAt: null, message: null }, time).key).toBe('sync.offline');
  });

  it('says "not synced yet" for an unknown connection', () => {
    expect(syncLabel(undefined, time)).toMatchObject({ key: 'sync.never', tone: 'idle' });
  });
});

describe('formatClock', () => {
  it('formats hours and minutes, and nothing for a bad date', () => {
    expect(formatClock('2025-01-01T14:05:00', 'en-GB')).toBe('14:05');
    expect(formatClock('nope', 'en')).toBe('');
  });

  it('builds one formatter per language, not one per connection and change', () => {
    const Real = Intl.DateTimeFormat;
    const made: unknown[] = [];
    Intl.DateTimeFormat = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made.push(args[0]);
      }
    } as typeof Real;
    try {
      for (let i = 0; i < 20; i++) expect(formatClock(`2025-01-01T14:${String(i).padStart(2, '0')}:00`, 'pl')).toBe(`14:${String(i).padStart(2, '0')}`);
      expect(formatClock('2025-01-01T14:05:00', 'en-GB')).toBe('14:05');
      expect(made.filter((locale) => locale === 'pl')).toHaveLength(1);
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});
