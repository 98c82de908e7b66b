import path from 'node:path';
import type { DroppedConnection } from '../connections/connection-store.js';
import type { DesktopNotification } from './notifier.js';

/** What went wrong with the app's own files at start, as found by the stores that read them. */
export interface DataFileTrouble {
  queueMovedAside: string | null;
  connectionsMovedAside: string | null;
  droppedConnections: readonly DroppedConnection[];
  /** The smaller files, whose loss costs preferences only. */
  otherMovedAside?: ReadonlyArray<{ file: 'settings' | 'account-marks'; aside: string }>;
}

const WHAT_IT_HELD = {
  settings: { title: 'Your settings could not be read', lost: 'Language, theme and the desktop choices are back to their defaults' },
  'account-marks': { title: 'Your favourites could not be read', lost: 'Favourites and recently opened accounts start empty' },
} as const;

/**
 * The notifications a start with damaged or unsafe data files owes the user: which file, where it
 * went, what was kept and what to do. The log alone is not enough: a user who finds their
 * connections or queued answers gone must learn why, and that the sign-ins were not deleted.
 */
export function dataFileNotices(trouble: DataFileTrouble): DesktopNotification[] {
  const notices: DesktopNotification[] = [];
  if (trouble.queueMovedAside) {
    notices.push({
      id: `data-file:queue:${path.basename(trouble.queueMovedAside)}`,
      title: 'The offline queue could not be read',
      body:
        `queue.sqlite in the data folder was damaged and is kept as ${path.basename(trouble.queueMovedAside)}. ` +
        'Answers that were still waiting to be sent were in it and have not been sent: answer those invitations again. ' +
        'Your connections, sign-ins, accounts and settings were kept.',
      navigate: { view: 'invitations' },
    });
  }
  if (trouble.connectionsMovedAside) {
    notices.push({
      id: `data-file:connections:${path.basename(trouble.connectionsMovedAside)}`,
      title: 'Your list of connections could not be read',
      body:
        `connections.json in the data folder was damaged and is kept as ${path.basename(trouble.connectionsMovedAside)}; ` +
        'Clientdeck started without connections. Their sign-ins were kept in the keychain, not deleted: add the providers again, ' +
        'or put the kept file back while Clientdeck is closed. Settings, favourites and queued answers were kept.',
      navigate: { view: 'connections' },
    });
  }
  for (const dropped of trouble.droppedConnections) {
    notices.push({
      id: `data-file:dropped:${dropped.id}`,
      title: `“${dropped.label}” was removed: its address is not safe`,
      body:
        `The stored address ${dropped.baseUrl} would be refused if you added it today. ${dropped.reason} ` +
        'Its sign-in was kept in the keychain, not deleted; add the provider again with its https:// address.',
      navigate: { view: 'connections' },
    });
  }
  for (const { file, aside } of trouble.otherMovedAside ?? []) {
    const held = WHAT_IT_HELD[file];
    notices.push({
      id: `data-file:${file}:${path.basename(aside)}`,
      title: held.title,
      body: `${file}.json in the data folder was damaged and is kept as ${path.basename(aside)}. ${held.lost}; your connections, sign-ins and queued answers were kept.`,
      navigate: file === 'settings' ? { view: 'settings' } : { view: 'accounts' },
    });
  }
  return notices;
}
