import { describe, expect, it } from 'vitest';
import { checkProviderUrl, isLoopbackHost } from '../../../src-main/connections/provider-url.js';
import { ClientdeckError } from '../../../src-main/errors.js';

function codeOf(raw: string): string | null {
  try {
    checkProviderUrl(raw);
    return null;
  } catch (error) {
    return error instanceof ClientdeckError ? error.code : 'not-a-clientdeck-error';
  }
}

describe('checkProviderUrl', () => {
  it('accepts https and normalises the address', () => {
    expect(checkProviderUrl('https://my.provider.com/')).toBe('https://my.provider.com');
    expect(checkProviderUrl('  https://My.Provider.com/clients/?x=1#y ')).toBe('https://my.provider.com/clients');
    expect(checkProviderUrl('https://my.provider.com/api/v1/')).toBe('https://my.provider.com');
    expect(checkProviderUrl('my.provider.com')).toBe('https://my.provider.com');
    expect(checkProviderUrl('https://my.provider.com:8443')).toBe('https://my.provider.com:8443');
  });

  it('accepts plain http only on loopback', () => {
    expect(checkProviderUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(checkProviderUrl('http://127.8.9.10')).toBe('http://127.8.9.10');
    expect(checkProviderUrl('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(checkProviderUrl('http://[::1]:4000')).toBe('http://[::1]:4000');
  });

  it.each([
    'http://my.provider.com',
    'http://10.0.0.1',
    'http://128.0.0.1',
    'http://localhost.evil.com',
    'http://127.0.0.1.nip.io',
    'http://[::2]',
    'http://0.0.0.0',
  ])('refuses plain http to %s as insecure_url', (raw) => {
    expect(codeOf(raw)).toBe('insecure_url');
  });

  it.each(['', '   ', 'http://', 'https://exa mple.com', 'ftp://files.example.com', 'javascript:alert(1)', 'https://user:pw@example.com', 'https://[zz]'])(
    'refuses %j as invalid_url',
    (raw) => {
      expect(codeOf(raw)).toBe('invalid_url');
    },
  );

  it('explains the refusal in a sentence', () => {
    expect(() => checkProviderUrl('http://my.provider.com')).toThrow(/plain http.*https:\/\//);
  });
});

describe('isLoopbackHost', () => {
  it('knows the loopback range and nothing else', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.255.255.254')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('[::ffff:7f00:1]')).toBe(true);
    expect(isLoopbackHost('126.0.0.1')).toBe(false);
    expect(isLoopbackHost('example.com')).toBe(false);
    expect(isLoopbackHost('[::ffff:a00:1]')).toBe(false);
  });
});
