import { parseMuxStreamUrl } from '../../../common/live/streamMux';
import { LoaderBase, LoaderErrors, LoaderStatus, type AtalayaLoaderConfig } from './loaderBase';
import { openMuxChannel, type MuxChannel } from './streamMuxClient';

/** HTTP-like statuses for the host's refusals, so the tile says "HTTP 404"/"HTTP 403" as for a camera. */
const REFUSAL_STATUS = { not_found: 404, forbidden: 403, too_many: 429, in_use: 409 } as const;

/**
 * The engines' loader for a stream played through the web host's multiplexer
 * (`ws://host/streams/<camera>/<index>`): a channel on the page's one socket to the host instead
 * of a socket of its own. With `atalayaKeyframesOnly` the host drops inter frames before sending.
 */
export class MuxStreamLoader extends LoaderBase {
  private channel: MuxChannel | null = null;
  private received = 0;
  private readonly keyframesOnly: boolean;

  static isSupported(): boolean {
    return typeof WebSocket !== 'undefined';
  }

  constructor(_seekHandler?: unknown, config?: AtalayaLoaderConfig) {
    super('atalaya-mux-stream-loader');
    this._needStash = true; // as the engines' own WebSocket loader: the config decides
    this.keyframesOnly = config?.atalayaKeyframesOnly === true;
  }

  open(dataSource: { url: string }): void {
    const target = parseMuxStreamUrl(dataSource.url);
    if (!target) {
      this._status = LoaderStatus.kError;
      this._onError?.(LoaderErrors.EXCEPTION, { code: -1, msg: `not a stream of the host: ${dataSource.url}` });
      return;
    }
    this._status = LoaderStatus.kConnecting;
    this.channel = openMuxChannel(target.socketUrl, target.camera, target.stream, this.keyframesOnly, {
      data: (chunk) => {
        this._status = LoaderStatus.kBuffering;
        const start = this.received;
        this.received += chunk.byteLength;
        this._onDataArrival?.(chunk, start, this.received);
      },
      end: (code, message) => {
        this.channel = null;
        if (code === 'ended') {
          this._status = LoaderStatus.kComplete;
          this._onComplete?.(0, this.received - 1);
        } else if (code === 'upstream') {
          this._status = LoaderStatus.kError;
          this._onError?.(LoaderErrors.EXCEPTION, { code: -1, msg: message });
        } else {
          this._status = LoaderStatus.kError;
          this._onError?.(LoaderErrors.HTTP_STATUS_CODE_INVALID, { code: REFUSAL_STATUS[code], msg: message });
        }
      },
      error: (message) => {
        this.channel = null;
        this._status = LoaderStatus.kError;
        this._onError?.(LoaderErrors.EXCEPTION, { code: -1, msg: message });
      },
    });
  }

  abort(): void {
    this.channel?.close();
    this.channel = null;
    this._status = LoaderStatus.kComplete;
  }

  override destroy(): void {
    this.abort();
    super.destroy();
  }
}
