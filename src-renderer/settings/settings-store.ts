import { create } from 'zustand';
import type { Settings } from '../../src-shared/ipc/channels/settings.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { firstLoad, notLoaded, runLoad, type Loadable } from '../kit/load-state.js';
import { applySettings, cachedSettings } from './appearance.js';

interface SettingsState extends Loadable {
  settings: Settings;
  /** A change on its way to main. */
  saving: boolean;
  load(): Promise<void>;
  /** Applies at once, then saves; a refused save puts the previous settings back. */
  update(patch: Partial<Settings>): Promise<void>;
}

export const useSettings = create<SettingsState>()((set, get) => ({
  ...notLoaded,
  settings: cachedSettings(),
  saving: false,

  async load() {
    // The banner keeps a failed save's sentence in view until settings come back.
    await runLoad(
      { set, get },
      {
        begin: firstLoad(get().status, { keepError: true }),
        fetch: () => invoke('settings.get', {}),
        ready: (settings) => {
          applySettings(settings);
          return { settings };
        },
      },
    );
  },

  async update(patch) {
    const previous = get().settings;
    const next = { ...previous, ...patch };
    applySettings(next);
    set({ settings: next, saving: true, error: null });
    try {
      const saved = await invoke('settings.update', patch);
      applySettings(saved);
      set({ settings: saved, status: 'ready' });
    } catch (err) {
      applySettings(previous);
      set({ settings: previous, error: errorSentence(err) });
    } finally {
      set({ saving: false });
    }
  },
}));
