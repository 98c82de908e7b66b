import type { AccountUser } from '../../src-shared/api/team.js';
import type { AccessReview } from '../../src-shared/ipc/channels/access-review.js';
import type { EventHub } from '../events.js';
import { gatherAccess, type ReviewSources } from './access-gathering.js';

/** What the team channels tell the review after a change made from the app, so its rows stay true without a new gathering. */
export interface ReviewFollower {
  userUpdated(connectionId: string, accountId: string, user: AccountUser): void;
  userRevoked(connectionId: string, accountId: string, userId: string): void;
}

export interface AccessReviewerOptions extends ReviewSources {
  events: Pick<EventHub, 'emit'>;
  clock: () => Date;
  /** Accounts asked at once, across all connections. */
  concurrency?: number;
}

const EMPTY: AccessReview = { rows: [], gaps: [], accountsReviewed: 0, gatheredAt: null };

/**
 * Keeps the last access review in memory: gathering asks every account the user runs, so it
 * happens when the view first asks, or when the user presses Refresh, never behind their back.
 * While nothing changes the same object is handed out, so the dispatcher checks 50,000 rows once.
 */
export class AccessReviewer implements ReviewFollower {
  #review: AccessReview = EMPTY;
  #running: Promise<AccessReview> | null = null;

  constructor(private readonly options: AccessReviewerOptions) {}

  async get({ refresh = false }: { refresh?: boolean } = {}): Promise<AccessReview> {
    if (this.#running) return this.#running;
    if (refresh || this.#review.gatheredAt === null) return this.#gather();
    return this.#withoutRemovedConnections();
  }

  userUpdated(connectionId: string, accountId: string, user: AccountUser): void {
    const at = this.#indexOf(connectionId, accountId, user.userId);
    if (at < 0) return;
    const rows = [...this.#review.rows];
    rows[at] = { ...rows[at]!, user };
    this.#review = { ...this.#review, rows };
  }

  userRevoked(connectionId: string, accountId: string, userId: string): void {
    const at = this.#indexOf(connectionId, accountId, userId);
    if (at < 0) return;
    this.#review = { ...this.#review, rows: this.#review.rows.filter((_, i) => i !== at) };
  }

  #gather(): Promise<AccessReview> {
    const { events, clock, concurrency = 6 } = this.options;
    this.#running = gatherAccess(this.options, { concurrency, clock, onProgress: (progress) => events.emit('accessReview.progress', progress) })
      .then((review) => (this.#review = review))
      .finally(() => (this.#running = null));
    return this.#running;
  }

  #indexOf(connectionId: string, accountId: string, userId: string): number {
    return this.#review.rows.findIndex((r) => r.connectionId === connectionId && r.account.id === accountId && r.user.userId === userId);
  }

  /** A connection removed since the gathering takes its rows and gaps with it. */
  #withoutRemovedConnections(): AccessReview {
    const present = new Set(this.options.connections.list().map((c) => c.id));
    const review = this.#review;
    if (review.rows.every((r) => present.has(r.connectionId)) && review.gaps.every((g) => present.has(g.connectionId))) return review;
    this.#review = { ...review, rows: review.rows.filter((r) => present.has(r.connectionId)), gaps: review.gaps.filter((g) => present.has(g.connectionId)) };
    return this.#review;
  }
}
