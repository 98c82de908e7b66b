/** The app's own settings: language and theme, and the desktop app's own (absent in web mode until chosen). */
import { z } from 'zod';
import { Language } from '../../api/primitives.js';
import { NoInput } from '../request-parts.js';

export const Theme = z.enum(['light', 'dark', 'system']);
export const UpdateChannel = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof UpdateChannel>;
export const Settings = z.object({
  language: Language.nullable(),
  theme: Theme,
  /** Closing the window leaves Clientdeck running in the tray (default: it quits, except on macOS). */
  keepInTray: z.boolean().optional(),
  /** Started with the user's session (default: no). */
  launchAtLogin: z.boolean().optional(),
  /** Which releases auto-update installs (default: stable). */
  updateChannel: UpdateChannel.optional(),
  /** Background syncs paused from the tray (default: no); still paused after a restart until resumed. */
  syncPaused: z.boolean().optional(),
});
export type Settings = z.infer<typeof Settings>;

export const settingsChannels = {
  'settings.get': { input: NoInput, output: Settings },
  'settings.update': { input: Settings.partial().strict(), output: Settings },
} as const;
