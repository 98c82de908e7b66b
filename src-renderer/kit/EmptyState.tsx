import type { ReactNode } from 'react';

/** Nothing to show yet: say why, and what to do next. */
export function EmptyState({ heading, children, actions, level = 3 }: { heading: string; children: ReactNode; actions?: ReactNode; level?: 3 | 4 }) {
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <div className="empty-state">
      <span className="empty-state__mark" aria-hidden="true" />
      <H>{heading}</H>
      <div className="empty-state__text">{children}</div>
      {actions && <div className="empty-state__actions">{actions}</div>}
    </div>
  );
}
