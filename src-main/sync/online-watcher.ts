/**
 * Tells the core that providers may be reachable again, so it syncs and replays the queue at
 * once instead of at the next periodic sync. `connectionId` names the provider that answered
 * again; without it, the network as a whole came back (every offline connection is worth a try).
 */
export interface OnlineWatcher {
  start(onOnline: (connectionId?: string) => void): () => void;
}

/** Turns a series of "is it online?" samples into the moments it came back (offline → online). */
export class OnlineTransitions {
  #last: boolean | null = null;

  /** True when this sample ends an offline spell; the first sample never does. */
  observe(online: boolean): boolean {
    const cameBack = this.#last === false && online;
    this.#last = online;
    return cameBack;
  }
}

export interface ProbeTargets {
  /** Connections currently believed unreachable. */
  offline(): string[];
  /** True when the connection's provider answers at all. */
  probe(connectionId: string): Promise<boolean>;
}

/**
 * The watcher for Node (web mode) and a complement in the shell: every `intervalMs`, asks each
 * provider believed offline whether it answers (one small request each; nothing when all are
 * online), and reports those that do.
 */
export class ReachabilityProbe implements OnlineWatcher {
  constructor(
    private readonly targets: ProbeTargets,
    private readonly intervalMs: number,
  ) {}

  start(onOnline: (connectionId?: string) => void): () => void {
    const probing = new Set<string>();
    const tick = () => {
      for (const id of this.targets.offline()) {
        if (probing.has(id)) continue;
        probing.add(id);
        void this.targets
          .probe(id)
          .catch(() => false)
          .then((answered) => {
            if (answered) onOnline(id);
          })
          .finally(() => probing.delete(id));
      }
    };
    const timer = setInterval(tick, this.intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
