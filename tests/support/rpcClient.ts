import WebSocket from 'ws';

/** A JSON-RPC 2.0 client for the web host's /api, as a script or another display would use it. */
export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, (message: { result?: unknown; error?: { message: string; data?: { code: string } } }) => void>();
  readonly notifications: Array<{ method: string; params: unknown }> = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (typeof message.method === 'string') this.notifications.push(message);
      else this.pending.get(message.id)?.(message);
    });
  }

  static async connect(baseUrl: string): Promise<RpcClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new RpcClient(socket);
  }

  /** Resolves with the result, or rejects with an Error whose message starts with the error code. */
  call<T = unknown>(method: string, params: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) => {
        this.pending.delete(id);
        if (message.error) reject(new Error(`${message.error.data?.code ?? 'error'}: ${message.error.message}`));
        else resolve(message.result as T);
      });
      this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}
