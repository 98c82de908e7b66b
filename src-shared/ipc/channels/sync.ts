/** Sync: how fresh each connection's cached accounts and invitations are, and syncing on demand. */
import { z } from 'zod';
import { Id } from '../../api/primitives.js';
import { NoInput } from '../request-parts.js';

export const SyncState = z.enum(['never', 'syncing', 'synced', 'offline', 'needs_sign_in', 'error']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  connectionId: Id,
  state: SyncState,
  syncedAt: z.string().nullable(),
  /** A sentence for the user when state is offline, needs_sign_in or error. */
  message: z.string().nullable(),
  /**
   * Set with `needs_sign_in` when signing in again met a two-factor challenge (WHMCS asks for the
   * code at every sign-in with 2FA on): the sign-in form asks for the code along with the password.
   */
  asksForCode: z.literal(true).optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const syncChannels = {
  'sync.status': { input: NoInput, output: z.array(SyncStatus) },
  'sync.now': { input: z.object({ connectionId: Id.optional() }).strict(), output: z.array(SyncStatus) },
} as const;
