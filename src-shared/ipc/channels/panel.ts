/** Opening an account's customer panel with a one-time SSO link, as oneself or as a managed user. */
import { z } from 'zod';
import { Id } from '../../api/primitives.js';

export const panelChannels = {
  /**
   * Mints a one-time SSO link. `handled` is true when main opened it (a panel window or the system
   * browser), and then `url` is empty: the one-time link is a sign-in, and the page has no use for
   * it. In web mode main cannot open windows, so the renderer gets `url` and opens it itself.
   */
  'panel.open': {
    input: z.object({ connectionId: Id, accountId: Id, target: z.enum(['window', 'browser']).default('window') }).strict(),
    output: z.object({ url: z.string(), expiresAt: z.string(), handled: z.boolean() }),
  },
  /**
   * The owner looks at the panel as one of the account's managed users: the provider's one-time
   * link into a read-only, bannered and audited session. Opened where `panel.open` opens, in a
   * window (and cookie jar) of its own, so the owner's own panel session is left as it was.
   */
  'panel.viewAs': {
    input: z.object({ connectionId: Id, accountId: Id, userId: Id }).strict(),
    output: z.object({ url: z.string(), expiresAt: z.string(), handled: z.boolean() }),
  },
} as const;
