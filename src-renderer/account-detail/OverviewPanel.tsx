import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { invoke } from '../bridge/invoke.js';
import { PermissionChips } from '../accounts/PermissionChips.js';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { useSubmit } from '../kit/use-submit.js';
import { useNavigation } from '../navigation/navigation-store.js';
import type { Abilities } from './abilities.js';
import type { DetailTab } from './detail-tab.js';
import { useAccessPolicy } from './access-end.js';
import { useContacts } from './contacts-store.js';
import { InvitationDomainsEditor } from './InvitationDomainsEditor.js';
import { useTeam } from './team-store.js';

const COUNTS = [
  ['services', 'accounts.colServices', false],
  ['domainsExpiringSoon', 'accounts.colDomains', true],
  ['unpaidInvoices', 'accounts.colInvoices', true],
  ['openTickets', 'accounts.colTickets', false],
] as const;

/** The account at a glance, the user's own access, and the way out (leave) for non-owners. */
export function OverviewPanel({ row, abilities, onOpenTab }: { row: ListedAccount; abilities: Abilities; onOpenTab(tab: DetailTab): void }) {
  const { t } = useTranslation();
  const [leaving, setLeaving] = useState(false);
  const policy = useAccessPolicy(row);
  const scoped = row.scope !== null && ((row.scope.services?.length ?? 0) > 0 || (row.scope.domains?.length ?? 0) > 0);

  return (
    <div className="overview">
      <dl className="stats">
        {COUNTS.map(([field, label, warn]) => (
          <div key={field} className={`stat${warn && row.summary[field] > 0 ? ' stat--warn' : ''}`}>
            <dt>{t(label)}</dt>
            <dd>{row.summary[field]}</dd>
          </div>
        ))}
      </dl>
      <section className="card overview__access" aria-labelledby="ov-access">
        <h3 id="ov-access" className="section-title">
          {t('detail.yourAccess')}
        </h3>
        <p className="muted">{t(`detail.roleText.${row.role}`)}</p>
        <PermissionChips role={row.role} permissions={row.permissions} />
        {scoped && <p className="muted small">{t('detail.scopedTo', { items: [...(row.scope?.domains ?? []), ...(row.scope?.services ?? [])].join(', ') })}</p>}
        {!abilities.manageUsers && <p className="hint">{t('detail.cannotManage')}</p>}
      </section>
      {abilities.manageUsers && <TeamAtAGlance contacts={abilities.contacts} onOpenTab={onOpenTab} />}
      {policy.domains && <InvitationDomainsEditor key={`${row.connectionId}/${row.id}`} row={row} />}
      {row.domains.length > 0 && (
        <section className="card" aria-labelledby="ov-domains">
          <h3 id="ov-domains" className="section-title">
            {t('detail.domains')}
          </h3>
          <ul className="plain-list mono">
            {row.domains.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </section>
      )}
      {abilities.leave && (
        <section className="card card--quiet" aria-labelledby="ov-leave">
          <h3 id="ov-leave" className="section-title">
            {t('detail.leaveHeading')}
          </h3>
          <p className="muted">{t('detail.leaveText', { name: row.name })}</p>
          <div>
            <button type="button" className="btn btn--danger-outline" onClick={() => setLeaving(true)}>
              {t('detail.leave')}
            </button>
          </div>
        </section>
      )}
      {leaving && <LeaveDialog row={row} onClose={() => setLeaving(false)} />}
    </div>
  );
}

/** Who has access, at a glance, with the way to each part of the team. */
function TeamAtAGlance({ contacts, onOpenTab }: { contacts: boolean; onOpenTab(tab: DetailTab): void }) {
  const { t } = useTranslation();
  const team = useTeam((s) => s.team);
  const contactCount = useContacts((s) => s.contacts.length);
  const pending = team?.invitations.filter((i) => i.status === 'pending').length ?? 0;
  const inactive = team?.users.filter((u) => u.status === 'pending_activation').length ?? 0;
  return (
    <section className="card overview__team" aria-labelledby="ov-team">
      <h3 id="ov-team" className="section-title">
        {t('detail.teamHeading')}
      </h3>
      <ul className="glance">
        <li>
          <strong>{team?.users.length ?? '–'}</strong> {t('detail.glance.people', { count: team?.users.length ?? 0 })}
        </li>
        <li>
          <strong>{pending}</strong> {t('detail.glance.invitations', { count: pending })}
        </li>
        {inactive > 0 && (
          <li>
            <strong>{inactive}</strong> {t('detail.glance.inactive', { count: inactive })}
          </li>
        )}
        {contacts && (
          <li>
            <strong>{contactCount}</strong> {t('detail.glance.contacts', { count: contactCount })}
          </li>
        )}
      </ul>
      <div className="overview__actions">
        <button type="button" className="btn btn--primary" onClick={() => onOpenTab('invitations')}>
          {t('team.inviteHeading')}
        </button>
        <button type="button" className="btn" onClick={() => onOpenTab('people')}>
          {t('detail.managePeople')}
        </button>
      </div>
    </section>
  );
}

function LeaveDialog({ row, onClose }: { row: ListedAccount; onClose(): void }) {
  const { t } = useTranslation();
  const go = useNavigation((s) => s.go);
  // Leaving goes back to the list, so the button stays busy until the dialog is gone.
  const { busy, error, submit } = useSubmit({ staysBusyOnSuccess: true });

  async function leave() {
    await submit(async () => {
      await invoke('team.leaveAccount', { connectionId: row.connectionId, accountId: row.id });
      go('accounts');
    });
  }

  return (
    <Dialog
      title={t('detail.leaveConfirmTitle', { name: row.name })}
      onClose={onClose}
      size="small"
      footer={<DialogActions onCancel={onClose} busy={busy} label={t('detail.leave')} tone="danger" onConfirm={leave} />}
    >
      <p>{t('detail.leaveConfirmText', { name: row.name })}</p>
      <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
    </Dialog>
  );
}
