import { describe, expect, it } from 'vitest';
import { duplicateEmails } from '../../../src-renderer/account-detail/duplicate-emails.js';

describe('duplicateEmails', () => {
  it('marks every row whose address appears on another row, trimmed and regardless of case', () => {
    const found = duplicateEmails(['ada@example.com', 'bob@example.com', '  ADA@Example.com ', 'carl@example.com']);
    expect([...found.entries()]).toEqual([
      [0, 'ada@example.com'],
      [2, 'ADA@Example.com'],
    ]);
  });

  it('finds nothing when every address is different', () => {
    expect(duplicateEmails(['ada@example.com', 'bob@example.com']).size).toBe(0);
  });

  it('does not count empty rows as duplicates of each other', () => {
    expect(duplicateEmails(['', '  ', 'ada@example.com']).size).toBe(0);
  });

  it('marks all three rows of an address given three times', () => {
    expect([...duplicateEmails(['x@example.com', 'X@example.com', 'x@EXAMPLE.com']).keys()]).toEqual([0, 1, 2]);
  });
});
