import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { VaultStatus } from '../../src-shared/ipc/channels/vault.js';
import type { AccessRequestInbox } from '../access-requests/request-inbox.js';
import type { AccessReviewer, ReviewFollower } from '../access-review/access-reviewer.js';
import type { AccountMarks } from '../accounts/account-marks.js';
import type { BulkRuns } from '../bulk/bulk-runs.js';
import type { Connections } from '../connections/connections.js';
import type { PanelCookie } from '../connectors/connector.js';
import type { EventHub } from '../events.js';
import type { InvitationAnswers } from '../queue/invitation-answers.js';
import type { Reconciler } from '../reconcile/reconciler.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { AccountCache } from '../sync/account-cache.js';
import type { SyncEngine } from '../sync/sync-engine.js';

/** Opens a minted SSO link where the user asked; returns false when it cannot (web mode). */
export interface PanelOpener {
  /** Brings an account's panel window to the front when one is open already; false when none is. */
  focus?(connectionId: string, accountId: string): boolean;
  open(request: {
    url: string;
    target: 'window' | 'browser';
    connection: Connection;
    account: { id: string; name: string };
    /** A session handed over (WHMCS): set into the window's partition before its first page. */
    cookies?: PanelCookie[];
    /** The first page is this form posted to `url` (WHMCS's Switch Account), not a GET. */
    form?: Record<string, string>;
  }): Promise<boolean>;
}

/** Saves a file the user exported where they choose (the shell's save dialog); null in web mode, where the page downloads it. */
export interface FileSaver {
  /** False when the user cancelled the dialog. */
  save(file: { fileName: string; content: string; kind: 'csv' }): Promise<boolean>;
}

export interface HandlerDeps {
  connections: Connections;
  sync: SyncEngine;
  cache: AccountCache;
  events: EventHub;
  marks: AccountMarks;
  settings: SettingsStore;
  answers: InvitationAnswers;
  bulk: BulkRuns;
  vaultStatus(): Promise<VaultStatus>;
  panelOpener: PanelOpener | null;
  fileSaver: FileSaver | null;
  accessReview: AccessReviewer;
  clock: () => Date;
  /** Decides when syncs and queue replays run after what a channel did. */
  reconciler: Pick<Reconciler, 'refresh' | 'syncNow'>;
  /** The open access requests each connection's last sync found. */
  accessRequests: AccessRequestInbox;
}

/** What the owner actions (team, managed users, contacts, audit, products) need. */
export interface OwnerHandlerDeps {
  connections: Connections;
  cache: AccountCache;
  events: EventHub;
  /** Told about changes of access made from the app, so the access review's rows follow. */
  review?: ReviewFollower;
}
