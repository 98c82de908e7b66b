import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { accountKey } from '../accounts/account-filter.js';
import { useAccounts } from '../accounts/accounts-store.js';
import { initials } from '../kit/initials.js';
import { usePanels } from '../accounts/panel-store.js';
import { StarIcon } from '../kit/icons.js';
import { useConnections } from '../connections/connections-store.js';
import { providerName } from '../connections/connection-name.js';
import { EmptyState } from '../kit/EmptyState.js';
import { useNavigation, type AccountRef } from '../navigation/navigation-store.js';
import { Skeleton } from '../kit/Skeleton.js';
import { Spinner } from '../kit/Spinner.js';
import { TabPanel, Tabs, type TabItem } from '../kit/Tabs.js';
import { ViewHeading } from '../kit/ViewHeading.js';
import { abilitiesFor } from './abilities.js';
import { AuditPanel } from './AuditPanel.js';
import { useAudit } from './audit-store.js';
import { ContactsPanel } from './ContactsPanel.js';
import type { DetailTab } from './detail-tab.js';
import { useContacts } from './contacts-store.js';
import { InvitationsPanel } from './InvitationsPanel.js';
import { ManagedUsersForm } from './ManagedUsersForm.js';
import { OverviewPanel } from './OverviewPanel.js';
import { PeoplePanel } from './PeoplePanel.js';
import { useTeam } from './team-store.js';

/** One account: what the user holds there and, where they run it, who has access and how. */
export function AccountDetailView({ account }: { account: AccountRef }) {
  const { t } = useTranslation();
  const status = useAccounts((s) => s.status);
  const row = useAccounts((s) => s.find(account.connectionId, account.accountId));
  const go = useNavigation((s) => s.go);

  return (
    <div className="view view--scroll detail">
      <div className="detail__back">
        <button type="button" className="btn btn--small btn--ghost" onClick={() => go('accounts')}>
          <span aria-hidden="true">←</span> {t('detail.back')}
        </button>
      </div>
      {row ? (
        <AccountDetail row={row} />
      ) : status === 'ready' ? (
        <EmptyState
          heading={t('detail.goneHeading')}
          actions={
            <button type="button" className="btn btn--primary" onClick={() => go('accounts')}>
              {t('detail.back')}
            </button>
          }
        >
          <p>{t('detail.goneText')}</p>
        </EmptyState>
      ) : (
        <Skeleton label={t('detail.loading')} rows={4} variant="cards" />
      )}
    </div>
  );
}

function AccountDetail({ row }: { row: ListedAccount }) {
  const { t } = useTranslation();
  const baseId = useId();
  const connection = useConnections((s) => s.connections.find((c) => c.id === row.connectionId));
  const abilities = abilitiesFor(row, connection);
  const [tab, setTab] = useState<DetailTab>(abilities.manageUsers ? 'people' : 'overview');
  // Set only by People's "Invite someone": the form then takes focus, as if the user had clicked into it.
  const [focusInvite, setFocusInvite] = useState(false);
  const pendingOut = useTeam((s) => s.team?.invitations.filter((i) => i.status === 'pending').length ?? 0);
  const contactCount = useContacts((s) => s.contacts.length);
  const opening = usePanels((s) => s.opening === accountKey(row));
  const openPanel = usePanels((s) => s.open);
  const setFavourite = useAccounts((s) => s.setFavourite);
  const ref = { connectionId: row.connectionId, accountId: row.id };

  useEffect(() => {
    const ref = { connectionId: row.connectionId, accountId: row.id };
    if (abilities.manageUsers) void useTeam.getState().load(ref);
    if (abilities.contacts) void useContacts.getState().load(ref);
    if (abilities.audit) void useAudit.getState().load(ref);
    // Loaded once per account; each panel refreshes what it changes.
  }, [row.connectionId, row.id, abilities.manageUsers, abilities.contacts, abilities.audit]);

  const tabs: TabItem<DetailTab>[] = [{ id: 'overview', label: t('detail.tabs.overview') }];
  if (abilities.manageUsers) {
    tabs.push({ id: 'people', label: t('detail.tabs.people') });
    tabs.push({ id: 'invitations', label: t('detail.tabs.invitations'), count: pendingOut });
  }
  if (abilities.contacts) tabs.push({ id: 'contacts', label: t('detail.tabs.contacts'), count: contactCount });
  if (abilities.managedUsers) tabs.push({ id: 'newUsers', label: t('detail.tabs.newUsers') });
  if (abilities.audit) tabs.push({ id: 'activity', label: t('detail.tabs.activity') });
  const current = tabs.some((x) => x.id === tab) ? tab : 'overview';

  function select(next: DetailTab, focus = false) {
    setTab(next);
    setFocusInvite(false);
    if (next === 'activity') void useAudit.getState().load(ref);
    // From a button in a panel (not the tab list itself), focus follows to the tab, as a user expects.
    if (focus) requestAnimationFrame(() => document.getElementById(`${baseId}-tab-${next}`)?.focus());
  }

  return (
    <>
      <div className="detail__header">
        <span className="avatar avatar--large" aria-hidden="true">
          {initials(row.name)}
        </span>
        <div className="detail__titles">
          <ViewHeading>{row.name}</ViewHeading>
          <p className="detail__meta">
            <span className={`role role--${row.role}`}>{t(`roles.${row.role}`)}</span>
            <span className="muted">{t('invitations.atProvider', { provider: providerName(row, connection ? [connection] : [], t) })}</span>
            {connection && (
              <>
                <span className="muted" aria-hidden="true">
                  ·
                </span>
                <span className="muted">{t('connections.signedInAs', { email: connection.email })}</span>
              </>
            )}
          </p>
        </div>
        <div className="detail__actions">
          <button
            type="button"
            className={`btn star-btn${row.favourite ? ' star-btn--on' : ''}`}
            aria-pressed={row.favourite}
            onClick={() => void setFavourite(row, !row.favourite)}
          >
            <StarIcon filled={row.favourite} />
            {t('accounts.favourite')}
          </button>
          {abilities.openPanel && (
            <button type="button" className="btn btn--primary" disabled={opening} aria-busy={opening} onClick={() => void openPanel(row)}>
              {opening && <Spinner />}
              {t('accounts.openPanel')}
            </button>
          )}
        </div>
      </div>
      {tabs.length === 1 ? (
        // Nothing to run here but one's own access: no tabs to choose between.
        <OverviewPanel row={row} abilities={abilities} onOpenTab={(next) => select(next, true)} />
      ) : (
        <>
          <Tabs baseId={baseId} label={t('detail.tabsLabel', { name: row.name })} tabs={tabs} selected={current} onSelect={select} />
          <TabPanel baseId={baseId} id={current}>
            {current === 'overview' && <OverviewPanel row={row} abilities={abilities} onOpenTab={(next) => select(next, true)} />}
            {current === 'people' && (
              <PeoplePanel
                row={row}
                onInvite={() => {
                  select('invitations');
                  setFocusInvite(true);
                }}
                onCreateUsers={() => select('newUsers', true)}
                managesUsers={abilities.managedUsers}
              />
            )}
            {current === 'invitations' && <InvitationsPanel row={row} focusForm={focusInvite} />}
            {current === 'contacts' && <ContactsPanel row={row} canPromote={abilities.manageUsers} />}
            {current === 'newUsers' && <ManagedUsersForm row={row} />}
            {current === 'activity' && <AuditPanel />}
          </TabPanel>
        </>
      )}
    </>
  );
}
