import type { Account, IncomingInvitation, InvitationAnswerResponse, SsoLink, User } from '../../src-shared/api/schemas.js';
import type { Capability, Connection } from '../../src-shared/ipc/contract.js';

export type ConnectorKind = Connection['kind'];

/**
 * Where a connector keeps the connection's long-lived secret (the refresh token). It is the vault
 * in the app; the connector itself keeps access tokens in memory only.
 */
export interface CredentialSlot {
  read(): Promise<string | null>;
  write(secret: string): Promise<void>;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * One provider platform. Each implementation declares what it can do; the UI hides the rest.
 * Every method throws `ClientdeckError` with a user sentence on failure.
 */
export interface Connector {
  readonly kind: ConnectorKind;
  readonly capabilities: readonly Capability[];
  /** Signs in and stores the resulting secret in the credential slot. */
  signIn(email: string, password: string, options?: RequestOptions): Promise<User>;
  /** Obtains a fresh access token from the stored secret (rotating it where the platform does). */
  refresh(options?: RequestOptions): Promise<void>;
  /** Ends the provider-side session; best effort, never throws. */
  signOut(): Promise<void>;
  listAccounts(options?: RequestOptions): Promise<Account[]>;
  listIncomingInvitations(options?: RequestOptions): Promise<IncomingInvitation[]>;
  answerInvitation(invitationId: string, answer: 'accept' | 'decline', idempotencyKey: string): Promise<InvitationAnswerResponse>;
  createSsoLink(accountId: string): Promise<SsoLink>;
}
