import type { EventPayload, MethodInput, MethodOutput } from '../../../common/contract/contract';
import { fromJsonRpcError } from '../../../common/contract/jsonRpc';
import { EVENT_NAMES, type EventName, type MethodName } from '../../../common/contract/names';
import type { Result } from '../../../common/contract/result';
import type { WallApi } from '../../../common/contract/wallApi';

export type ConnectionState = 'connecting' | 'open' | 'closed';

interface Pending {
  resolve: (result: Result<unknown>) => void;
}

/**
 * The contract over the web host's WebSocket (JSON-RPC 2.0). Calls made while disconnected wait
 * for the socket; a call in flight when the socket drops fails with 'unavailable' (the caller
 * decides whether to retry). The socket reconnects on its own with a capped backoff.
 */
export class WsWallApi implements WallApi {
  readonly transport = 'ws' as const;
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: string[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private retryMs = 250;
  private closed = false;
  state: ConnectionState = 'connecting';

  constructor(private readonly url: string) {
    this.open();
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.setState('connecting');
    socket.onopen = () => {
      this.retryMs = 250;
      this.setState('open');
      for (const message of this.queue.splice(0)) socket.send(message);
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = () => {
      for (const [id, p] of this.pending) {
        p.resolve({ ok: false, error: { code: 'unavailable', message: 'connection to the Atalaya host lost' } });
        this.pending.delete(id);
      }
      if (this.closed) return;
      this.setState('closed');
      setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
  }

  private receive(text: string): void {
    let message: { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message.method === 'string') {
      if (!(EVENT_NAMES as readonly string[]).includes(message.method)) return;
      for (const listener of this.listeners.get(message.method as EventName) ?? []) listener(message.params as never);
      return;
    }
    if (typeof message.id !== 'number') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    pending.resolve(message.error !== undefined ? { ok: false, error: fromJsonRpcError(message.error) } : { ok: true, value: message.result });
  }

  call<M extends MethodName>(method: M, params: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    const id = this.nextId++;
    const message = JSON.stringify({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'] });
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(message);
      else this.queue.push(message);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }
}
