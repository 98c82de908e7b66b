import { useTranslation } from 'react-i18next';
import { AccountsView } from '../accounts/AccountsView.js';
import { ConnectionsView } from '../connections/ConnectionsView.js';
import { InvitationsView } from '../invitations/InvitationsView.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { Header } from './Header.js';
import { useNavigation } from './navigation-store.js';
import { StatusBar } from './StatusBar.js';

export function Shell() {
  const { t } = useTranslation();
  const view = useNavigation((s) => s.view);
  return (
    <div className="shell">
      {/* A button, not a #main link: the fragment carries web mode's token. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        {t('app.skipToContent')}
      </button>
      <Header />
      <ConnectionNotice />
      <main id="main" className="shell__main" tabIndex={-1}>
        {view === 'accounts' && <AccountsView />}
        {view === 'invitations' && <InvitationsView />}
        {view === 'connections' && <ConnectionsView />}
      </main>
      <StatusBar />
    </div>
  );
}
