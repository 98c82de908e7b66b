import Conf from 'conf';
import type { Logger } from 'pino';
import { Settings } from '../../src-shared/ipc/channels/settings.js';
import { openConf } from '../storage/conf-file.js';

export const DEFAULT_SETTINGS: Settings = Object.freeze({ language: null, theme: 'system' }) as Settings;

interface SettingsFile extends Record<string, unknown> {
  version: 1;
  settings: unknown;
}

/** The user's preferences, in `<dataDir>/settings.json` (conf: written atomically). No secret lives here. */
export class SettingsStore {
  readonly #conf: Conf<SettingsFile>;

  constructor(dataDir: string, logger: Logger, onMovedAside?: (aside: string) => void) {
    this.#conf = openConf<SettingsFile>(dataDir, 'settings', { version: 1, settings: DEFAULT_SETTINGS }, logger, onMovedAside);
  }

  get(): Settings {
    // A value that no longer parses (edited by hand, older version) falls back field by field.
    const stored = Settings.partial().safeParse(this.#conf.get('settings'));
    return { ...DEFAULT_SETTINGS, ...(stored.success ? stripUndefined(stored.data) : {}) };
  }

  update(change: Partial<Settings>): Settings {
    const next = Settings.parse({ ...this.get(), ...stripUndefined(change) });
    this.#conf.set('settings', next);
    return next;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
