/** Opening an account's customer panel with a one-time SSO link. */
import { z } from 'zod';
import { Id } from '../../api/primitives.js';

export const panelChannels = {
  /**
   * Mints a one-time SSO link. `handled` is true when main opened it (a panel window or the system
   * browser); in web mode main cannot open windows, so the renderer opens `url` itself.
   */
  'panel.open': {
    input: z.object({ connectionId: Id, accountId: Id, target: z.enum(['window', 'browser']).default('window') }).strict(),
    output: z.object({ url: z.string(), expiresAt: z.string(), handled: z.boolean() }),
  },
} as const;
