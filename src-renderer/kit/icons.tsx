import type { ReactNode } from 'react';

/**
 * The app's line icons: 16 × 16, drawn in the text colour and hidden from assistive technology,
 * because the control around an icon carries the name.
 */
function LineIcon({
  children,
  className = 'icon',
  strokeWidth = 1.6,
  roundJoins = false,
}: {
  children: ReactNode;
  className?: string;
  strokeWidth?: number;
  roundJoins?: boolean;
}) {
  return (
    <svg
      className={className}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin={roundJoins ? 'round' : undefined}
    >
      {children}
    </svg>
  );
}

export function SearchIcon({ className }: { className?: string }) {
  return (
    <LineIcon className={className}>
      <circle cx="7" cy="7" r="4.5" />
      <path d="m13.5 13.5-3.2-3.2" />
    </LineIcon>
  );
}

export function CloseIcon() {
  return (
    <LineIcon>
      <path d="M4 4l8 8M12 4l-8 8" />
    </LineIcon>
  );
}

export function SyncIcon() {
  return (
    <LineIcon strokeWidth={1.5} roundJoins>
      <path d="M13.2 6.2A5.5 5.5 0 0 0 3 5" />
      <path d="M2.8 9.8A5.5 5.5 0 0 0 13 11" />
      <path d="M13.4 2.6v3.6H9.8" />
      <path d="M2.6 13.4V9.8h3.6" />
    </LineIcon>
  );
}

/** A favourite's star: filled when the account is one. The accounts list draws the same star in CSS (accounts.css). */
export function StarIcon({ filled }: { filled: boolean }) {
  return (
    <LineIcon strokeWidth={1.3} roundJoins>
      <path d="M8 1.7l1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.5l-3.8 2 .7-4.3-3.1-3 4.3-.6z" fill={filled ? 'currentColor' : 'none'} />
    </LineIcon>
  );
}
