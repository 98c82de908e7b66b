import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessReviewView } from '../access-review/AccessReviewView.js';
import { AccountDetailView } from '../account-detail/AccountDetailView.js';
import { AccountsView } from '../accounts/AccountsView.js';
import { BulkView } from '../bulk/BulkView.js';
import { ConnectionsView } from '../connections/ConnectionsView.js';
import { InvitationsView } from '../invitations/InvitationsView.js';
import { CommandPalette } from '../palette/CommandPalette.js';
import { isPaletteShortcut, usePalette } from '../palette/palette-store.js';
import { SettingsView } from '../settings/SettingsView.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { Header } from './Header.js';
import { useNavigation } from '../navigation/navigation-store.js';
import { OfflineBanner } from './OfflineBanner.js';
import { Notifications } from './Notifications.js';
import { PanelFailure } from './PanelFailure.js';
import { StatusBar } from './StatusBar.js';

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
        {view === 'accounts' && <AccountsView />}
        {view === 'account' && account && <AccountDetailView key={`${account.connectionId}\u0000${account.accountId}`} account={account} />}
        {view === 'invitations' && <InvitationsView />}
        {view === 'bulk' && <BulkView />}
        {view === 'connections' && <ConnectionsView />}
        {view === 'settings' && <SettingsView />}
        {view === 'access-review' && <AccessReviewView />}
      </main>
      <StatusBar />
      {paletteOpen && <CommandPalette />}
    </div>
  );
}
