import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First and one-past-last index to render, overscan included. */
  start: number;
  end: number;
  totalHeight: number;
  /**
   * How many rows the window can ever hold at this viewport: `index % slots` names a row's place on
   * screen, unique within any window, so a list keyed by it reuses its elements when the rows change.
   */
  slots: number;
  /** Scrolls just enough to show row `index` (the way a list box moves with the arrow keys). */
  scrollToIndex(index: number): void;
}

/** The rows in view plus `overscan`, for a list whose rows all have one height. O(1) per scroll or keystroke. */
export function visibleRange(count: number, rowHeight: number, scrollTop: number, viewport: number, overscan: number): { start: number; end: number } {
  if (count === 0) return { start: 0, end: 0 };
  const first = Math.min(count - 1, Math.max(0, Math.floor(scrollTop / rowHeight)));
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + overscan) };
}

/** The most rows `visibleRange` returns for this viewport, whatever the scroll: a partly shown row at each end, and the overscan. */
export function windowSlots(rowHeight: number, viewport: number, overscan: number): number {
  return Math.ceil(viewport / rowHeight) + 1 + 2 * overscan;
}

/**
 * Windowing for fixed-height rows: unlike a general virtualizer it keeps no per-row
 * measurements, so 50,000 rows cost nothing when the list is filtered on every keystroke.
 */
export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 6): RowWindow {
  const [scrollTop, setScrollTop] = useState(0);
  // A first guess, so the very first frame already shows rows; measured right after.
  const [viewport, setViewport] = useState(720);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // Sizes come from the observer, after layout: reading them here would force a layout mid-commit.
    const onScroll = () => setScrollTop(el.scrollTop);
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(([entry]) => setViewport(entry?.contentRect.height || el.clientHeight));
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [scrollRef]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = index * rowHeight;
      let next = el.scrollTop;
      if (top < next) next = top;
      else if (top + rowHeight > next + el.clientHeight) next = top + rowHeight - el.clientHeight;
      if (next !== el.scrollTop) {
        el.scrollTop = next;
        setScrollTop(el.scrollTop);
      }
    },
    [scrollRef, rowHeight],
  );

  const { start, end } = visibleRange(count, rowHeight, scrollTop, viewport, overscan);
  return { start, end, totalHeight: count * rowHeight, slots: windowSlots(rowHeight, viewport, overscan), scrollToIndex };
}
