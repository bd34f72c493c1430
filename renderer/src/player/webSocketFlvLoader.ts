import { ConnectionGate, endpointKey, type GateTicket } from '../../../common/live/connectionGate';
import { FlvKeyframeFilter } from '../../../common/live/flvKeyframeFilter';
import { LoaderBase, LoaderErrors, LoaderStatus, type AtalayaLoaderConfig } from './loaderBase';

/** One gate per page: every tile's sockets queue in it (see ConnectionGate for why). */
const webSocketGate = new ConnectionGate();

/**
 * A handshake that neither opens nor fails in this time gives up its place in the queue (the
 * socket goes on trying); a dead host must not hold back the tiles behind it.
 */
const HANDSHAKE_SLOT_MS = 2000;

/**
 * The WebSocket-FLV loader both engines use (their own opens every socket at once): sockets open
 * through the page's ConnectionGate, and with `atalayaKeyframesOnly` inter frames are dropped
 * here, before the demuxer, so they cost no demux, remux or decode. One class serves both engines
 * (see loaderBase.ts).
 */
export class WebSocketFlvLoader extends LoaderBase {
  private ws: WebSocket | null = null;
  private ticket: GateTicket | null = null;
  private slotTimer: ReturnType<typeof setTimeout> | undefined;
  private aborted = false;
  private received = 0;
  private readonly filter: FlvKeyframeFilter | null;

  static isSupported(): boolean {
    return typeof WebSocket !== 'undefined';
  }

  constructor(_seekHandler?: unknown, config?: AtalayaLoaderConfig) {
    super('atalaya-websocket-flv-loader');
    this._needStash = true; // as the engines' own WebSocket loader: the config decides
    this.filter = config?.atalayaKeyframesOnly ? new FlvKeyframeFilter() : null;
  }

  open(dataSource: { url: string }): void {
    this._status = LoaderStatus.kConnecting;
    this.ticket = webSocketGate.request(endpointKey(dataSource.url), () => {
      this.slotTimer = setTimeout(() => this.releaseSlot(), HANDSHAKE_SLOT_MS);
      this.connect(dataSource.url);
    });
  }

  private connect(url: string): void {
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      this.releaseSlot();
      this._status = LoaderStatus.kBuffering;
    };
    ws.onmessage = (event) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const data = this.filter ? this.filter.push(new Uint8Array(event.data)) : new Uint8Array(event.data);
      if (data.length === 0) return;
      const start = this.received;
      this.received += data.length;
      const chunk = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data.buffer : data.buffer.slice(data.byteOffset, data.byteOffset + data.length);
      this._onDataArrival?.(chunk as ArrayBuffer, start, this.received);
    };
    ws.onerror = () => {
      this.releaseSlot();
      this._status = LoaderStatus.kError;
      this._onError?.(LoaderErrors.EXCEPTION, { code: -1, msg: 'WebSocket error' });
    };
    ws.onclose = () => {
      this.releaseSlot();
      if (this.aborted) return;
      this._status = LoaderStatus.kComplete;
      this._onComplete?.(0, this.received - 1);
    };
  }

  private releaseSlot(): void {
    clearTimeout(this.slotTimer);
    if (this.ticket) webSocketGate.release(this.ticket);
    this.ticket = null;
  }

  abort(): void {
    // Still queued: withdraw, so the socket is never opened.
    this.releaseSlot();
    const ws = this.ws;
    if (ws && (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN)) {
      this.aborted = true;
      ws.close();
    }
    this.ws = null;
    this._status = LoaderStatus.kComplete;
  }

  override destroy(): void {
    this.abort();
    super.destroy();
  }
}
