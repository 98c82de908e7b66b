import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountsView } from '../accounts/AccountsView.js';
import { isPaletteShortcut, usePalette } from '../palette/palette-store.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { Header } from './Header.js';
import { useNavigation } from '../navigation/navigation-store.js';
import { OfflineBanner } from './OfflineBanner.js';
import { Notifications } from './Notifications.js';
import { PanelFailure } from './PanelFailure.js';
import { StatusBar } from './StatusBar.js';
import { Spinner } from '../kit/Spinner.js';
import { AccessReviewView, AccountDetailView, BulkView, CommandPalette, ConnectionsView, InvitationsView, prefetchViews, SettingsView } from './views.js';

export function Shell() {
  const { t } = useTranslation();
  const view = useNavigation((s) => s.view);
  const account = useNavigation((s) => s.account);
  const paletteOpen = usePalette((s) => s.open);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      const palette = usePalette.getState();
      // Not over another dialog: the one open keeps the user's attention until it is closed.
      if (!palette.open && document.querySelector('dialog[open]')) return;
      if (palette.open) palette.hide();
      else palette.show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(prefetchViews, []);

  return (
    <div className="shell">
      {/* A button, not a #main link: the fragment carries web mode's token. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        {t('app.skipToContent')}
      </button>
      <Header />
      <div className="shell__notices">
        <ConnectionNotice />
        <OfflineBanner />
        <PanelFailure />
        <Notifications />
      </div>
      <main id="main" className="shell__main" tabIndex={-1}>
        <Suspense fallback={<ViewLoading />}>
          {view === 'accounts' && <AccountsView />}
          {view === 'account' && account && <AccountDetailView key={`${account.connectionId}\u0000${account.accountId}`} account={account} />}
          {view === 'invitations' && <InvitationsView />}
          {view === 'bulk' && <BulkView />}
          {view === 'connections' && <ConnectionsView />}
          {view === 'settings' && <SettingsView />}
          {view === 'access-review' && <AccessReviewView />}
        </Suspense>
      </main>
      <StatusBar />
      {paletteOpen && (
        <Suspense fallback={null}>
          <CommandPalette />
        </Suspense>
      )}
    </div>
  );
}

/** A view's code on its way (only if it was not fetched in the idle time after start). */
function ViewLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="view-loading">
      <Spinner /> {t('app.loading')}
    </p>
  );
}
