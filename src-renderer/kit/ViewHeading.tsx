import { useEffect, useRef, type ReactNode } from 'react';

/** A view's h2; it takes focus when the view opens, so screen readers announce where the user is. */
export function ViewHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body && !document.activeElement.closest('nav')) return;
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h2 ref={ref} id={id} tabIndex={-1} className="view-title">
      {children}
    </h2>
  );
}
