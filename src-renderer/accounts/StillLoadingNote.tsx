import { useTranslation } from 'react-i18next';
import type { Arriving } from './accounts-store.js';

/**
 * Said wherever the account list is searched or offered while its first copy is still arriving
 * (the palette, the bulk picker, the access-request board): what they show comes from the rows
 * copied so far, and an account still to come would otherwise look as if it did not exist.
 * Not a live region: the number moves with every window, and a screen reader should not read each.
 */
export function StillLoadingNote({ arriving, id, className = 'hint' }: { arriving: Arriving; id?: string; className?: string }) {
  const { t } = useTranslation();
  if (!arriving) return null;
  return (
    <p id={id} className={className}>
      {t('accounts.stillLoading', { received: arriving.received, total: arriving.total })}
    </p>
  );
}
