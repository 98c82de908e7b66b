import type { IpcEvent, IpcEventPayload } from '../src-shared/ipc/events.js';

export type EventListener = <E extends IpcEvent>(event: E, payload: IpcEventPayload<E>) => void;
type ChangedList = IpcEventPayload<'data.changed'>['lists'][number];

const COALESCE_MS = 25;

/** The events main pushes to every renderer (Electron window or web-mode client). */
export class EventHub {
  readonly #listeners = new Set<EventListener>();
  #pendingLists: Set<ChangedList> | null = null;

  on(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit<E extends IpcEvent>(event: E, payload: IpcEventPayload<E>): void {
    for (const listener of this.#listeners) listener(event, payload);
  }

  /**
   * Says which lists changed, coalesced over a few milliseconds: replaying a thousand queued
   * answers makes a few dozen `data.changed` events, not three thousand.
   */
  changed(lists: readonly ChangedList[]): void {
    if (this.#pendingLists) {
      for (const list of lists) this.#pendingLists.add(list);
      return;
    }
    this.#pendingLists = new Set(lists);
    setTimeout(() => {
      const pending = this.#pendingLists;
      this.#pendingLists = null;
      if (pending && pending.size > 0) this.emit('data.changed', { lists: [...pending] });
    }, COALESCE_MS).unref();
  }
}
