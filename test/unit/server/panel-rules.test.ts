import { describe, expect, it } from 'vitest';
import { devToolsEnabled } from '../../../src-server/config/panel.js';
import { containsNul, dialectOf, isUniqueViolation } from '../../../src-server/db/database.js';
import { DEFAULT_PASSWORD_POLICY, strictestOf } from '../../../src-server/domain/passwords.js';
import { sessionCsrfToken, validSessionCsrf } from '../../../src-server/panel/csrf.js';
import { escapeHtml, html } from '../../../src-server/panel/html.js';
import { safeNext } from '../../../src-server/panel/responses.js';
import { passwordPolicyWords, scopeWords } from '../../../src-server/panel/words.js';

describe('panel rules', () => {
  it('escapes every interpolated value, and only marked markup passes through', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const name = '<script>alert(1)</script>';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html`<ul>${['<b>', html`<li>ok</li>`]}</ul>`.value).toBe('<ul>&lt;b&gt;<li>ok</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('lets `next` lead only to panel pages of this site', () => {
    expect(safeNext('/panel/accounts/acc_1')).toBe('/panel/accounts/acc_1');
    expect(safeNext('/panel/invitations/accept?token=abc')).toBe('/panel/invitations/accept?token=abc');
    for (const evil of ['https://evil.example', '//evil.example', '/\\evil', '/api/v1/me', 'javascript:alert(1)', '/panel x', undefined, '']) {
      expect(safeNext(evil)).toBe('/panel');
    }
  });

  it('binds the CSRF token to the session: another session or a guess does not pass', () => {
    const token = sessionCsrfToken('cdp_session_a');
    expect(validSessionCsrf('cdp_session_a', token)).toBe(true);
    expect(validSessionCsrf('cdp_session_b', token)).toBe(false);
    expect(validSessionCsrf('cdp_session_a', undefined)).toBe(false);
    expect(validSessionCsrf('cdp_session_a', '')).toBe(false);
  });

  it('turns the provider password policy and a scope into words', () => {
    expect(passwordPolicyWords(DEFAULT_PASSWORD_POLICY)).toBe(
      'The password needs at least 8 characters, an upper-case letter, a digit, a special character, and must not be a common password.',
    );
    expect(passwordPolicyWords(strictestOf({ minLength: 12, requireLower: true }))).toMatch(
      /^The password needs at least 12 characters, an upper-case letter, a lower-case letter/,
    );
    expect(scopeWords(null)).toBeNull();
    expect(scopeWords({ domains: ['shop.example'] })).toBe('Limited to the domain shop.example.');
    expect(scopeWords({ services: ['a', 'b'] })).toBe('Limited to 2 chosen services.');
  });

  it('opens the development mail viewer only in development or demo mode', () => {
    expect(devToolsEnabled({ demo: true }, {})).toBe(true);
    expect(devToolsEnabled({ demo: false }, { NODE_ENV: 'development' })).toBe(true);
    expect(devToolsEnabled({ demo: false }, { CLIENTAREA_DEV_MAIL: '1' })).toBe(true);
    expect(devToolsEnabled({ demo: false }, { NODE_ENV: 'production' })).toBe(false);
    expect(devToolsEnabled({ demo: false }, {})).toBe(false);
  });

  it('finds the NUL character PostgreSQL cannot store, anywhere in an input', () => {
    expect(containsNul('a\u0000b')).toBe(true);
    expect(containsNul({ a: [{ b: 'x\u0000' }] })).toBe(true);
    expect(containsNul({ ['k\u0000']: 1 })).toBe(true);
    expect(containsNul({ a: ['fine', 1, null, true] })).toBe(false);
    expect(containsNul(undefined)).toBe(false);
  });

  it('tells the stores apart and recognises unique violations of both', () => {
    expect(dialectOf({ url: '' })).toBe('sqlite');
    expect(dialectOf({ url: 'postgres://db/x' })).toBe('postgres');
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(true);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
