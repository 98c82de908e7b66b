import type { ReactNode } from 'react';

/**
 * Grey shapes where content is about to appear. The shapes are decorative; the words in
 * `label` are what assistive technology announces while the region is busy.
 */
export function Skeleton({ label, rows = 6, variant = 'rows' }: { label: string; rows?: number; variant?: 'rows' | 'cards' }) {
  const shapes: ReactNode[] = [];
  for (let i = 0; i < rows; i++) {
    shapes.push(
      <div key={i} className={`skeleton__${variant === 'rows' ? 'row' : 'card'}`} aria-hidden="true">
        <span className="skeleton__bar skeleton__bar--avatar" />
        <span className="skeleton__bar" style={{ width: `${38 + ((i * 17) % 30)}%` }} />
        <span className="skeleton__bar skeleton__bar--short" />
      </div>,
    );
  }
  return (
    <div className={`skeleton skeleton--${variant}`} aria-busy="true">
      <p role="status" className="visually-hidden">
        {label}
      </p>
      {shapes}
    </div>
  );
}
