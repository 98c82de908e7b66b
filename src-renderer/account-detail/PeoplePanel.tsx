import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountUser } from '../../src-shared/api/team.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { errorSentence } from '../bridge/invoke.js';
import { AccessText } from '../accounts/AccessText.js';
import { useNow } from '../kit/use-now.js';
import { AccessEndText, ExtendDialog } from './AccessEnd.js';
import { useAccessPolicy } from './access-end.js';
import { PersonCell } from './PersonCell.js';
import { AccessRequestsSection } from './AccessRequestsSection.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { formatDate } from '../kit/relative-time.js';
import { Skeleton } from '../kit/Skeleton.js';
import { Spinner } from '../kit/Spinner.js';
import { useAudit } from './audit-store.js';
import { PermissionMatrix } from './PermissionMatrix.js';
import { RevokeDialog } from './RevokeDialog.js';
import { useTeam } from './team-store.js';
import { canViewAs, viewAsUser } from './view-as.js';
import { useSubmit } from '../kit/use-submit.js';

interface Props {
  row: ListedAccount;
  /** To the invite form, focused: the first thing to do when only the owner has access. */
  onInvite(): void;
  /** To the new-users form. */
  onCreateUsers(): void;
  /** The account may create users and look at the panel as them (the owner, where the provider offers it). */
  managesUsers: boolean;
}

/** Who has access to the account, what each may do, and the way to take access away. */
export function PeoplePanel({ row, onInvite, onCreateUsers, managesUsers }: Props) {
  const { t, i18n } = useTranslation();
  const status = useTeam((s) => s.status);
  const team = useTeam((s) => s.team);
  const error = useTeam((s) => s.error);
  const reload = useTeam((s) => s.reload);
  const revoke = useTeam((s) => s.revoke);
  const [revoking, setRevoking] = useState<AccountUser | null>(null);
  const [extending, setExtending] = useState<AccountUser | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const updateUser = useTeam((s) => s.updateUser);
  const policy = useAccessPolicy(row);
  const now = useNow(30_000);

  if (status === 'loading' || status === 'idle') return <Skeleton label={t('team.loading')} rows={4} />;
  if (!team) return error ? <ErrorBanner title={t('team.loadFailed')} message={error} onRetry={() => void reload()} /> : null;

  const owners = team.users.filter((u) => u.role === 'owner');
  const others = team.users.filter((u) => u.role !== 'owner').sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="people">
      {error && <ErrorBanner title={t('team.loadFailed')} message={error} onRetry={() => void reload()} />}
      <div role="status" className="outcome-region">
        {notice && <div className="banner banner--ok">{notice}</div>}
      </div>
      {/* Requests first: they wait for an answer, the rest of the page does not. */}
      <AccessRequestsSection row={row} />
      <section aria-labelledby="people-h">
        <div className="section-head">
          <h3 id="people-h" className="section-title">
            {t('team.usersHeading')}
          </h3>
          <span className="muted">{t('team.usersCount', { count: team.users.length })}</span>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('team.colPerson')}</th>
              <th scope="col">{t('team.colRole')}</th>
              <th scope="col">{t('team.colAccess')}</th>
              <th scope="col">{t('team.colStatus')}</th>
              <th scope="col">{t('team.colSince')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('accounts.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...owners, ...others].map((user) => (
              <UserRow
                key={user.userId}
                row={row}
                user={user}
                mayViewAs={managesUsers && canViewAs(user)}
                onRevoke={() => setRevoking(user)}
                onExtend={policy.ends && user.expiresAt ? () => setExtending(user) : undefined}
                now={now}
                onNotice={setNotice}
              />
            ))}
          </tbody>
        </table>
      </section>
      {others.length > 0 ? (
        <PermissionMatrix users={others} accountName={row.name} onSaved={(n) => setNotice(t('team.matrixSaved', { count: n }))} />
      ) : (
        <div className="people__only-owner">
          <p className="muted">{t('team.onlyOwner')}</p>
          <div className="empty-state__actions">
            <button type="button" className="btn btn--primary" onClick={onInvite}>
              {t('team.inviteSomeone')}
            </button>
            {managesUsers && (
              <button type="button" className="btn" onClick={onCreateUsers}>
                {t('team.createUsers')}
              </button>
            )}
          </div>
        </div>
      )}
      {extending?.expiresAt && (
        <ExtendDialog
          who={extending.name}
          accountName={row.name}
          expiresAt={extending.expiresAt}
          onClose={() => setExtending(null)}
          onExtend={async (expiresAt) => {
            const user = await updateUser(extending.userId, { expiresAt });
            setNotice(t('expiry.extended', { who: user.name, date: formatDate(expiresAt, i18n.language, true) }));
            setExtending(null);
            void useAudit.getState().load({ connectionId: row.connectionId, accountId: row.id });
          }}
        />
      )}
      {revoking && (
        <RevokeDialog
          user={revoking}
          accountName={row.name}
          revoke={() => revoke(revoking.userId)}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setNotice(t('team.revoked', { name: revoking.name, account: row.name }));
            setRevoking(null);
            void useAudit.getState().load({ connectionId: row.connectionId, accountId: row.id });
          }}
        />
      )}
    </div>
  );
}

interface UserRowProps {
  row: ListedAccount;
  user: AccountUser;
  mayViewAs: boolean;
  onRevoke(): void;
  /** Offered for an expiring grant on a provider that can move its end. */
  onExtend: (() => void) | undefined;
  now: Date;
  onNotice(text: string): void;
}

function UserRow({ row, user, mayViewAs, onRevoke, onExtend, now, onNotice }: UserRowProps) {
  const { t, i18n } = useTranslation();
  const viewing = useSubmit();
  const sendActivation = useTeam((s) => s.sendActivation);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inactive = user.status === 'pending_activation';

  async function activate() {
    setSending(true);
    setError(null);
    try {
      await sendActivation(user.userId);
      onNotice(t('team.activationSent', { name: user.name, email: user.email }));
    } catch (err) {
      setError(errorSentence(err));
    } finally {
      setSending(false);
    }
  }

  return (
    <tr>
      <PersonCell name={user.name} email={user.email} />
      <td>
        <span className={`role role--${user.role}`}>{t(`roles.${user.role}`)}</span>
      </td>
      <td>
        <AccessText row={user} />
      </td>
      <td>
        <span className={`status status--${user.status}`}>{t(`team.status.${user.status}`)}</span>
        <span className="muted small"> · {t(`team.origin.${user.origin}`)}</span>
        {user.expiresAt && (
          <span className="small">
            {' · '}
            <AccessEndText expiresAt={user.expiresAt} now={now} />
          </span>
        )}
        {(error ?? viewing.error) && (
          <p className="inline-error" role="alert">
            {error ?? viewing.error}
          </p>
        )}
      </td>
      <td className="muted">{formatDate(user.joinedAt, i18n.language)}</td>
      <td className="actions">
        {inactive && user.origin === 'managed' && (
          <button
            type="button"
            className="btn btn--small"
            disabled={sending}
            aria-busy={sending}
            aria-label={t('team.sendActivationFor', { name: user.name })}
            onClick={() => void activate()}
          >
            {sending && <Spinner />}
            {t('team.sendActivation')}
          </button>
        )}
        {mayViewAs && (
          <button
            type="button"
            className="btn btn--small"
            disabled={viewing.busy}
            aria-busy={viewing.busy}
            aria-label={t('team.viewAsFor', { name: user.name })}
            onClick={() => void viewing.submit(() => viewAsUser(row, user))}
          >
            {viewing.busy && <Spinner />}
            {t('team.viewAs')}
          </button>
        )}
        {onExtend && (
          <button type="button" className="btn btn--small" aria-label={t('expiry.extendFor', { who: user.name })} onClick={onExtend}>
            {t('expiry.extend')}
          </button>
        )}
        {user.role !== 'owner' && (
          <button type="button" className="btn btn--small btn--danger-outline" aria-label={t('team.revokeFor', { name: user.name })} onClick={onRevoke}>
            {t('team.revoke')}
          </button>
        )}
      </td>
    </tr>
  );
}
