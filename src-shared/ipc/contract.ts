/**
 * The IPC contract between the renderer and the main process, written once. Main validates every
 * request against it (in Electron and in web mode alike); the renderer's bridge is typed by it.
 * Nothing here ever carries a password back to the renderer or a token at all.
 */
import { z } from 'zod';
import { Account, IncomingInvitation } from '../api/schemas.js';
import { teamChannels } from './team-channels.js';

const Id = z.string().min(1).max(128);

export const CONNECTOR_KINDS = ['clientarea'] as const;
export const ConnectorKind = z.enum(CONNECTOR_KINDS);

/** What a connector can do; the UI hides what a connection's connector cannot. */
export const Capability = z.enum([
  'accounts.list',
  'invitations.incoming',
  'invitations.answer',
  'users.manage',
  'contacts',
  'managed_users',
  'audit',
  'sso',
  /** Lists an account's services and domains (e.g. to scope a grant). */
  'products',
]);
export type Capability = z.infer<typeof Capability>;

export const Connection = z.object({
  id: Id,
  label: z.string(),
  baseUrl: z.string(),
  kind: ConnectorKind,
  email: z.string(),
  isDemo: z.boolean(),
  capabilities: z.array(Capability),
  createdAt: z.string(),
});
export type Connection = z.infer<typeof Connection>;

export const SyncState = z.enum(['never', 'syncing', 'synced', 'offline', 'needs_sign_in', 'error']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  connectionId: Id,
  state: SyncState,
  syncedAt: z.string().nullable(),
  /** A sentence for the user when state is offline, needs_sign_in or error. */
  message: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const AccountRow = Account.extend({
  connectionId: Id,
  providerLabel: z.string(),
  /** Kept by Clientdeck, not the provider. */
  favourite: z.boolean().default(false),
  lastOpenedAt: z.string().nullable().default(null),
  /** Domain names of the account when the provider lists them, for search. */
  domains: z.array(z.string()).default([]),
});
export type AccountRow = z.infer<typeof AccountRow>;

/** The life of a write made from the app, stored durably before any network call (DESIGN §4). */
export const QueuedActionState = z.enum(['queued', 'sending', 'done', 'rejected']);
export type QueuedActionState = z.infer<typeof QueuedActionState>;

export const QueuedAction = z.object({
  id: Id,
  connectionId: Id,
  kind: z.enum(['invitation.answer']),
  /** What the user sees the action as, e.g. "Accept invitation to Bellini Ristorante". */
  summary: z.string(),
  invitationId: Id.nullable(),
  answer: z.enum(['accept', 'decline']).nullable(),
  state: QueuedActionState,
  /** The provider's reason when rejected (expired, cancelled, access revoked...). */
  reason: z.string().nullable(),
  reasonCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QueuedAction = z.infer<typeof QueuedAction>;

export const InvitationRow = IncomingInvitation.extend({
  connectionId: Id,
  providerLabel: z.string(),
  /** The user's answer while it waits in the offline queue or after it was rejected. */
  pendingAnswer: QueuedAction.nullable().default(null),
});
export type InvitationRow = z.infer<typeof InvitationRow>;

const NoInput = z.object({}).strict();

export const AddConnectionInput = z
  .object({
    baseUrl: z.string().trim().min(1).max(2048),
    email: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(1024),
    label: z.string().trim().max(100).optional(),
  })
  .strict();
export type AddConnectionInput = z.infer<typeof AddConnectionInput>;

/**
 * Where connection secrets are kept: the OS keychain (keytar), Electron safeStorage (encrypted
 * files in the data dir, when no keychain answers), or nowhere (neither exists: sign-ins cannot be
 * stored, and `message` says why and what to install).
 */
export const VaultBackend = z.enum(['keychain', 'safe_storage', 'none']);
export const VaultStatus = z.object({ backend: VaultBackend, message: z.string().nullable() });
export type VaultStatus = z.infer<typeof VaultStatus>;

/** A place in the app a deep link or a notification leads to. */
export const NavigateTarget = z.object({
  view: z.enum(['accounts', 'invitations', 'connections', 'account']),
  connectionId: Id.optional(),
  accountId: Id.optional(),
  invitationId: Id.optional(),
});
export type NavigateTarget = z.infer<typeof NavigateTarget>;

export const Theme = z.enum(['light', 'dark', 'system']);
export const Language = z.enum(['en', 'it', 'fr', 'pl']);
export const Settings = z.object({ language: Language.nullable(), theme: Theme });
export type Settings = z.infer<typeof Settings>;

/** Every request channel: its input schema and the shape of its result. */
export const ipcContract = {
  ...teamChannels,
  'connections.rename': {
    input: z.object({ connectionId: Id, label: z.string().trim().min(1).max(100) }).strict(),
    output: Connection,
  },
  /** Signs in again with a new password after the provider refused the stored credentials. */
  'connections.reauthenticate': {
    input: z.object({ connectionId: Id, password: z.string().min(1).max(1024) }).strict(),
    output: Connection,
  },
  'accounts.setFavourite': {
    input: z.object({ connectionId: Id, accountId: Id, favourite: z.boolean() }).strict(),
    output: z.object({ favourite: z.boolean() }),
  },
  'queue.list': { input: NoInput, output: z.array(QueuedAction) },
  /** Forgets a finished (done or rejected) queued action the user has seen. */
  'queue.dismiss': { input: z.object({ actionId: Id }).strict(), output: z.object({ dismissed: z.literal(true) }) },
  'settings.get': { input: NoInput, output: Settings },
  /** Which store keeps the sign-ins, and a sentence when it is not the OS keychain. */
  'vault.status': { input: NoInput, output: VaultStatus },
  'settings.update': { input: Settings.partial().strict(), output: Settings },
  'connections.list': { input: NoInput, output: z.array(Connection) },
  'connections.add': { input: AddConnectionInput, output: Connection },
  /** Starts the embedded reference client area (if needed) and signs in with its demo agency login. */
  'connections.addDemo': { input: NoInput, output: Connection },
  'connections.remove': { input: z.object({ connectionId: Id }).strict(), output: z.object({ removed: z.literal(true) }) },
  'sync.status': { input: NoInput, output: z.array(SyncStatus) },
  'sync.now': { input: z.object({ connectionId: Id.optional() }).strict(), output: z.array(SyncStatus) },
  'accounts.list': { input: NoInput, output: z.array(AccountRow) },
  'invitations.list': { input: NoInput, output: z.array(InvitationRow) },
  'invitations.answer': {
    input: z.object({ connectionId: Id, invitationId: Id, answer: z.enum(['accept', 'decline']) }).strict(),
    output: InvitationRow,
  },
  /**
   * Mints a one-time SSO link. `handled` is true when main opened it (a panel window or the system
   * browser); in web mode main cannot open windows, so the renderer opens `url` itself.
   */
  'panel.open': {
    input: z.object({ connectionId: Id, accountId: Id, target: z.enum(['window', 'browser']).default('window') }).strict(),
    output: z.object({ url: z.string(), expiresAt: z.string(), handled: z.boolean() }),
  },
} as const;

export type IpcChannel = keyof typeof ipcContract;
export type IpcInput<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['input']>;
export type IpcOutput<C extends IpcChannel> = z.infer<(typeof ipcContract)[C]['output']>;
export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];

/** Events main pushes to the renderer. */
export const ipcEvents = {
  'sync.changed': z.array(SyncStatus),
  /** Tells the renderer which lists to fetch again. */
  'data.changed': z.object({ lists: z.array(z.enum(['connections', 'accounts', 'invitations', 'queue', 'settings'])) }),
  /** A `clientdeck://` deep link asked the app to show something (e.g. an invitation from a mail). */
  navigate: NavigateTarget,
  /**
   * Something the user should hear about (new incoming invitations, a queued answer that went
   * through or was refused, where sign-ins are stored). The desktop shell shows it as a system
   * notification; a renderer may show it too.
   */
  notification: z.object({ id: z.string(), title: z.string(), body: z.string(), navigate: NavigateTarget.nullable() }),
} as const;
export type IpcEvent = keyof typeof ipcEvents;
export type IpcEventPayload<E extends IpcEvent> = z.infer<(typeof ipcEvents)[E]>;

/** Error codes a request can end with; each travels with a sentence the user understands. */
export const IPC_ERROR_CODES = [
  'invalid_message',
  'unknown_channel',
  'insecure_url',
  'invalid_url',
  'wrong_credentials',
  'provider_unreachable',
  'provider_error',
  'needs_sign_in',
  'keychain_unavailable',
  'not_found',
  'already_exists',
  'invitation_not_pending',
  'forbidden',
  'conflict',
  'not_supported',
  'internal_error',
] as const;
export const IpcErrorCode = z.enum(IPC_ERROR_CODES);
export type IpcErrorCode = z.infer<typeof IpcErrorCode>;

export const IpcError = z.object({ code: IpcErrorCode, message: z.string() });
export type IpcError = z.infer<typeof IpcError>;

/** The envelope every reply travels in, so errors survive Electron's and WebSocket's serialisation alike. */
export type IpcReply<T> = { ok: true; result: T } | { ok: false; error: IpcError };

/** What the preload exposes as `window.clientdeck`, and what the web-mode bridge implements too. */
export interface ClientdeckBridge {
  invoke<C extends IpcChannel>(channel: C, input: IpcInput<C>): Promise<IpcReply<IpcOutput<C>>>;
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
}

/** The web-mode wire format over the loopback WebSocket. */
export const WireRequest = z.object({ id: z.number().int(), channel: z.string().max(100), input: z.unknown() }).strict();
export type WireMessage = { kind: 'reply'; id: number; reply: IpcReply<unknown> } | { kind: 'event'; event: IpcEvent; payload: unknown };
