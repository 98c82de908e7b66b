import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/logging.js';

describe('logger', () => {
  it('redacts passwords and tokens at any of the first levels', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info({ password: 'p1', input: { password: 'p2', email: 'a@b.example' } }, 'add');
    logger.info({ session: { accessToken: 'at', refreshToken: 'rt' }, req: { headers: { authorization: 'Bearer x1' } } }, 'session');
    logger.info({ token: 'tk', deep: { er: { config: { secret: 's' } } } }, 'token');
    const text = lines.join('');
    for (const secret of ['p1', 'p2', '"at"', '"rt"', 'Bearer x1', '"tk"', '"s"']) expect(text).not.toContain(secret);
    expect(text).toContain('a@b.example');
    expect(text).toContain('[redacted]');
  });
});
