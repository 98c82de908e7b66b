import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCESS_REQUEST_MESSAGE_MAX, type AccessRequest } from '../../src-shared/api/access-requests.js';
import { PERMISSIONS, type Permission } from '../../src-shared/api/permissions.js';
import { CUSTOMER_NUMBER_PATTERN } from '../../src-shared/api/primitives.js';
import type { IncomingAccessRequest } from '../../src-shared/ipc/channels/access-requests.js';
import { PermissionChecklist } from '../account-detail/PermissionChecklist.js';
import { useAccounts } from '../accounts/accounts-store.js';
import { StillLoadingNote } from '../accounts/StillLoadingNote.js';
import { invoke } from '../bridge/invoke.js';
import { connectionName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { useSubmit } from '../kit/use-submit.js';
import { useNavigation } from '../navigation/navigation-store.js';
import { permissionKey } from '../accounts/access-summary.js';
import { useAccessRequests } from './access-requests-store.js';

/** What a person asks by customer number: never users.manage (a grant by request is a member's). */
const ASKABLE = PERMISSIONS.filter((p) => p !== 'users.manage');

/**
 * The Invitations view's access requests: how many wait for the user's answer (each leading to the
 * account where it is answered), the form to ask an owner by customer number, and the user's own
 * requests with their outcome. Connections whose provider takes no requests are left out.
 */
export function AccessRequestsBoard() {
  const { t } = useTranslation();
  const connections = useConnections((s) => s.connections);
  const capable = connections.filter((c) => c.capabilities.includes('access_requests'));
  const capableIds = capable.map((c) => c.id).join(',');
  const incoming = useAccessRequests((s) => s.incoming);
  const mine = useAccessRequests((s) => s.mine);
  const error = useAccessRequests((s) => s.error);
  const load = useAccessRequests((s) => s.load);
  const arriving = useAccounts((s) => s.arriving);
  // A request by customer number is answered on accounts found in the list, which may not all be in yet.
  const fromList = incoming.some((item) => !item.request.accountId);

  useEffect(() => {
    void load();
  }, [load, capableIds]);

  if (capable.length === 0) return <p className="muted small">{t('accessRequests.noneCapable')}</p>;
  const label = (connectionId: string) => {
    const c = connections.find((x) => x.id === connectionId);
    return c ? connectionName(c, t) : '';
  };
  return (
    <section className="access-board" aria-labelledby="access-board-h">
      <h3 id="access-board-h" className="section-title">
        {t('accessRequests.heading')}
      </h3>
      {error && <ErrorBanner title={t('accessRequests.loadFailed')} message={error} onRetry={() => void load()} />}
      <section aria-labelledby="waiting-h">
        <h4 id="waiting-h" className="field-label">
          {t('accessRequests.waiting', { count: incoming.length })}
        </h4>
        {fromList && <StillLoadingNote arriving={arriving} />}
        {incoming.length > 0 && (
          <ul className="plain-list" aria-labelledby="waiting-h">
            {incoming.map((item) => (
              <WaitingRequest key={`${item.connectionId}:${item.request.id}`} item={item} provider={label(item.connectionId)} />
            ))}
          </ul>
        )}
      </section>
      <AskByNumberForm connections={capable.map((c) => ({ id: c.id, label: connectionName(c, t) }))} onSent={() => void load()} />
      <section aria-labelledby="mine-h">
        <h4 id="mine-h" className="field-label">
          {t('accessRequests.mine')}
        </h4>
        {mine.length === 0 ? (
          <p className="muted">{t('accessRequests.mineNone')}</p>
        ) : (
          <ul className="plain-list" aria-labelledby="mine-h">
            {mine.map(({ connectionId, request }) => (
              <OwnRequest key={`${connectionId}:${request.id}`} request={request} provider={label(connectionId)} />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function WaitingRequest({ item, provider }: { item: IncomingAccessRequest; provider: string }) {
  const { t } = useTranslation();
  const openAccount = useNavigation((s) => s.openAccount);
  const rows = useAccounts((s) => s.index.rows);
  const { connectionId, request } = item;
  // A request by customer number is answered on one of the accounts the user owns there.
  const places = useMemo(
    () =>
      request.accountId
        ? [{ id: request.accountId, name: request.accountName ?? '' }]
        : rows.filter((r) => r.connectionId === connectionId && r.role === 'owner').map((r) => ({ id: r.id, name: r.name })),
    [rows, connectionId, request.accountId, request.accountName],
  );
  return (
    <li className="card access-request" aria-label={t('accessRequests.itemLabel', { name: request.requester.name })}>
      <p>
        <strong>{request.requester.name}</strong> <span className="muted">{request.requester.email}</span> ·{' '}
        <span className="muted">
          {request.accountName ? t('accessRequests.onAccount', { account: request.accountName, provider }) : t('accessRequests.byNumberAt', { provider })}
        </span>
      </p>
      <blockquote className="access-request__message">{request.message}</blockquote>
      <div className="row-actions">
        {places.map((place) => (
          <button key={place.id} type="button" className="btn btn--small" onClick={() => openAccount({ connectionId, accountId: place.id })}>
            {t('accessRequests.answerOn', { account: place.name })}
          </button>
        ))}
      </div>
    </li>
  );
}

function OwnRequest({ request, provider }: { request: AccessRequest; provider: string }) {
  const { t } = useTranslation();
  const where = request.accountName ?? t('accessRequests.numberTarget', { number: request.customerNumber ?? '' });
  return (
    <li className="card access-request" aria-label={t('accessRequests.ownLabel', { where })}>
      <p>
        <strong>{where}</strong> <span className="muted">{t('invitations.atProvider', { provider })}</span> ·{' '}
        <span className={`tag tag--${request.status}`}>{t(`accessRequests.status.${request.status}`)}</span>
      </p>
      {request.granted ? (
        <p className="small">{t('accessRequests.granted', { permissions: request.granted.permissions.map((p) => t(permissionKey(p))).join(', ') })}</p>
      ) : (
        <p className="muted small">{t('accessRequests.asked', { permissions: request.permissions.map((p) => t(permissionKey(p))).join(', ') })}</p>
      )}
    </li>
  );
}

function AskByNumberForm({ connections, onSent }: { connections: { id: string; label: string }[]; onSent(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const [customerNumber, setCustomerNumber] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, setError, submit } = useSubmit();
  const chosen = connections.some((c) => c.id === connectionId) ? connectionId : (connections[0]?.id ?? '');

  function send(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSent(null);
    const number = customerNumber.trim();
    if (!CUSTOMER_NUMBER_PATTERN.test(number)) return setError(t('accessRequests.numberInvalid'));
    if (permissions.length === 0) return setError(t('accessRequests.choosePermission'));
    if (message.trim() === '') return setError(t('accessRequests.writeMessage'));
    void submit(async () => {
      await invoke('accessRequests.create', { connectionId: chosen, request: { customerNumber: number, permissions, message } });
      setSent(t('accessRequests.sentByNumber', { number }));
      setCustomerNumber('');
      setPermissions([]);
      setMessage('');
      onSent();
    });
  }

  return (
    <form className="form card" aria-label={t('accessRequests.askByNumber')} onSubmit={send}>
      <h4 className="field-label">{t('accessRequests.askByNumber')}</h4>
      <p className="muted small">{t('accessRequests.askByNumberText')}</p>
      {connections.length > 1 && (
        <label className="field">
          <span className="field-label">{t('accessRequests.connection')}</span>
          <select value={chosen} onChange={(e) => setConnectionId(e.target.value)}>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span className="field-label">{t('accessRequests.customerNumber')}</span>
        <input id={`${id}-number`} inputMode="numeric" value={customerNumber} onChange={(e) => setCustomerNumber(e.target.value)} />
      </label>
      <PermissionChecklist legend={t('accessRequests.ask')} options={ASKABLE} value={permissions} onChange={setPermissions} />
      <label className="field">
        <span className="field-label">{t('accessRequests.message')}</span>
        <textarea value={message} maxLength={ACCESS_REQUEST_MESSAGE_MAX} rows={3} onChange={(e) => setMessage(e.target.value)} />
        <span className="hint">{t('accessRequests.messageHint')}</span>
      </label>
      <div role="alert" className="form__alert">
        {error && <p className="inline-error">{error}</p>}
      </div>
      <div role="status" className="form__status">
        {sent && <p className="inline-ok">{sent}</p>}
      </div>
      <div>
        <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
          {t('accessRequests.send')}
        </button>
      </div>
    </form>
  );
}
