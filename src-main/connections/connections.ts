import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ConnectorKind } from '../../src-shared/api/connectors.js';
import { DEMO_LABEL, type AddConnectionInput, type Connection } from '../../src-shared/ipc/channels/connections.js';
import { capabilitiesOf } from '../connectors/capabilities.js';
import { createConnector } from '../connectors/connector-registry.js';
import type { Connector, CredentialSlot } from '../connectors/connector.js';
import type { DemoProvider } from '../demo/demo-provider.js';
import { ClientdeckError } from '../errors.js';
import { MemoryFallbackVault } from '../vault/memory-fallback-vault.js';
import type { Vault } from '../vault/vault.js';
import type { ConnectionStore, StoredConnection } from './connection-store.js';
import { checkProviderUrl } from './provider-url.js';

export { DEMO_LABEL };

export interface ConnectionsOptions {
  store: ConnectionStore;
  vault: Vault;
  logger: Logger;
  demo: DemoProvider;
  /** Drops everything kept locally for a removed connection (cache, queue, marks). */
  forgetCachedData(connectionId: string): Promise<void> | void;
  /** Called whenever the stored list changed. */
  onChange(): void;
  requestTimeoutMs?: number;
}

/**
 * The user's connections: one login at one provider each. Adding signs in first and stores
 * nothing unless that worked; the secret goes to the vault, the rest to the connection store.
 */
export class Connections {
  readonly #connectors = new Map<string, { baseUrl: string; connector: Connector }>();
  /** Adds run one at a time so two identical adds cannot both pass the duplicate check. */
  #adding: Promise<unknown> = Promise.resolve();
  /** The demo must start even when the keychain stops answering: its secret may fall back to memory. */
  readonly #demoVault: Vault;

  constructor(private readonly options: ConnectionsOptions) {
    this.#demoVault = new MemoryFallbackVault(options.vault);
  }

  list(): Connection[] {
    return this.options.store.list().map((stored) => this.#described(stored));
  }

  get(id: string): Connection {
    const stored = this.options.store.find(id);
    if (!stored) throw new ClientdeckError('not_found', 'This connection no longer exists. It may have been removed in another window.');
    return this.#described(stored);
  }

  add(input: AddConnectionInput): Promise<Connection> {
    return this.#serialised(() => this.#add(input));
  }

  /** Adds (or returns the existing) connection to the embedded demo provider. */
  addDemo(): Promise<Connection> {
    return this.#serialised(async () => {
      const existing = this.list().find((c) => c.isDemo);
      if (existing) {
        await this.connectorFor(existing.id);
        return this.get(existing.id);
      }
      const baseUrl = await this.options.demo.ensureStarted();
      const { email, password } = this.options.demo.login;
      return this.#signInAndSave({ baseUrl, email, password, label: DEMO_LABEL, isDemo: true, kind: 'clientarea' });
    });
  }

  rename(id: string, label: string): Connection {
    this.get(id);
    this.options.store.update(id, { label: label.trim() });
    this.options.logger.info({ connectionId: id }, 'connection renamed');
    this.options.onChange();
    return this.get(id);
  }

  /**
   * Signs in again with a new password (after the provider refused the stored sign-in). The new
   * refresh token replaces the old one in the vault only once the provider accepted the password;
   * a wrong password changes nothing.
   */
  async reauthenticate(id: string, password: string, code?: string): Promise<Connection> {
    const connection = this.get(id);
    const { connector } = await this.connectorFor(id);
    await connector.signIn(connection.email, password, code ? { code } : {});
    this.options.logger.info({ connectionId: id }, 'connection signed in again');
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const connection = this.get(id);
    const entry = this.#connectors.get(id);
    // The keychain item goes first: if the keychain is unreachable the connection stays, so the secret is never orphaned
    // (except the demo's, whose sample login is worth nothing beyond this computer's demo provider).
    await this.#vaultOf(connection.isDemo).delete(id);
    await entry?.connector.signOut();
    this.#connectors.delete(id);
    this.options.store.remove(id);
    await this.options.forgetCachedData(id);
    this.options.logger.info({ connectionId: id, isDemo: connection.isDemo }, 'connection removed');
    this.options.onChange();
  }

  /**
   * The connector of a stored connection, reused so its in-memory access token is too. A demo
   * connection first makes sure the demo provider runs and follows it to its new port.
   */
  async connectorFor(id: string): Promise<{ connection: Connection; connector: Connector }> {
    let connection = this.get(id);
    if (connection.isDemo) {
      const baseUrl = await this.options.demo.ensureStarted();
      if (baseUrl !== connection.baseUrl) {
        this.options.store.update(id, { baseUrl });
        connection = { ...connection, baseUrl };
        this.options.onChange();
      }
    }
    const cached = this.#connectors.get(id);
    if (cached && cached.baseUrl === connection.baseUrl) return { connection, connector: cached.connector };
    const connector = this.#build(connection.kind, connection.baseUrl, id, connection.isDemo);
    this.#connectors.set(id, { baseUrl: connection.baseUrl, connector });
    return { connection, connector };
  }

  async #add(input: AddConnectionInput): Promise<Connection> {
    const baseUrl = checkProviderUrl(input.baseUrl);
    const label = input.label?.trim() || new URL(baseUrl).host;
    const kind = input.kind ?? 'clientarea';
    if (input.accessKey !== undefined && kind !== 'whmcs-admin')
      throw new ClientdeckError('invalid_message', 'An API access key belongs to a WHMCS admin API connection only. Leave it empty for this provider type.');
    return this.#signInAndSave({
      baseUrl,
      email: input.email,
      password: input.password,
      code: input.code,
      accessKey: input.accessKey,
      label,
      isDemo: false,
      kind,
    });
  }

  async #signInAndSave(draft: {
    baseUrl: string;
    email: string;
    password: string;
    code?: string | undefined;
    accessKey?: string | undefined;
    label: string;
    isDemo: boolean;
    kind: ConnectorKind;
  }): Promise<Connection> {
    const email = draft.email.trim().toLowerCase();
    const duplicate = this.list().find((c) => !c.isDemo && !draft.isDemo && c.baseUrl === draft.baseUrl && c.email === email);
    if (duplicate) {
      throw new ClientdeckError('already_exists', `You are already connected to ${new URL(draft.baseUrl).host} as ${email} (“${duplicate.label}”).`);
    }
    const id = randomUUID();
    const connector = this.#build(draft.kind, draft.baseUrl, id, draft.isDemo);
    // Sign-in writes the refresh token to the vault only once the provider accepted the password.
    // The login goes as typed: an API identifier (whmcs-admin) is case-sensitive; emails are compared lower-cased.
    await connector.signIn(draft.email.trim(), draft.password, {
      ...(draft.code ? { code: draft.code } : {}),
      ...(draft.accessKey ? { accessKey: draft.accessKey } : {}),
    });
    const connection: Connection = {
      id,
      label: draft.label,
      baseUrl: draft.baseUrl,
      kind: draft.kind,
      email,
      isDemo: draft.isDemo,
      capabilities: capabilitiesOf(connector),
      createdAt: new Date().toISOString(),
    };
    try {
      this.options.store.add(connection);
    } catch (error) {
      await this.#vaultOf(draft.isDemo)
        .delete(id)
        .catch(() => undefined);
      throw error;
    }
    this.#connectors.set(id, { baseUrl: draft.baseUrl, connector });
    this.options.logger.info({ connectionId: id, provider: new URL(draft.baseUrl).host, isDemo: draft.isDemo }, 'connection added');
    this.options.onChange();
    return connection;
  }

  /**
   * A stored connection with what it can do, read off its connector's parts: the same source the
   * handlers' capability checks and the UI's hiding rely on.
   */
  #described(stored: StoredConnection): Connection {
    return { ...stored, capabilities: capabilitiesOf(this.#connectorOf(stored)) };
  }

  /** The connector kept for a connection, built without any request when there is none yet. */
  #connectorOf(stored: StoredConnection): Connector {
    const cached = this.#connectors.get(stored.id);
    if (cached) return cached.connector;
    const connector = this.#build(stored.kind, stored.baseUrl, stored.id, stored.isDemo);
    this.#connectors.set(stored.id, { baseUrl: stored.baseUrl, connector });
    return connector;
  }

  #build(kind: ConnectorKind, baseUrl: string, id: string, isDemo: boolean): Connector {
    const { store } = this.options;
    const vault = this.#vaultOf(isDemo);
    const credentials: CredentialSlot = { read: () => vault.get(id), write: (secret) => vault.set(id, secret) };
    return createConnector(kind, {
      baseUrl,
      credentials,
      // Errors name the connection as the user calls it; a provider being added has no name yet
      // and is named by its host, except the demo, whose name is known from the start.
      name: () => store.find(id)?.label ?? (isDemo ? DEMO_LABEL : null),
      logger: this.options.logger,
      timeoutMs: this.options.requestTimeoutMs,
      fallbackLogin: isDemo ? this.options.demo.login : undefined,
    });
  }

  #vaultOf(isDemo: boolean): Vault {
    return isDemo ? this.#demoVault : this.options.vault;
  }

  #serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#adding.then(task, task);
    this.#adding = run.catch(() => undefined);
    return run;
  }
}
