import type { ClientdeckBridge } from '../../src-shared/ipc/contract.js';
import { useAccounts } from '../accounts/accounts-store.js';
import { useBulk } from '../bulk/bulk-store.js';
import { useConnections } from '../connections/connections-store.js';
import { useInvitations } from '../invitations/invitations-store.js';
import { useAccessRequests } from '../invitations/access-requests-store.js';
import { useQueue } from '../queue/queue-store.js';
import { useSettings } from '../settings/settings-store.js';
import { followTarget } from '../navigation/navigation-store.js';
import { useNotifications } from './notifications-store.js';

/** Keeps the stores in step with main: sync states as they change, lists refetched when main says so. */
export function followMain(bridge: ClientdeckBridge): () => void {
  const offSync = bridge.on('sync.changed', (statuses) => useConnections.getState().applySyncStatuses(statuses));
  const offData = bridge.on('data.changed', ({ lists }) => {
    if (lists.includes('connections')) void useConnections.getState().load();
    if (lists.includes('accounts')) void useAccounts.getState().load();
    if (lists.includes('invitations')) void useInvitations.getState().load();
    if (lists.includes('queue')) void useQueue.getState().load();
    if (lists.includes('settings')) void useSettings.getState().load();
    // Bulk runs are fetched once their view was opened; until then nobody shows them.
    if (lists.includes('bulk') && useBulk.getState().status !== 'idle') void useBulk.getState().load();
    if (lists.includes('access_requests')) void useAccessRequests.getState().load();
  });
  const offNavigate = bridge.on('navigate', followTarget);
  const offNotification = bridge.on('notification', (item) => useNotifications.getState().push(item));
  // The review's store (and its indexing code) is the review view's chunk, not the first script's:
  // progress arrives only for a review someone asked for, in order, through the one module promise.
  let reviewStore: Promise<typeof import('../access-review/access-review-store.js')> | null = null;
  const offReview = bridge.on('accessReview.progress', (progress) => {
    reviewStore ??= import('../access-review/access-review-store.js');
    void reviewStore.then(({ useAccessReview }) => useAccessReview.getState().followProgress(progress));
  });
  return () => {
    offReview();
    offNotification();
    offSync();
    offData();
    offNavigate();
  };
}

/** The first fetch of everything, once connections are known to exist. */
export function loadLists(): void {
  void useAccounts.getState().load();
  void useInvitations.getState().load();
  void useQueue.getState().load();
  void useConnections.getState().loadSyncStatus();
}
