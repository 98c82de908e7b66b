/**
 * What the palette finds and does, read from the views' stores. This is the palette's one way into
 * the views: no other palette file imports a view's store, and no view imports the palette.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import type { AccountIndex } from '../accounts/account-filter.js';
import { type Arriving, useAccounts } from '../accounts/accounts-store.js';
import { usePanels } from '../accounts/panel-store.js';
import { providerName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';
import { isAnswerable, useInvitations } from '../invitations/invitations-store.js';
import { useSettings } from '../settings/settings-store.js';
import { useNavigation } from '../navigation/navigation-store.js';

export interface PaletteAction {
  id: string;
  label: string;
  detail?: string;
  icon: 'invitation' | 'provider' | 'sync' | 'view' | 'theme';
  run(): void;
}

/**
 * Every account, indexed for search, how far its first copy has arrived (null once whole), how one
 * opens in its provider's panel, and its provider's name as the app shows it.
 */
export function usePaletteAccounts(): {
  index: AccountIndex;
  arriving: Arriving;
  openPanel(row: ListedAccount): Promise<void>;
  providerOf(row: ListedAccount): string;
} {
  const { t } = useTranslation();
  const index = useAccounts((s) => s.index);
  const arriving = useAccounts((s) => s.arriving);
  const openPanel = usePanels((s) => s.open);
  const connections = useConnections((s) => s.connections);
  const providerOf = useMemo(() => (row: ListedAccount) => providerName(row, connections, t), [connections, t]);
  return { index, arriving, openPanel, providerOf };
}

/** What the palette can do besides opening accounts, in the UI's language. */
export function usePaletteActions(): PaletteAction[] {
  const { t } = useTranslation();
  const invitations = useInvitations((s) => s.rows);
  const theme = useSettings((s) => s.settings.theme);
  const connections = useConnections((s) => s.connections);

  return useMemo(() => {
    const nav = useNavigation.getState();
    const now = new Date();
    const list: PaletteAction[] = invitations
      .filter((r) => isAnswerable(r, now))
      .map((r) => ({
        id: `invitation:${r.connectionId}:${r.id}`,
        label: t('palette.answerInvitation', { name: r.invitedBy.name, account: r.account.name }),
        detail: providerName(r, connections, t),
        icon: 'invitation' as const,
        run: () => nav.go('invitations', { focusInvitation: r.id }),
      }));
    list.push(
      { id: 'add-provider', label: t('palette.addProvider'), icon: 'provider', run: () => nav.go('connections', { focusTarget: 'add-provider' }) },
      { id: 'sync', label: t('palette.syncNow'), icon: 'sync', run: () => void useConnections.getState().syncNow() },
      { id: 'go-accounts', label: t('palette.goTo', { view: t('nav.accounts') }), icon: 'view', run: () => nav.go('accounts') },
      { id: 'go-invitations', label: t('palette.goTo', { view: t('nav.invitations') }), icon: 'view', run: () => nav.go('invitations') },
      { id: 'go-connections', label: t('palette.goTo', { view: t('nav.connections') }), icon: 'view', run: () => nav.go('connections') },
      { id: 'go-bulk', label: t('palette.goTo', { view: t('bulk.nav') }), icon: 'view', run: () => nav.go('bulk') },
      { id: 'go-settings', label: t('palette.goTo', { view: t('nav.settings') }), icon: 'view', run: () => nav.go('settings') },
      { id: 'go-access-review', label: t('palette.goTo', { view: t('accessReview.nav') }), icon: 'view', run: () => nav.go('access-review') },
      {
        id: 'theme',
        label: t(theme === 'dark' ? 'palette.themeLight' : 'palette.themeDark'),
        icon: 'theme',
        run: () => void useSettings.getState().update({ theme: theme === 'dark' ? 'light' : 'dark' }),
      },
    );
    return list;
  }, [invitations, connections, theme, t]);
}
