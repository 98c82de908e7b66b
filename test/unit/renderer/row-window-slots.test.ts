import { describe, expect, it } from 'vitest';
import { visibleRange, windowSlots } from '../../../src-renderer/accounts/use-row-window.js';

/**
 * The accounts list keys each row by `index % slots`: two rows of one window with the same key
 * would make React drop one of them, so no window may hold more rows than there are slots.
 */
describe('a row window never holds more rows than its slots', () => {
  const rowHeight = 44;
  const overscan = 6;

  it('at any scroll, for any viewport, and for lists shorter or longer than the window', () => {
    let windows = 0;
    for (const viewport of [0, 1, 43, 44, 45, 300, 587.5, 720, 1080])
      for (const count of [0, 1, 5, 31, 500])
        for (let scrollTop = 0; scrollTop <= count * rowHeight; scrollTop += 7.3) {
          const { start, end } = visibleRange(count, rowHeight, scrollTop, viewport, overscan);
          const slots = windowSlots(rowHeight, viewport, overscan);
          expect(end - start).toBeLessThanOrEqual(slots);
          expect(new Set(Array.from({ length: end - start }, (_, i) => (start + i) % slots)).size).toBe(end - start);
          windows++;
        }
    expect(windows).toBeGreaterThan(1000);
  });

  it('is as many as a full window holds, so a screenful reuses every row', () => {
    // 720 px: 16.4 rows in view, so 18 touched at some scroll, plus the overscan on both sides.
    expect(windowSlots(rowHeight, 720, overscan)).toBe(18 + 2 * overscan);
    const { start, end } = visibleRange(1000, rowHeight, 20, 720, overscan);
    expect(end - start).toBeLessThanOrEqual(windowSlots(rowHeight, 720, overscan));
  });
});
