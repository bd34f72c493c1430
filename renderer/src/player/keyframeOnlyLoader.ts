import mpegts from 'mpegts.js';
import { FlvKeyframeFilter } from '../../../common/live/flvKeyframeFilter';

/** The parts of mpegts.js's BaseLoader a loader sets and calls (its JS API, untyped in d.ts). */
interface LoaderInternals {
  _status: number;
  _onDataArrival: ((chunk: ArrayBuffer, byteStart: number, receivedLength: number) => void) | null;
  _onError: ((type: string, info: { code: number; msg: string }) => void) | null;
  _onComplete: ((from: number, to: number) => void) | null;
  destroy(): void;
}

const Base = mpegts.BaseLoader as unknown as new (typeName: string) => LoaderInternals;
const Status = mpegts.LoaderStatus as unknown as { kConnecting: number; kBuffering: number; kError: number; kComplete: number };
const Errors = mpegts.LoaderErrors as unknown as { EXCEPTION: string };

/**
 * A WebSocket-FLV loader for mpegts.js that passes keyframes only (the overload governor's last
 * step): inter frames are dropped here, before the demuxer, so they cost no demux, remux or decode.
 */
export class KeyframeOnlyWebSocketLoader extends Base {
  private ws: WebSocket | null = null;
  private aborted = false;
  private received = 0;
  private readonly filter = new FlvKeyframeFilter();

  static isSupported(): boolean {
    return typeof WebSocket !== 'undefined';
  }

  constructor() {
    super('keyframe-only-websocket-loader');
  }

  open(dataSource: { url: string }): void {
    const ws = new WebSocket(dataSource.url);
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    this._status = Status.kConnecting;
    ws.onopen = () => (this._status = Status.kBuffering);
    ws.onmessage = (event) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const kept = this.filter.push(new Uint8Array(event.data));
      if (kept.length === 0) return;
      const start = this.received;
      this.received += kept.length;
      this._onDataArrival?.(kept.buffer.slice(kept.byteOffset, kept.byteOffset + kept.length) as ArrayBuffer, start, this.received);
    };
    ws.onerror = () => {
      this._status = Status.kError;
      this._onError?.(Errors.EXCEPTION, { code: -1, msg: 'WebSocket error' });
    };
    ws.onclose = () => {
      if (this.aborted) return;
      this._status = Status.kComplete;
      this._onComplete?.(0, this.received - 1);
    };
  }

  abort(): void {
    const ws = this.ws;
    if (ws && (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN)) {
      this.aborted = true;
      ws.close();
    }
    this.ws = null;
    this._status = Status.kComplete;
  }

  override destroy(): void {
    if (this.ws) this.abort();
    super.destroy();
  }
}
