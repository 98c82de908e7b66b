import { ACCOUNT_WINDOW_MAX } from '../../src-shared/ipc/account-order.js';
import type { AccountWindow } from '../../src-shared/ipc/channels/accounts.js';
import { invoke, IpcCallError } from '../bridge/invoke.js';
import { appendSorted, indexAccounts, type AccountIndex } from './account-filter.js';

/** What the first screen shows, with room for a tall window: the first reply stays small. */
export const FIRST_WINDOW = 200;
/** The first window asked for by a copy: sent by the first script itself (shell/first-screen.ts). */
export const FIRST_WINDOW_REQUEST = { version: null, offset: 0, limit: FIRST_WINDOW } as const;
/** The copy restarts when main forgot its version (the list changed very often meanwhile); this many times at most. */
const RESTARTS = 3;

/** How far a copy is: the index of the rows received so far, all of them before any row still to come. */
export interface CopyProgress {
  index: AccountIndex;
  received: number;
  total: number;
}

/**
 * Copies main's account list a window at a time in its default order (`accounts.window`), so
 * the first screen shows after one small reply and the other rows follow while the user can
 * already read, scroll and type; each window is indexed as it arrives and joined after the rows
 * held, never sorted again. The next window is asked for before this one is indexed, so main
 * answers while the renderer works. Every window comes from the version the first one named; a
 * change made meanwhile comes afterwards as `accounts.changes` from that version.
 */
export async function copyInWindows(shown: (progress: CopyProgress) => void): Promise<{ version: number; index: AccountIndex }> {
  for (let attempt = 0; attempt <= RESTARTS; attempt++) {
    const first = await invoke('accounts.window', FIRST_WINDOW_REQUEST);
    let index = indexAccounts(first.rows);
    let received = first.rows.length;
    shown({ index, received, total: first.total });
    const ask = (offset: number) => invoke('accounts.window', { version: first.version, offset, limit: ACCOUNT_WINDOW_MAX });
    let next: Promise<AccountWindow> | null = received < first.total ? ask(received) : null;
    let whole = true;
    while (next) {
      const window = await next;
      if (window.version !== first.version) {
        whole = false;
        break;
      }
      received += window.rows.length;
      next = received < window.total && window.rows.length > 0 ? ask(received) : null;
      index = appendSorted(index, window.rows);
      shown({ index, received, total: first.total });
    }
    if (whole) return { version: first.version, index };
  }
  throw new IpcCallError('conflict', 'The account list kept changing while Clientdeck loaded it. It loads again with the next change, or try again.');
}
