import { Computer, type Reply, type Request } from './compute';

type Kind = Request['type'];
type ReplyOf<K extends Kind> = Extract<Reply, { type: K }>;
type RequestBody<K extends Kind> = Omit<Extract<Request, { type: K }>, 'seq' | 'type'>;

/**
 * Talks to the analytics worker. Per kind of request at most one is in flight; a newer one waits
 * and replaces any older waiting one, so a fast brush computes the latest selection, not every
 * intermediate one. Without a worker (a sandbox that refuses one) the same code runs inline.
 */
export class ComputeClient {
  private readonly worker: Worker | null;
  private readonly inline = new Computer();
  private seq = 0;
  private readonly inFlight = new Map<Kind, { seq: number; resolve: (reply: Reply | null) => void }>();
  private readonly waiting = new Map<Kind, { request: Request; resolve: (reply: Reply | null) => void }>();
  /** Errors the page should show (a failed computation). */
  onError: (message: string) => void = () => undefined;

  constructor() {
    let worker: Worker | null;
    try {
      worker = new Worker(new URL('./analytics.worker.ts', import.meta.url), { type: 'module', name: 'analytics' });
      worker.onmessage = (event: MessageEvent<Reply>) => this.receive(event.data);
      worker.onerror = (event) => this.onError(event.message || 'the analytics worker failed');
    } catch {
      worker = null;
    }
    this.worker = worker;
  }

  get usesWorker(): boolean {
    return this.worker !== null;
  }

  /**
   * Sends a request; resolves with its reply, or null when a newer request of the same kind
   * replaced it before it was sent or it failed (reported through onError).
   */
  request<K extends Kind>(type: K, body: RequestBody<K>, transfer: Transferable[] = []): Promise<ReplyOf<K> | null> {
    const request = { ...body, type, seq: ++this.seq } as unknown as Request;
    return new Promise((resolve) => {
      const done = resolve as (reply: Reply | null) => void;
      if (this.inFlight.has(type)) {
        this.waiting.get(type)?.resolve(null);
        this.waiting.set(type, { request, resolve: done });
        return;
      }
      this.send(request, done, transfer);
    });
  }

  private send(request: Request, resolve: (reply: Reply | null) => void, transfer: Transferable[]): void {
    this.inFlight.set(request.type, { seq: request.seq, resolve });
    if (this.worker) {
      this.worker.postMessage(request, transfer);
      return;
    }
    setTimeout(() => this.receive(this.inline.handle(request).reply), 0);
  }

  private receive(reply: Reply): void {
    if (reply.type === 'error') {
      this.onError(reply.message);
      for (const [type, entry] of this.inFlight) {
        if (entry.seq !== reply.seq) continue;
        this.inFlight.delete(type);
        entry.resolve(null);
        this.next(type);
      }
      return;
    }
    const entry = this.inFlight.get(reply.type);
    if (!entry || entry.seq !== reply.seq) return;
    this.inFlight.delete(reply.type);
    entry.resolve(reply);
    this.next(reply.type);
  }

  private next(type: Kind): void {
    const waiting = this.waiting.get(type);
    if (!waiting) return;
    this.waiting.delete(type);
    this.send(waiting.request, waiting.resolve, []);
  }

  dispose(): void {
    this.worker?.terminate();
  }
}
