import { useTranslation } from 'react-i18next';
import type { ListedInvitation } from '../../src-shared/ipc/channels/invitations.js';
import { useConnections } from '../connections/connections-store.js';
import { useQueue } from '../queue/queue-store.js';
import { orphanAnswers } from './invitation-link.js';
import { QueuedAnswer } from './QueuedAnswer.js';

/** The answers of `orphanAnswers`, each with its state and, once finished, a way to put it away. */
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
