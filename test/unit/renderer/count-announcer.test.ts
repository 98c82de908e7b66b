/**
 * The accounts count line's live region (count-announcer.ts): how many times a screen reader is
 * told something, against how many times the visible line changed. A copy of 100,000 accounts
 * changes the line 21 times and is said twice; a search is said once per pause in typing.
 */
import { describe, expect, it } from 'vitest';
import { CountAnnouncer, TYPING_PAUSE_MS, type AnnouncerTimers, type CountFacts } from '../../../src-renderer/accounts/count-announcer.js';

/** Timers that run only when the test moves the clock. */
function fakeClock(): AnnouncerTimers & { advance(ms: number): void } {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout(fn, ms) {
      due.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [handle, timer] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        due.delete(handle);
        timer.fn();
      }
    },
  };
}

const ENDED = 'All accounts are loaded.';

function announcerWith() {
  const clock = fakeClock();
  const said: string[] = [];
  const announcer = new CountAnnouncer((text) => said.push(text), clock);
  let facts: CountFacts = { line: '', copying: false, asked: '', copyEnded: ENDED };
  let changes = 0;
  const show = (patch: Partial<CountFacts>) => {
    const next = { ...facts, ...patch };
    if (next.line !== facts.line) changes++;
    facts = next;
    announcer.update(facts);
  };
  show({});
  return { clock, said, show, changes: () => changes };
}

const copied = (received: number, total: number) => `Loading accounts: ${received.toLocaleString('en')} of ${total.toLocaleString('en')}`;

describe('the count line’s live region', () => {
  it('says a copy of 100,000 accounts twice, its start and its end, though the line changed 21 times', () => {
    const { said, show, changes, clock } = announcerWith();
    show({ line: copied(200, 100_000), copying: true });
    for (let received = 5200; received < 100_000; received += 5000) show({ line: copied(received, 100_000) });
    show({ line: '100,000 accounts', copying: false });
    clock.advance(10 * TYPING_PAUSE_MS);

    expect(changes()).toBe(21);
    expect(said).toEqual([copied(200, 100_000), `${ENDED} 100,000 accounts`]);
  });

  it('says a search once per pause in typing, with the count the last keystroke left', () => {
    const { said, show, clock } = announcerWith();
    show({ line: '100,000 accounts' });
    said.length = 0;
    const type = (query: string, counts: number[]) =>
      [...query].forEach((_, i) => {
        show({ asked: query.slice(0, i + 1), line: `${counts[i]!.toLocaleString('en')} of 100,000 shown` });
        clock.advance(TYPING_PAUSE_MS / 4);
      });

    type('provider 7', [90_000, 60_000, 40_000, 30_000, 20_000, 20_000, 20_000, 20_000, 20_000, 2_000]);
    expect(said).toEqual([]);
    clock.advance(TYPING_PAUSE_MS);
    expect(said).toEqual(['2,000 of 100,000 shown']);

    // A second burst after the pause is said once more; clearing the field is said after its pause too.
    type('pr', [90_000, 60_000]);
    clock.advance(TYPING_PAUSE_MS);
    show({ asked: '', line: '100,000 accounts' });
    clock.advance(TYPING_PAUSE_MS);
    expect(said).toEqual(['2,000 of 100,000 shown', '60,000 of 100,000 shown', '100,000 accounts']);
  });

  it('while the copy arrives, says a search after its pause but not the windows that follow it', () => {
    const { said, show, clock } = announcerWith();
    show({ line: copied(200, 50_000), copying: true });
    show({ asked: 'bell', line: '3 shown so far, 200 of 50,000 accounts loaded' });
    show({ line: '40 shown so far, 5,200 of 50,000 accounts loaded' });
    clock.advance(TYPING_PAUSE_MS);
    show({ line: '90 shown so far, 10,200 of 50,000 accounts loaded' });
    show({ line: '400 shown so far, 15,200 of 50,000 accounts loaded' });
    clock.advance(TYPING_PAUSE_MS);
    show({ line: '412 of 50,000 shown', copying: false });

    expect(said).toEqual([copied(200, 50_000), '40 shown so far, 5,200 of 50,000 accounts loaded', `${ENDED} 412 of 50,000 shown`]);
  });

  it('says nothing of what was on screen when it appeared, and a first count at once', () => {
    const mounted = new CountAnnouncer(() => expect.fail('said the line it was mounted with'), fakeClock());
    mounted.update({ line: '25 accounts', copying: false, asked: '', copyEnded: ENDED });

    const { said, show } = announcerWith();
    show({ line: '25 accounts' });
    expect(said).toEqual(['25 accounts']);
  });

  it('drops a search still waiting for its pause when the count goes away, and says the same words only once', () => {
    const { said, show, clock } = announcerWith();
    show({ line: '25 accounts' });
    show({ asked: 'x', line: '1 of 25 shown' });
    show({ line: '' });
    clock.advance(TYPING_PAUSE_MS);
    expect(said).toEqual(['25 accounts']);

    show({ line: '25 accounts' });
    show({ asked: 'y', line: '25 accounts' });
    clock.advance(TYPING_PAUSE_MS);
    expect(said).toEqual(['25 accounts']);
  });
});
