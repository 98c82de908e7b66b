import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { QueueStore } from '../../../src-main/queue/queue-store.js';
import type { InvitationAnswer } from '../../../src-shared/api/primitives.js';

function file(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clientdeck-queue-')), 'queue.sqlite');
}

const answer = (invitationId: string, a: InvitationAnswer = 'accept', connectionId = 'c1') => ({
  connectionId,
  invitationId,
  answer: a,
  summary: `${a} ${invitationId}`,
});

describe('QueueStore', () => {
  it('is a private WAL file written with synchronous=FULL', () => {
    const f = file();
    const store = new QueueStore(f);
    store.enqueueAnswer(answer('i1'));
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    store.close();
    const raw = new Database(f, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('keeps the order, one open answer per invitation, and its idempotency key for good', () => {
    const store = new QueueStore(file());
    const first = store.enqueueAnswer(answer('i1'));
    const second = store.enqueueAnswer(answer('i2', 'decline'));
    expect(first.created && second.created).toBe(true);
    const again = store.enqueueAnswer(answer('i1'));
    expect(again).toMatchObject({ created: false, action: { id: first.action.id, idempotencyKey: first.action.idempotencyKey } });
    expect(() => store.enqueueAnswer(answer('i1', 'decline'))).toThrow(expect.objectContaining({ code: 'conflict' }));
    // The same invitation id at another connection is another invitation.
    expect(store.enqueueAnswer(answer('i1', 'decline', 'c2')).created).toBe(true);
    expect(store.waiting('c1').map((a) => a.invitationId)).toEqual(['i1', 'i2']);
    expect(store.connectionsWithWaiting().sort()).toEqual(['c1', 'c2']);
    expect(new Set(store.list().map((a) => a.idempotencyKey)).size).toBe(3);
  });

  it('moves through sending to done or rejected; only finished actions can be dismissed', () => {
    const store = new QueueStore(file());
    const { action } = store.enqueueAnswer(answer('i1'));
    expect(() => store.dismiss(action.id)).toThrow(expect.objectContaining({ code: 'conflict' }));
    store.markSending(action.id);
    expect(store.get(action.id)).toMatchObject({ state: 'sending', attempts: 1 });
    store.markQueued(action.id);
    store.markSending(action.id);
    store.markRejected(action.id, 'This invitation has expired.', 'invitation_expired');
    expect(store.get(action.id)).toMatchObject({ state: 'rejected', attempts: 2, reason: 'This invitation has expired.', reasonCode: 'invitation_expired' });
    // A finished action does not change any more.
    store.markDone(action.id);
    expect(store.get(action.id)!.state).toBe('rejected');
    // Answering again after a refusal is a new action.
    const retry = store.enqueueAnswer(answer('i1'));
    expect(retry.created).toBe(true);
    expect(store.latestByInvitation().get('c1\u0000i1')!.id).toBe(retry.action.id);
    store.dismiss(action.id);
    expect(store.list().map((a) => a.id)).toEqual([retry.action.id]);
    expect(() => store.dismiss('nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('turns a send cut short by a crash back into queued, with the same key', () => {
    const f = file();
    const store = new QueueStore(f);
    const { action } = store.enqueueAnswer(answer('i1'));
    store.markSending(action.id);
    // No close: as if the process died here.
    const reopened = new QueueStore(f);
    expect(reopened.get(action.id)).toMatchObject({ state: 'queued', idempotencyKey: action.idempotencyKey });
    store.close();
    reopened.close();
  });

  it('forgets a removed connection, and prunes old dismissed actions', () => {
    let now = new Date('2025-01-01T00:00:00.000Z');
    const store = new QueueStore(file(), () => now);
    const a = store.enqueueAnswer(answer('i1')).action;
    store.enqueueAnswer(answer('i9', 'accept', 'c2'));
    store.markDone(a.id);
    store.dismiss(a.id);
    now = new Date('2025-03-01T00:00:00.000Z');
    store.prune(30);
    expect(store.get(a.id)).toBeUndefined();
    store.removeConnection('c2');
    expect(store.list()).toEqual([]);
  });

  it('refuses a queue written by a newer version instead of damaging it', () => {
    const f = file();
    new QueueStore(f).close();
    const raw = new Database(f);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => new QueueStore(f)).toThrow(expect.objectContaining({ code: 'internal_error' }));
  });
});
