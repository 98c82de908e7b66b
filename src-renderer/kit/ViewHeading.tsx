import { useEffect, useRef, type ReactNode } from 'react';

/** A view's h2; it takes focus when the view opens, so screen readers announce where the user is. */
export function ViewHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Focus waits for the next frame: focusing lays the page out there and then, which in the
    // commit's effects laid the whole first screen out once more than its frame did. Just before a
    // frame the layout is due anyway, so the frame finds it done. Whatever took focus meanwhile keeps it.
    const frame = requestAnimationFrame(() => {
      if (document.activeElement && document.activeElement !== document.body && !document.activeElement.closest('nav')) return;
      ref.current?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <h2 ref={ref} id={id} tabIndex={-1} className="view-title">
      {children}
    </h2>
  );
}
