import { decodeMuxFrame, muxServerMessageSchema, type MuxClientMessage, type MuxEndCode } from '../../../common/live/streamMux';

export interface ChannelHandlers {
  data(chunk: ArrayBuffer): void;
  /** The host ended the stream (camera closed it, not found, not allowed…). */
  end(code: MuxEndCode, message: string): void;
  /** The connection to the host broke: the stream is gone. */
  error(message: string): void;
}

export interface MuxChannel {
  close(): void;
}

/**
 * The page's side of the host's stream multiplexer (common/live/streamMux.ts): one socket per
 * host + session, shared by every tile, opened on first use and kept while the page lives so a
 * layout switch needs no handshake. When it breaks, every channel on it errors (each tile then
 * reconnects on its own backoff, which opens a new socket).
 */
class MuxConnection {
  private readonly ws: WebSocket;
  private readonly channels = new Map<number, ChannelHandlers>();
  private readonly unsent: MuxClientMessage[] = [];
  private nextChannel = 1;
  private broken = false;

  constructor(
    readonly url: string,
    private readonly onBroken: (connection: MuxConnection) => void,
  ) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.ws.onopen = () => {
      for (const message of this.unsent.splice(0)) this.ws.send(JSON.stringify(message));
    };
    this.ws.onmessage = (event) => this.receive(event.data);
    this.ws.onerror = () => this.break('the stream connection to the host failed');
    this.ws.onclose = (event) => this.break(`the stream connection to the host closed${event.reason ? `: ${event.reason}` : ` (${event.code})`}`);
  }

  get usable(): boolean {
    return !this.broken;
  }

  get openChannels(): number {
    return this.channels.size;
  }

  /** Closes the socket if no stream uses it (a session token changed, so the page has a new one). */
  closeIfIdle(): void {
    if (this.channels.size === 0) this.break('no longer used');
  }

  open(camera: string, stream: number, keyframes: boolean, handlers: ChannelHandlers): MuxChannel {
    const ch = this.nextChannel++;
    this.channels.set(ch, handlers);
    this.send({ op: 'open', ch, camera, stream, ...(keyframes ? { keyframes } : {}) });
    return {
      close: () => {
        if (!this.channels.delete(ch)) return;
        this.send({ op: 'close', ch });
      },
    };
  }

  private send(message: MuxClientMessage): void {
    if (this.broken) return;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
    else this.unsent.push(message);
  }

  private receive(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      const frame = decodeMuxFrame(data);
      if (!frame) return;
      // Bytes still in flight for a channel this page has closed are dropped here.
      const handlers = this.channels.get(frame.ch);
      if (handlers) handlers.data(data.slice(frame.payload.byteOffset));
      return;
    }
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = muxServerMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.op === 'end') {
      const handlers = this.channels.get(message.ch);
      this.channels.delete(message.ch);
      handlers?.end(message.code, message.message);
    } else {
      // A message the host refused: ours are built from checked values, so this is a bug; say so.
      console.error(`stream multiplexer: ${message.message}`);
    }
  }

  private break(reason: string): void {
    if (this.broken) return;
    this.broken = true;
    this.onBroken(this);
    const channels = [...this.channels.values()];
    this.channels.clear();
    for (const handlers of channels) handlers.error(reason);
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN) this.ws.close();
  }
}

const connections = new Map<string, MuxConnection>();

/** Opens a channel for a camera's stream over the page's socket to `socketUrl` (opening the socket if needed). */
export function openMuxChannel(socketUrl: string, camera: string, stream: number, keyframes: boolean, handlers: ChannelHandlers): MuxChannel {
  let connection = connections.get(socketUrl);
  if (!connection?.usable) {
    for (const other of [...connections.values()]) other.closeIfIdle();
    connection = new MuxConnection(socketUrl, (broken) => {
      if (connections.get(broken.url) === broken) connections.delete(broken.url);
    });
    connections.set(socketUrl, connection);
  }
  return connection.open(camera, stream, keyframes, handlers);
}

/** Sockets and open channels, for the debug counters (leak checks across layout switches). */
export function muxCounts(): { sockets: number; channels: number } {
  let channels = 0;
  for (const connection of connections.values()) channels += connection.openChannels;
  return { sockets: connections.size, channels };
}
