import { describe, expect, it } from 'vitest';
import type { IncomingInvitation } from '../../../src-shared/api/invitations.js';
import type { QueuedAction } from '../../../src-shared/ipc/channels/queue.js';
import { MAX_SEPARATE, notificationForSettledAnswer, notificationsForSync } from '../../../src-main/notifications/notifier.js';

const connection = { id: 'c1', label: 'Hostico' };

function invitation(id: string, status: IncomingInvitation['status'] = 'pending', account = `Account ${id}`): IncomingInvitation {
  return {
    id,
    account: { id: `acc-${id}`, name: account },
    invitedBy: { name: 'Giulia Bellini', email: 'g@b.example' },
    role: 'member',
    permissions: ['tickets'],
    scope: null,
    status,
    createdAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2025-01-08T00:00:00.000Z',
  };
}

const synced = (invitations: IncomingInvitation[]) => ({ syncedAt: '2025-01-01T00:00:00.000Z', invitations });

describe('notificationsForSync', () => {
  it('says nothing on the first sync of a connection, when everything would be new', () => {
    expect(notificationsForSync(connection, { syncedAt: null, invitations: [] }, [invitation('a'), invitation('b')])).toEqual([]);
  });

  it('announces each invitation that became pending since the last sync, and leads to it', () => {
    const before = synced([invitation('a'), invitation('b', 'expired'), invitation('c', 'accepted')]);
    const after = [invitation('a'), invitation('b'), invitation('c', 'accepted'), invitation('d', 'pending', 'Bellini Ristorante')];
    const shown = notificationsForSync(connection, before, after);
    expect(shown.map((n) => n.navigate)).toEqual([
      { view: 'invitations', connectionId: 'c1', invitationId: 'b' },
      { view: 'invitations', connectionId: 'c1', invitationId: 'd' },
    ]);
    expect(shown[1]).toMatchObject({ title: 'Invitation to Bellini Ristorante', body: 'Giulia Bellini invites you to Bellini Ristorante at Hostico.' });
    // The same state again: nothing new.
    expect(notificationsForSync(connection, synced(after), after)).toEqual([]);
    // Answered, cancelled or expired ones are never news.
    expect(notificationsForSync(connection, synced([]), [invitation('x', 'cancelled'), invitation('y', 'declined')])).toEqual([]);
  });

  it('sums up a burst in one notification', () => {
    const many = Array.from({ length: MAX_SEPARATE + 2 }, (_, i) => invitation(`n${i}`));
    const shown = notificationsForSync(connection, synced([]), many);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: `${MAX_SEPARATE + 2} new invitations`, navigate: { view: 'invitations', connectionId: 'c1' } });
  });
});

describe('notificationForSettledAnswer', () => {
  const action: QueuedAction = {
    id: 'q1',
    connectionId: 'c1',
    kind: 'invitation.answer',
    summary: 'Accept invitation to Bellini',
    invitationId: 'inv1',
    answer: 'accept',
    state: 'done',
    reason: null,
    reasonCode: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };

  it('tells that a queued answer went through', () => {
    expect(notificationForSettledAnswer(action, 'Bellini', 'Hostico')).toEqual({
      id: 'queue:q1',
      title: 'You joined Bellini',
      body: 'Your queued answer reached Hostico: you now have access to Bellini.',
      navigate: { view: 'invitations', connectionId: 'c1', invitationId: 'inv1' },
    });
    expect(notificationForSettledAnswer({ ...action, answer: 'decline' }, 'Bellini', 'Hostico')?.title).toBe('Invitation to Bellini declined');
  });

  it("tells that it was refused, with the provider's reason", () => {
    const rejected = {
      ...action,
      state: 'rejected' as const,
      reason: 'This invitation has expired. Ask the account owner to send it again.',
      reasonCode: 'invitation_expired',
    };
    expect(notificationForSettledAnswer(rejected, null, 'Hostico')).toMatchObject({
      title: 'Your answer to an account was not accepted',
      body: 'Hostico refused it: This invitation has expired. Ask the account owner to send it again.',
    });
  });

  it('says nothing while an answer is still on its way', () => {
    expect(notificationForSettledAnswer({ ...action, state: 'queued' }, 'Bellini', 'Hostico')).toBeNull();
    expect(notificationForSettledAnswer({ ...action, state: 'sending' }, 'Bellini', 'Hostico')).toBeNull();
  });
});
