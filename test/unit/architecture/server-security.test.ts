/**
 * Where the server's security mechanisms live (docs/ARCHITECTURE.md §12), pinned: one module speaks
 * TOTP and draws QR codes, one encrypts two-factor secrets, one writes the rate-limit counters, so a
 * review reads each mechanism in one place and no route grows a limit or a code check of its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offenders, root, sourceFiles } from './import-graph.js';

const SERVER = 'src-server';
const file = (...parts: string[]) => path.join(SERVER, ...parts);
const text = (f: string) => readFileSync(path.join(root, f), 'utf8');

describe('server security mechanisms', () => {
  it('only domain/two-factor.ts imports otplib and qrcode', () => {
    const allowed = file('domain', 'two-factor.ts');
    expect(offenders([SERVER], (s, f) => /^(otplib|@otplib\/|qrcode)/.test(s) && f !== allowed)).toEqual([]);
    expect(text(allowed)).toMatch(/from 'otplib'/);
  });

  it('only domain/two-factor-secrets.ts encrypts (createCipheriv) in the server', () => {
    const users = sourceFiles(SERVER).filter((f) => /createCipheriv|createDecipheriv/.test(text(f)));
    expect(users).toEqual([file('domain', 'two-factor-secrets.ts')]);
  });

  it('only domain/rate-limits.ts queries the rate_limits table (the migration makes it)', () => {
    const users = sourceFiles(SERVER).filter((f) => /['"]rate_limits['"]/.test(text(f)));
    expect(users.sort()).toEqual([file('db', 'migrations', '0005-rate-limits.ts'), file('domain', 'rate-limits.ts')].sort());
  });

  it('no route or panel page keeps a limit of its own: the limits are named in domain/limits.ts', () => {
    const http = [...sourceFiles(file('http')), ...sourceFiles(file('panel'))];
    expect(http.filter((f) => /new RateLimits\(|\.consume\(\{/.test(text(f)))).toEqual([]);
  });

  it('only http/public-origin.ts reads the request host or scheme: links come from the public URL, never a header', () => {
    const readers = sourceFiles(SERVER).filter((f) => /request\.(host|hostname|protocol)\b|headers\.host\b|headers\[['"]x-forwarded-/i.test(text(f)));
    expect(readers).toEqual([file('http', 'public-origin.ts')]);
  });
});
