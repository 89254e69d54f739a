import type { EventName, EventPayload } from './contract.js';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Main-side fan-out of contract events to every connected UI (Electron windows, WebSocket clients). */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener(name, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
