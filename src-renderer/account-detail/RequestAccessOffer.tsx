import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../src-shared/api/permissions.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { useConnections } from '../connections/connections-store.js';
import { RequestAccessDialog } from './RequestAccessDialog.js';

/**
 * What follows a refusal for lack of permission, or a place where the user's access ends: "Request
 * access" to the account's owner instead of a dead end. The owner themselves has nothing to ask;
 * a provider that takes no requests says so in one line.
 */
export function RequestAccessOffer({ row, needed, label }: { row: ListedAccount; needed?: Permission; label?: string }) {
  const { t } = useTranslation();
  const connection = useConnections((s) => s.connections.find((c) => c.id === row.connectionId));
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  if (row.role === 'owner') return null;
  if (!connection?.capabilities.includes('access_requests')) {
    return <p className="muted small">{t('accessRequests.notSupported', { provider: connection?.label ?? '' })}</p>;
  }
  return (
    <div className="request-offer">
      <button type="button" className="btn btn--small" onClick={() => setOpen(true)}>
        {label ?? t('accessRequests.requestAccess')}
      </button>
      <div role="status" className="outcome-region">
        {sent && <p className="inline-ok">{t('accessRequests.sent')}</p>}
      </div>
      {open && (
        <RequestAccessDialog
          row={row}
          needed={needed}
          onClose={() => setOpen(false)}
          onSent={() => {
            setOpen(false);
            setSent(true);
          }}
        />
      )}
    </div>
  );
}
