import type { IpcEvent, IpcEventPayload } from '../src-shared/ipc/contract.js';

export type EventListener = <E extends IpcEvent>(event: E, payload: IpcEventPayload<E>) => void;

/** The events main pushes to every renderer (Electron window or web-mode client). */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit<E extends IpcEvent>(event: E, payload: IpcEventPayload<E>): void {
    for (const listener of this.#listeners) listener(event, payload);
  }
}
