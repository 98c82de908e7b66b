import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CountAnnouncer } from './count-announcer.js';

/**
 * A count line that updates on screen as often as it likes while a screen reader hears it only
 * when it matters (count-announcer.ts): the visible line is plain text, and a visually hidden
 * status beside it carries what is said.
 */
export function AnnouncedCount({ className, copying, asked, children }: { className: string; copying: boolean; asked: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  const line = useRef<HTMLParagraphElement>(null);
  const [said, setSaid] = useState('');
  const [announcer] = useState(() => new CountAnnouncer(setSaid));

  // Read after every render: the words are the visible line's, whatever its parent put in it.
  useEffect(() => {
    announcer.update({ line: line.current?.textContent?.trim() ?? '', copying, asked, copyEnded: t('accounts.allLoaded') });
  });
  useEffect(() => () => announcer.stop(), [announcer]);

  return (
    <>
      <p ref={line} className={className}>
        {children}
      </p>
      <p role="status" className="visually-hidden">
        {said}
      </p>
    </>
  );
}
