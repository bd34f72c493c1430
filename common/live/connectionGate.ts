/**
 * Lets only a few connection handshakes per endpoint be in flight at once; the rest wait their
 * turn in order. Pure: no timers and no sockets; the owner starts a connection when `request`
 * (or a later `release`) says so, and releases the slot when the handshake ends either way.
 *
 * Why: Chromium opens WebSockets to one host:port one at a time (RFC 6455 §4.1), and its
 * per-renderer throttle delays every new WebSocket by a time that doubles with each one already
 * pending (WebSocketPerProcessThrottler: random 1–5 s × 2^pending / 65536). A 16-tile layout
 * switch that creates 16 sockets at once thus waits up to seconds for its last tiles (measured:
 * 0.5–2 s). Queuing them here keeps the pending count, and so that delay, near zero; since the
 * browser serialises handshakes to one endpoint anyway, the queue costs nothing.
 */
export interface GateTicket {
  readonly key: string;
  readonly id: number;
}

interface Waiting {
  ticket: GateTicket;
  start: () => void;
}

export const DEFAULT_HANDSHAKES_PER_ENDPOINT = 2;

export class ConnectionGate {
  private readonly active = new Map<string, Set<number>>();
  private readonly queued = new Map<string, Waiting[]>();
  private nextId = 1;

  constructor(private readonly perEndpoint = DEFAULT_HANDSHAKES_PER_ENDPOINT) {
    if (!Number.isInteger(perEndpoint) || perEndpoint < 1) throw new RangeError(`perEndpoint must be a positive integer, not ${perEndpoint}`);
  }

  /** Calls `start` now if a slot is free for `key`, else when one frees up. */
  request(key: string, start: () => void): GateTicket {
    const ticket: GateTicket = { key, id: this.nextId++ };
    const active = this.active.get(key) ?? new Set<number>();
    this.active.set(key, active);
    if (active.size < this.perEndpoint) {
      active.add(ticket.id);
      start();
    } else {
      const queue = this.queued.get(key) ?? [];
      queue.push({ ticket, start });
      this.queued.set(key, queue);
    }
    return ticket;
  }

  /**
   * The handshake ended (opened, failed, or was abandoned before it started). Releasing a queued
   * ticket withdraws it; releasing twice is harmless, so every exit path may call it.
   */
  release(ticket: GateTicket): void {
    const queue = this.queued.get(ticket.key);
    const index = queue?.findIndex((w) => w.ticket.id === ticket.id) ?? -1;
    if (queue && index >= 0) {
      queue.splice(index, 1);
      if (queue.length === 0) this.queued.delete(ticket.key);
      return;
    }
    const active = this.active.get(ticket.key);
    if (!active?.delete(ticket.id)) return;
    const next = queue?.shift();
    if (queue?.length === 0) this.queued.delete(ticket.key);
    if (next) {
      active.add(next.ticket.id);
      next.start();
    } else if (active.size === 0) {
      this.active.delete(ticket.key);
    }
  }

  /** Handshakes in flight and waiting for `key` (for the debug counters and tests). */
  counts(key: string): { active: number; queued: number } {
    return { active: this.active.get(key)?.size ?? 0, queued: this.queued.get(key)?.length ?? 0 };
  }
}

/** The endpoint a URL connects to, as the browser keys its handshake lock: host and port. */
export function endpointKey(url: string): string {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'wss:' || u.protocol === 'https:' ? '443' : '80');
    return `${u.hostname}:${port}`;
  } catch {
    return url;
  }
}
