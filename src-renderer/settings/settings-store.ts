import { create } from 'zustand';
import type { Settings } from '../../src-shared/ipc/channels/settings.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import type { LoadStatus } from '../kit/load-state.js';
import { applySettings, cachedSettings } from './appearance.js';

interface SettingsState {
  status: LoadStatus;
  settings: Settings;
  error: string | null;
  /** A change on its way to main. */
  saving: boolean;
  load(): Promise<void>;
  /** Applies at once, then saves; a refused save puts the previous settings back. */
  update(patch: Partial<Settings>): Promise<void>;
}

export const useSettings = create<SettingsState>()((set, get) => ({
  status: 'idle',
  settings: cachedSettings(),
  error: null,
  saving: false,

  async load() {
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const settings = await invoke('settings.get', {});
      applySettings(settings);
      set({ status: 'ready', settings, error: null });
    } catch (err) {
      set({ status: get().status === 'ready' ? 'ready' : 'error', error: errorSentence(err) });
    }
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
