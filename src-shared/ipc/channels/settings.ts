/** The app's own settings: language and theme. */
import { z } from 'zod';
import { Language } from '../../api/primitives.js';
import { NoInput } from '../request-parts.js';

export const Theme = z.enum(['light', 'dark', 'system']);
export const Settings = z.object({ language: Language.nullable(), theme: Theme });
export type Settings = z.infer<typeof Settings>;

export const settingsChannels = {
  'settings.get': { input: NoInput, output: Settings },
  'settings.update': { input: Settings.partial().strict(), output: Settings },
} as const;
