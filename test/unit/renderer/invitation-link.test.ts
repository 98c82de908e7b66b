import { describe, expect, it } from 'vitest';
import { linkFromText, linkTarget, orphanAnswers } from '../../../src-renderer/invitations/invitation-link.js';

const connections = [
  { id: 'demo', baseUrl: 'https://demo.example' },
  { id: 'host', baseUrl: 'https://billing.host.example:8443/whmcs' },
];

describe('invitation links pasted or dropped', () => {
  it('reads the first link of a uri-list and refuses what is not an http(s) URL', () => {
    expect(linkFromText('# from the mail\r\nhttps://billing.host.example/index.php?rp=/invite/abc\r\nhttps://other.example/')).toBe(
      'https://billing.host.example/index.php?rp=/invite/abc',
    );
    expect(linkFromText('  https://a.example/x  ')).toBe('https://a.example/x');
    expect(linkFromText('please accept')).toBeNull();
    expect(linkFromText('mailto:someone@example.com')).toBeNull();
    expect(linkFromText('')).toBeNull();
  });

  it('sends a link to the connection at its host, port included', () => {
    expect(linkTarget('https://billing.host.example:8443/index.php?rp=/invite/abc', connections)).toEqual({
      connectionId: 'host',
      link: 'https://billing.host.example:8443/index.php?rp=/invite/abc',
    });
  });

  it('refuses a link of a provider that is not connected, and text that is no link', () => {
    expect(linkTarget('https://billing.host.example/invite/abc', connections)).toEqual({ refusal: 'notConnected' });
    expect(linkTarget('abc', connections)).toEqual({ refusal: 'notALink' });
  });
});

describe('answers kept from the queue', () => {
  const action = (id: string, invitationId: string | null) => ({
    id,
    connectionId: 'host',
    kind: 'invitation.answer' as const,
    summary: 'Accept invitation',
    invitationId,
    answer: 'accept' as const,
    state: 'queued' as const,
    reason: null,
    reasonCode: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });

  it('lists the answers whose invitation the list no longer has', () => {
    const listed = [{ connectionId: 'host', id: 'still-listed' }];
    expect(orphanAnswers([action('a', 'still-listed'), action('b', 'dropped-by-sync'), action('c', null)], listed).map((a) => a.id)).toEqual(['b']);
  });
});
