import type { Logger } from 'pino';
import type { InvitationAnswerResponse } from '../../src-shared/api/invitations.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { ListedInvitation } from '../../src-shared/ipc/channels/invitations.js';
import type { QueuedAction } from '../../src-shared/ipc/channels/queue.js';
import { IPC_ERROR_CODES, type IpcErrorCode } from '../../src-shared/ipc/errors.js';
import type { Connections } from '../connections/connections.js';
import { capabilityMissing } from '../connectors/capabilities.js';
import { invitationIdFromLink } from '../connectors/connector-registry.js';
import { ClientdeckError } from '../errors.js';
import type { EventHub } from '../events.js';
import { notificationForSettledAnswer } from '../notifications/notifier.js';
import type { AccountCache } from '../sync/account-cache.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import { invitationKey, type QueueStore, type StoredAction } from './queue-store.js';
import type { SentOutcome } from './action-sending.js';
import type { InvitationAnswer } from '../../src-shared/api/primitives.js';

export interface InvitationAnswersOptions {
  store: QueueStore;
  connections: Connections;
  cache: AccountCache;
  sync: SyncEngine;
  events: EventHub;
  logger: Logger;
  /** How long an answer made while the provider seems reachable waits for its outcome before it returns as queued. */
  answerWaitMs?: number;
  /** What happens after an answer is queued or refused, decided by the reconciler. */
  followUp: AnswerFollowUp;
}

export interface AnswerFollowUp {
  /** Sends what waits in the connection's queue now; resolves when it was gone through. */
  answerQueued(connectionId: string): Promise<void>;
  /** Syncs in the background, to show a refused invitation's new state. */
  refresh(connectionId: string): void;
}

/**
 * Answers to incoming invitations, always through the durable queue: the answer is stored with
 * its idempotency key first, then sent at once when the provider seems reachable. When the
 * outcome arrives while the user waits, they get it as the reply (a refusal as an error); when it
 * arrives later (replay after being offline), a notification tells them.
 */
export class InvitationAnswers {
  /** Actions whose outcome the user is waiting for in the reply: no notification for them. */
  readonly #awaited = new Set<string>();
  readonly #answerWaitMs: number;

  constructor(private readonly options: InvitationAnswersOptions) {
    this.#answerWaitMs = options.answerWaitMs ?? 8_000;
  }

  async answer(connectionId: string, invitationId: string, answer: InvitationAnswer): Promise<ListedInvitation> {
    const connection = this.options.connections.get(connectionId);
    if (!connection.capabilities.includes('invitations.answer')) {
      throw capabilityMissing(connection.label, 'answer invitations');
    }
    const invitation = this.options.cache.read(connectionId).invitations.find((i) => i.id === invitationId);
    if (!invitation) {
      throw new ClientdeckError('not_found', 'Clientdeck does not know this invitation (it may have been withdrawn). Sync and try again.');
    }
    const summary = `${answer === 'accept' ? 'Accept' : 'Decline'} invitation to ${invitation.account.name}`;
    const { action } = this.options.store.enqueueAnswer({ connectionId, invitationId, answer, summary });
    this.options.events.changed(['queue', 'invitations']);

    // A provider known to be offline is not asked: the answer shows as queued at once, and the
    // online watcher replays it when the provider answers again.
    const offline = this.options.sync.status(connectionId).state === 'offline';
    if (!offline) {
      this.#awaited.add(action.id);
      await Promise.race([this.options.followUp.answerQueued(connectionId), delay(this.#answerWaitMs)]);
      this.#awaited.delete(action.id);
    }

    const current = this.options.store.get(action.id) ?? action;
    if (current.state === 'rejected' && !offline) {
      // The user is told in the reply; a refused answer they saw need not linger in the queue.
      this.dismiss(current.id);
      throw new ClientdeckError(ipcCodeFor(current.reasonCode), current.reason ?? 'The provider refused this answer.');
    }
    if (current.state === 'done' && !offline) this.dismiss(current.id);
    return this.#row(connection, invitationId, current);
  }

  /**
   * Accepts an invitation from its mailed link, for providers that keep no list for the invitee
   * (WHMCS). The link's invitation is added to the cached list as pending, so the answer goes
   * through the same durable queue, replay and notifications as any other.
   */
  async answerLink(connectionId: string, link: string, now: Date = new Date()): Promise<ListedInvitation> {
    const connection = this.options.connections.get(connectionId);
    if (!connection.capabilities.includes('invitations.answer')) throw capabilityMissing(connection.label, 'answer invitations');
    const provider = new URL(connection.baseUrl).host;
    let host: string | null;
    try {
      host = new URL(link.trim()).host;
    } catch {
      host = null;
    }
    const invitationId = invitationIdFromLink(connection.kind, link);
    if (!invitationId || host === null)
      throw new ClientdeckError('invalid_url', `This is not an invitation link Clientdeck can follow for ${connection.label}.`);
    if (host !== provider)
      throw new ClientdeckError(
        'invalid_url',
        `This invitation link is for ${host}, not ${provider}. Paste it into the connection of the provider that sent it.`,
      );
    const pending = {
      id: invitationId,
      account: { id: invitationId, name: `Invitation link from ${provider}` },
      invitedBy: { name: '', email: '' },
      role: 'member' as const,
      permissions: [],
      scope: null,
      status: 'pending' as const,
      createdAt: now.toISOString(),
      expiresAt: now.toISOString(),
    };
    await this.options.cache.update(connectionId, (cached) =>
      cached.invitations.some((i) => i.id === invitationId) ? cached : { ...cached, invitations: [...cached.invitations, pending] },
    );
    return this.answer(connectionId, invitationId, 'accept');
  }

  /** Incoming invitations of every connection, each with the user's answer while it waits or after it was refused. */
  rows(): ListedInvitation[] {
    const latest = this.options.store.latestByInvitation();
    return this.options.connections.list().flatMap((c) =>
      this.options.cache.read(c.id).invitations.map((i) => ({
        ...i,
        connectionId: c.id,
        providerLabel: c.label,
        pendingAnswer: latest.get(invitationKey(c.id, i.id)) ?? null,
      })),
    );
  }

  list(): QueuedAction[] {
    return this.options.store.list();
  }

  dismiss(actionId: string): void {
    this.options.store.dismiss(actionId);
    this.options.events.changed(['queue', 'invitations']);
  }

  forgetConnection(connectionId: string): void {
    this.options.store.removeConnection(connectionId);
  }

  #row(connection: Connection, invitationId: string, action: StoredAction): ListedInvitation {
    const invitation = this.options.cache.read(connection.id).invitations.find((i) => i.id === invitationId);
    if (!invitation) throw new ClientdeckError('not_found', 'This invitation is no longer listed by the provider.');
    return { ...invitation, connectionId: connection.id, providerLabel: connection.label, pendingAnswer: action };
  }

  /** The replayer settled an answer: `outcome` is the provider's answer when it went through, null when refused. */
  async settled(action: StoredAction, outcome: SentOutcome | null, connection: Connection): Promise<void> {
    const answer: InvitationAnswerResponse | null = outcome?.kind === 'invitation.answer' ? outcome.answer : null;
    let accountName = this.options.cache.read(connection.id).invitations.find((i) => i.id === action.invitationId)?.account.name ?? null;
    if (answer) {
      // Reflect the outcome at once; the next sync confirms it from the provider.
      accountName = answer.invitation.account.name;
      const account = answer.account;
      await this.options.cache.update(connection.id, (cached) => {
        const invitations = cached.invitations.some((i) => i.id === answer.invitation.id)
          ? cached.invitations.map((i) => (i.id === answer.invitation.id ? answer.invitation : i))
          : [...cached.invitations, answer.invitation];
        const accounts = account ? [...cached.accounts.filter((a) => a.id !== account.id), account] : cached.accounts;
        return { ...cached, accounts, invitations };
      });
      this.options.events.changed(account ? ['accounts', 'invitations', 'queue'] : ['invitations', 'queue']);
    } else {
      // Refused: the provider's view of the invitation (expired, cancelled...) comes with a sync.
      this.options.followUp.refresh(connection.id);
    }
    if (this.#awaited.has(action.id)) return;
    const notification = notificationForSettledAnswer(action, accountName, connection.label);
    if (notification) this.options.events.emit('notification', notification);
  }
}

const IPC_CODES = new Set<string>(IPC_ERROR_CODES);

/** The error a refused answer becomes in the reply: the provider's own code where main knows it. */
function ipcCodeFor(reasonCode: string | null): IpcErrorCode {
  if (reasonCode && IPC_CODES.has(reasonCode)) return reasonCode as IpcErrorCode;
  if (reasonCode?.startsWith('invitation_')) return 'invitation_not_pending';
  return 'provider_error';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
