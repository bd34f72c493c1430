import { events, type EventPayload } from '../../../common/contract/contract';
import type { EventName } from '../../../common/contract/names';

export type EventSink = (event: EventName, payload: unknown) => void;

/**
 * Fans push events out to every connected client, whatever its transport. Payloads are checked
 * against the contract on the way out, so a bug in main cannot push a malformed event.
 */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const sink of this.sinks) {
      try {
        sink(event, checked);
      } catch {
        // One broken client (a closed socket, a destroyed window) must not stop the others.
      }
    }
  }
}
