import { describe, expect, it } from 'vitest';
import type { ListedInvitation } from '../../../src-shared/ipc/channels/invitations.js';
import type { QueuedAction } from '../../../src-shared/ipc/channels/queue.js';
import { isAnswerable, pendingCount } from '../../../src-renderer/invitations/invitations-store.js';
import { waitingCount } from '../../../src-renderer/queue/queue-store.js';

const now = new Date('2025-06-10T12:00:00.000Z');

function action(state: QueuedAction['state']): QueuedAction {
  return {
    id: `q-${state}`,
    connectionId: 'c1',
    kind: 'invitation.answer',
    summary: 'Accept invitation to Bellini',
    invitationId: 'i1',
    answer: 'accept',
    state,
    reason: state === 'rejected' ? 'The invitation has expired.' : null,
    reasonCode: state === 'rejected' ? 'invitation_expired' : null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

function invitation(extra: Partial<ListedInvitation> = {}): ListedInvitation {
  return {
    id: 'i1',
    account: { id: 'a1', name: 'Bellini' },
    invitedBy: { name: 'Giulia', email: 'giulia@example.com' },
    role: 'member',
    permissions: ['tickets'],
    scope: null,
    status: 'pending',
    createdAt: '2025-06-09T12:00:00.000Z',
    expiresAt: '2025-06-16T12:00:00.000Z',
    connectionId: 'c1',
    providerLabel: 'Demo',
    pendingAnswer: null,
    ...extra,
  };
}

describe('which invitations wait for the user', () => {
  it('a pending one before it expires, not an expired, answered or queued one', () => {
    expect(isAnswerable(invitation(), now)).toBe(true);
    expect(isAnswerable(invitation({ expiresAt: '2025-06-10T11:59:59.000Z' }), now)).toBe(false);
    expect(isAnswerable(invitation({ status: 'expired' }), now)).toBe(false);
    expect(isAnswerable(invitation({ status: 'accepted' }), now)).toBe(false);
    expect(isAnswerable(invitation({ pendingAnswer: action('queued') }), now)).toBe(false);
    expect(isAnswerable(invitation({ pendingAnswer: action('sending') }), now)).toBe(false);
    // A refused queued answer leaves the invitation to answer again while it is still pending.
    expect(isAnswerable(invitation({ pendingAnswer: action('rejected') }), now)).toBe(true);
  });

  it('counts them for the navigation badge', () => {
    expect(pendingCount([invitation(), invitation({ id: 'i2', status: 'declined' }), invitation({ id: 'i3', pendingAnswer: action('queued') })], now)).toBe(1);
  });

  it('counts the answers still waiting in the queue', () => {
    expect(waitingCount([action('queued'), action('sending'), action('done'), action('rejected')])).toBe(2);
  });
});
