import { create } from 'zustand';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { errorSentence } from '../bridge/invoke.js';
import { accountKey } from './account-filter.js';
import { openPanel } from './open-panel.js';

interface PanelState {
  /** The account whose panel is being opened (accountKey). */
  opening: string | null;
  /** The last failure, shown under the header wherever the user opened from. */
  failure: { name: string; message: string } | null;
  /** The account whose panel opened in a browser tab that the user must sign in to themselves (WHMCS in web mode). */
  signInThere: { name: string } | null;
  open(row: Pick<ListedAccount, 'connectionId' | 'id' | 'name'>): Promise<void>;
  clearFailure(): void;
}

/** One place that opens panels, for the list, the detail and the palette alike. */
export const usePanels = create<PanelState>()((set, get) => ({
  opening: null,
  failure: null,
  signInThere: null,

  async open(row) {
    const key = accountKey(row);
    set({ opening: key, failure: null, signInThere: null });
    try {
      const { signInThere } = await openPanel(row);
      if (signInThere) set({ signInThere: { name: row.name } });
    } catch (err) {
      set({ failure: { name: row.name, message: errorSentence(err) } });
    } finally {
      if (get().opening === key) set({ opening: null });
    }
  },

  clearFailure() {
    set({ failure: null, signInThere: null });
  },
}));
