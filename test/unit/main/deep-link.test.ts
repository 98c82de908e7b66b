import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NavigateTarget } from '../../../src-shared/ipc/events.js';
import { findDeepLinkArgument, parseDeepLink, resolveDeepLink } from '../../../src-main/deep-links/deep-link.js';

const connections = [
  { id: 'c-demo', baseUrl: 'http://127.0.0.1:4000' },
  { id: 'c-one', baseUrl: 'https://my.provider.com' },
  { id: 'c-two', baseUrl: 'https://my.provider.com' },
];

describe('parseDeepLink', () => {
  it('reads the views and the invitation and account forms', () => {
    expect(parseDeepLink('clientdeck://invitations')).toEqual({ kind: 'view', view: 'invitations' });
    expect(parseDeepLink('clientdeck://accounts/')).toEqual({ kind: 'view', view: 'accounts' });
    expect(parseDeepLink('CLIENTDECK://Connections')).toEqual({ kind: 'view', view: 'connections' });
    expect(parseDeepLink('clientdeck://invitations/my.provider.com/inv_123')).toEqual({
      kind: 'invitation',
      provider: 'my.provider.com',
      invitationId: 'inv_123',
    });
    expect(parseDeepLink('clientdeck://invitations/127.0.0.1:4000/inv_1/')).toEqual({ kind: 'invitation', provider: '127.0.0.1:4000', invitationId: 'inv_1' });
    expect(parseDeepLink('clientdeck://invitations/[::1]:8443/inv_1')).toEqual({ kind: 'invitation', provider: '[::1]:8443', invitationId: 'inv_1' });
    expect(parseDeepLink('clientdeck://accounts/My.Provider.COM/acc%20X?utm=mail#top')).toEqual({
      kind: 'account',
      provider: 'my.provider.com',
      accountId: 'acc X',
    });
  });

  it('refuses anything else as a whole', () => {
    const hostile = [
      '',
      'clientdeck:',
      'clientdeck://',
      'clientdeck:invitations/p/i',
      'https://my.provider.com/panel/invitations/inv_1',
      'javascript:alert(1)//clientdeck://invitations',
      'file:///etc/passwd',
      ' clientdeck://invitations',
      'clientdeck://invitations\n',
      'clientdeck://invitations/p/i/extra',
      'clientdeck://invitations/p',
      'clientdeck://settings/p/i',
      'clientdeck://delete/p/i',
      'clientdeck://invitations//i',
      'clientdeck://invitations/p/%2E%2E',
      'clientdeck://invitations/p/..',
      'clientdeck://invitations/p/a%2Fb',
      'clientdeck://invitations/p/a%5Cb',
      'clientdeck://invitations/p/%00',
      'clientdeck://invitations/p/%E0%A4%A',
      'clientdeck://invitations/us er@host/i',
      'clientdeck://invitations/user:pw@host/i',
      'clientdeck://invitations/evil.com%2Fx/i',
      `clientdeck://invitations/p/${'x'.repeat(129)}`,
      `clientdeck://invitations/${'a'.repeat(254)}/i`,
      `clientdeck://invitations/p/i?${'q'.repeat(3000)}`,
    ];
    for (const link of hostile) expect(parseDeepLink(link), link).toBeNull();
    for (const value of [null, undefined, 42, {}, ['clientdeck://invitations']]) expect(parseDeepLink(value)).toBeNull();
  });

  it('never throws, and whatever it accepts is a well-formed link', () => {
    const anyLink = fc.oneof(
      fc.string(),
      fc.string().map((s) => `clientdeck://${s}`),
      fc.tuple(fc.constantFrom('invitations', 'accounts', 'x'), fc.string(), fc.string()).map(([a, b, c]) => `clientdeck://${a}/${b}/${c}`),
      fc.webUrl(),
    );
    fc.assert(
      fc.property(anyLink, (raw) => {
        const link = parseDeepLink(raw);
        if (link === null) return;
        if (link.kind === 'view') {
          expect(['invitations', 'accounts', 'connections']).toContain(link.view);
          return;
        }
        const id = link.kind === 'invitation' ? link.invitationId : link.accountId;
        expect(id.length).toBeGreaterThan(0);
        expect(id.length).toBeLessThanOrEqual(128);
        expect(id).not.toMatch(/[\u0000-\u001f/\\]/);
        expect(link.provider).toMatch(/^[a-z0-9_.:[\]-]+$/);
        expect(NavigateTarget.safeParse(resolveDeepLink(link, connections)).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('resolveDeepLink', () => {
  it('picks the connection by id or host, using what each knows when a host is shared', () => {
    expect(resolveDeepLink({ kind: 'invitation', provider: '127.0.0.1:4000', invitationId: 'i1' }, connections)).toEqual({
      view: 'invitations',
      connectionId: 'c-demo',
      invitationId: 'i1',
    });
    expect(resolveDeepLink({ kind: 'invitation', provider: 'c-two', invitationId: 'i1' }, connections)).toEqual({
      view: 'invitations',
      connectionId: 'c-two',
      invitationId: 'i1',
    });
    expect(resolveDeepLink({ kind: 'invitation', provider: 'my.provider.com', invitationId: 'i1' }, connections)).toEqual({
      view: 'invitations',
      invitationId: 'i1',
    });
    const knows = (c: string, item: string) => c === 'c-two' && item === 'i1';
    expect(resolveDeepLink({ kind: 'invitation', provider: 'my.provider.com', invitationId: 'i1' }, connections, knows)).toEqual({
      view: 'invitations',
      connectionId: 'c-two',
      invitationId: 'i1',
    });
    expect(resolveDeepLink({ kind: 'account', provider: 'my.provider.com', accountId: 'i1' }, connections, knows)).toEqual({
      view: 'account',
      connectionId: 'c-two',
      accountId: 'i1',
    });
  });

  it('still opens the right view when no connection matches', () => {
    expect(resolveDeepLink({ kind: 'invitation', provider: 'unknown.example', invitationId: 'i9' }, connections)).toEqual({
      view: 'invitations',
      invitationId: 'i9',
    });
    expect(resolveDeepLink({ kind: 'account', provider: 'unknown.example', accountId: 'a9' }, connections)).toEqual({ view: 'accounts' });
    expect(resolveDeepLink({ kind: 'view', view: 'connections' }, [])).toEqual({ view: 'connections' });
  });
});

describe('findDeepLinkArgument', () => {
  it('finds the link among the arguments a second instance was started with', () => {
    expect(findDeepLinkArgument(['/usr/bin/clientdeck', '--flag', 'clientdeck://invitations'])).toBe('clientdeck://invitations');
    expect(findDeepLinkArgument(['/usr/bin/clientdeck', '--no-sandbox'])).toBeNull();
  });
});
