/**
 * The IPC contract between the renderer and the main process, written once. Main validates every
 * request against it (in Electron and in web mode alike); the renderer's bridge is typed by it.
 * Nothing here ever carries a password back to the renderer or a token at all.
 *
 * Each area's channels live in `channels/<area>.ts` (the channel `area.action`; `account.products`
 * in `products.ts`), their handlers in `src-main/ipc/handlers/<area>.ts`.
 */
import type { z } from 'zod';
import { accessReviewChannels } from './channels/access-review.js';
import { accessPolicyChannels } from './channels/access-policy.js';
import { accessRequestsChannels } from './channels/access-requests.js';
import { accountsChannels } from './channels/accounts.js';
import { auditChannels } from './channels/audit.js';
import { bulkChannels } from './channels/bulk.js';
import { connectionsChannels } from './channels/connections.js';
import { contactsChannels } from './channels/contacts.js';
import { invitationsChannels } from './channels/invitations.js';
import { managedUsersChannels } from './channels/managed-users.js';
import { panelChannels } from './channels/panel.js';
import { productsChannels } from './channels/products.js';
import { queueChannels } from './channels/queue.js';
import { settingsChannels } from './channels/settings.js';
import { syncChannels } from './channels/sync.js';
import { teamChannels } from './channels/team.js';
import { vaultChannels } from './channels/vault.js';
import type { IpcReply } from './errors.js';
import type { IpcEvent, IpcEventPayload } from './events.js';

/** Every request channel: its input schema and the shape of its result. */
export const ipcContract = {
  ...connectionsChannels,
  ...syncChannels,
  ...accountsChannels,
  ...invitationsChannels,
  ...queueChannels,
  ...settingsChannels,
  ...vaultChannels,
  ...panelChannels,
  // What an owner (or an admin with `users.manage`) does to an account they run.
  ...teamChannels,
  ...managedUsersChannels,
  ...contactsChannels,
  ...auditChannels,
  ...productsChannels,
  ...bulkChannels,
  ...accessPolicyChannels,
  ...accessRequestsChannels,
  // Across every account the user runs: who has access (reads through the team part).
  ...accessReviewChannels,
} as const;

export type IpcChannel = keyof typeof ipcContract;
export type IpcInput<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['input']>;
export type IpcOutput<C extends IpcChannel> = z.infer<(typeof ipcContract)[C]['output']>;
export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];

/** What the preload exposes as `window.clientdeck`, and what the web-mode bridge implements too. */
export interface ClientdeckBridge {
  invoke<C extends IpcChannel>(channel: C, input: IpcInput<C>): Promise<IpcReply<IpcOutput<C>>>;
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
}
