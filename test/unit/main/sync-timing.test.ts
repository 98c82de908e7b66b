import { describe, expect, it } from 'vitest';
import { ClientdeckError } from '../../../src-main/errors.js';
import { judgeReplayFailure } from '../../../src-main/queue/replay-outcome.js';
import { backoffDelay, Limiter } from '../../../src-main/sync/limiter.js';
import { OnlineTransitions, ReachabilityProbe } from '../../../src-main/sync/online-watcher.js';

describe('Limiter', () => {
  it('never runs more than its bound at once, and runs everything', async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 1 + (i % 4)));
          running--;
          done.push(i);
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(limiter.active).toBe(0);
  });

  it('frees the slot of a task that failed', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'next')).toBe('next');
    expect(() => new Limiter(0)).toThrow(RangeError);
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt within ±25 % jitter', () => {
    expect(backoffDelay(0, 300, () => 0.5)).toBe(300);
    expect(backoffDelay(3, 300, () => 0.5)).toBe(2400);
    expect(backoffDelay(2, 100, () => 0)).toBe(300);
    expect(backoffDelay(2, 100, () => 1)).toBe(500);
  });
});

describe('OnlineTransitions', () => {
  it('reports only the end of an offline spell', () => {
    const t = new OnlineTransitions();
    expect([true, true, false, false, true, true, false, true].map((s) => t.observe(s))).toEqual([false, false, false, false, true, false, false, true]);
    expect(new OnlineTransitions().observe(true)).toBe(false);
  });
});

describe('ReachabilityProbe', () => {
  it('probes only offline connections, once at a time, and reports those that answer', async () => {
    const probed: string[] = [];
    let offline = ['a', 'b'];
    const probe = new ReachabilityProbe(
      {
        offline: () => offline,
        probe: async (id) => {
          probed.push(id);
          await new Promise((r) => setTimeout(r, 30));
          return id === 'b';
        },
      },
      10,
    );
    const back: Array<string | undefined> = [];
    const stop = probe.start((id) => back.push(id));
    await new Promise((r) => setTimeout(r, 25));
    // A slow probe is not started again while it runs.
    expect(probed.filter((id) => id === 'a')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 40));
    offline = [];
    const count = probed.length;
    await new Promise((r) => setTimeout(r, 60));
    stop();
    expect(back).toContain('b');
    expect(back).not.toContain('a');
    expect(probed.length).toBe(count);
  });
});

describe('judgeReplayFailure', () => {
  it('keeps an answer for later when the provider could not be asked', () => {
    for (const error of [
      new ClientdeckError('provider_unreachable', 'down'),
      new ClientdeckError('needs_sign_in', 'sign in'),
      new ClientdeckError('keychain_unavailable', 'locked'),
      new ClientdeckError('provider_error', 'oops', { httpStatus: 500, providerCode: 'internal_error' }),
      new ClientdeckError('provider_error', 'slow down', { httpStatus: 429, providerCode: 'rate_limited' }),
      new TypeError('bug'),
    ]) {
      expect(judgeReplayFailure(error).kind).toBe('retry');
    }
  });

  it("ends it as rejected with the provider's sentence and code when the provider refused", () => {
    expect(
      judgeReplayFailure(
        new ClientdeckError('invitation_not_pending', 'This invitation has expired.', { httpStatus: 409, providerCode: 'invitation_expired' }),
      ),
    ).toEqual({
      kind: 'reject',
      reasonCode: 'invitation_expired',
      reason: 'This invitation has expired.',
    });
    expect(judgeReplayFailure(new ClientdeckError('forbidden', 'Your access was revoked.', { httpStatus: 403, providerCode: 'forbidden' }))).toMatchObject({
      kind: 'reject',
      reasonCode: 'forbidden',
    });
    expect(judgeReplayFailure(new ClientdeckError('not_found', 'Gone.', { httpStatus: 404 }))).toMatchObject({ kind: 'reject', reasonCode: 'not_found' });
  });
});
