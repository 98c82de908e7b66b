import { describe, expect, it } from 'vitest';
import { loggerOptions, redactUrl } from '../../../src-server/config/logger.js';

describe('server logs keep secrets out', () => {
  it('removes the one-time token from SSO link paths', () => {
    expect(redactUrl('/panel/sso/cds_abc-DEF_123')).toBe('/panel/sso/[redacted]');
    expect(redactUrl('/panel/sso/cds_abc?x=1')).toBe('/panel/sso/[redacted]?x=1');
    expect(redactUrl('/api/v1/accounts/acc_1/sso')).toBe('/api/v1/accounts/acc_1/sso');
  });

  it('censors password and token fields and logs requests by method and redacted URL only', () => {
    const options = loggerOptions('info');
    const redact = options.redact as { paths: string[] };
    for (const path of ['password', '*.password', 'refreshToken', 'accessToken', 'adminKey']) expect(redact.paths).toContain(path);
    for (const path of ['challengeToken', 'backupCode', 'backupCodes', 'secret']) expect(redact.paths).toContain(path);
    const req = (options.serializers as { req: (r: unknown) => unknown }).req({
      method: 'GET',
      url: '/panel/sso/cds_secret',
      ip: '127.0.0.1',
      headers: { authorization: 'Bearer cda_secret', cookie: 'clientarea_panel=cdp_secret' },
    });
    expect(JSON.stringify(req)).not.toContain('secret');
  });
});
