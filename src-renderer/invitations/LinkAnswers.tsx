import { useTranslation } from 'react-i18next';
import type { ListedInvitation } from '../../src-shared/ipc/channels/invitations.js';
import type { QueuedAction } from '../../src-shared/ipc/channels/queue.js';
import { useConnections } from '../connections/connections-store.js';
import { useQueue } from '../queue/queue-store.js';
import { invitationKey } from './invitations-store.js';
import { QueuedAnswer } from './QueuedAnswer.js';

/**
 * Answers to invitations accepted from a link whose invitation is no longer in the list: a WHMCS
 * invitee has no list, so the next sync drops the link's row while its answer still waits in the
 * queue. The queue is what keeps it, so its state is shown from there until it is dismissed.
 */
export function orphanAnswers(actions: readonly QueuedAction[], rows: readonly ListedInvitation[]): QueuedAction[] {
  const listed = new Set(rows.map(invitationKey));
  return actions.filter((a) => a.invitationId !== null && !listed.has(invitationKey({ connectionId: a.connectionId, id: a.invitationId })));
}

export function LinkAnswers({ rows }: { rows: readonly ListedInvitation[] }) {
  const { t } = useTranslation();
  const actions = useQueue((s) => s.actions);
  const dismiss = useQueue((s) => s.dismiss);
  const connections = useConnections((s) => s.connections);
  const orphans = orphanAnswers(actions, rows);
  if (orphans.length === 0) return null;
  return (
    <ul className="invitation-list invitation-list--compact" aria-label={t('invitations.link.answersLabel')}>
      {orphans.map((action) => {
        const row = {
          connectionId: action.connectionId,
          providerLabel: connections.find((c) => c.id === action.connectionId)?.label ?? '',
          account: { name: action.summary },
        };
        return (
          <li key={action.id} className="invitation" aria-label={action.summary}>
            <div className="invitation__body">
              <QueuedAnswer action={action} row={row} onDismiss={() => void dismiss(action.id)} />
              {/* No card moves it to "earlier", so a done answer is put away by hand. */}
              {action.state === 'done' && (
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => void dismiss(action.id)}
                  aria-label={t('queue.dismissFor', { account: action.summary })}
                >
                  {t('common.dismiss')}
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
