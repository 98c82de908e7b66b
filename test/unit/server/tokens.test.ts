import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, newId, newToken, secretsEqual } from '../../../src-server/domain/tokens.js';

describe('tokens', () => {
  it('carry at least 128 random bits and never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newToken('cda')));
    expect(tokens.size).toBe(1000);
    for (const t of [...tokens].slice(0, 10)) {
      expect(t.startsWith('cda_')).toBe(true);
      expect(Buffer.from(t.slice(4), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
  });

  it('are stored as their SHA-256 digest, which is stable and not the token', () => {
    const t = newToken('cdr');
    const digest = hashToken(t);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(createHash('sha256').update(t).digest('hex'));
    expect(digest).toBe(hashToken(t));
    expect(digest).not.toContain(t.slice(4));
    expect(hashToken(newToken('cdr'))).not.toBe(digest);
  });

  it('compares secrets of any length without throwing', () => {
    expect(secretsEqual('admin-key', 'admin-key')).toBe(true);
    expect(secretsEqual('admin-key', 'admin-kez')).toBe(false);
    expect(secretsEqual('admin-key', 'a')).toBe(false);
  });

  it('makes prefixed random ids within the API id limit', () => {
    const id = newId('acc');
    expect(id).toMatch(/^acc_[0-9a-f]{20}$/);
    expect(id.length).toBeLessThanOrEqual(64);
  });
});
