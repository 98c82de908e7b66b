import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnections } from '../connections/connections-store.js';
import { pendingCount, useInvitations } from '../invitations/invitations-store.js';
import { isMac, usePalette } from '../palette/palette-store.js';
import { useNavigation, type View } from '../navigation/navigation-store.js';
import { Spinner } from '../kit/Spinner.js';
import { SearchIcon, SyncIcon } from '../kit/icons.js';

export function Header() {
  const { t } = useTranslation();
  const view = useNavigation((s) => s.view);
  const go = useNavigation((s) => s.go);
  const pending = useInvitations((s) => pendingCount(s.rows));
  const syncNow = useConnections((s) => s.syncNow);
  const busy = useConnections((s) => s.syncRequested || Object.values(s.syncStatuses).some((x) => x.state === 'syncing'));
  const showPalette = usePalette((s) => s.show);

  const tab = (target: Exclude<View, 'account'>, label: string, extra?: ReactNode) => (
    <li>
      <button
        type="button"
        className={`nav__item${view === 'account' && target === 'accounts' ? ' nav__item--within' : ''}`}
        aria-current={view === target ? 'page' : undefined}
        onClick={() => go(target)}
      >
        {label}
        {extra}
      </button>
    </li>
  );

  return (
    <header className="app-header">
      <h1 className="brand">
        <span className="brand__mark" aria-hidden="true" />
        {t('app.title')}
      </h1>
      <nav aria-label={t('nav.label')} className="nav">
        <ul>
          {tab('accounts', t('nav.accounts'))}
          {tab(
            'invitations',
            t('nav.invitations'),
            pending > 0 && (
              <>
                <span className="badge" aria-hidden="true">
                  {pending}
                </span>
                <span className="visually-hidden">, {t('nav.pending', { count: pending })}</span>
              </>
            ),
          )}
          {tab('connections', t('nav.connections'))}
          {tab('settings', t('nav.settings'))}
          {tab('access-review', t('accessReview.nav'))}
          {/* Last, so the views' places (and the menu's Alt+1…4) stay as they were. */}
          {tab('bulk', t('bulk.nav'))}
        </ul>
      </nav>
      <div className="app-header__end">
        <button type="button" className="palette-trigger" aria-keyshortcuts={isMac() ? 'Meta+K' : 'Control+K'} onClick={showPalette}>
          <SearchIcon />
          <span>{t('palette.open')}</span>
          <kbd aria-hidden="true">{isMac() ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        <button type="button" className="btn btn--small" aria-busy={busy} disabled={busy} onClick={() => void syncNow()}>
          {busy ? <Spinner /> : <SyncIcon />}
          {t('nav.syncNow')}
        </button>
      </div>
    </header>
  );
}
