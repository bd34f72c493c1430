// One connected player, over HTTP (chunked response) or WebSocket (binary messages).
// Writes never wait: a viewer whose unsent backlog passes the bound has stopped reading
// (or cannot keep up) and is dropped, so one stuck client cannot hold memory or delay
// the shared pacing loop that feeds everyone else.
import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';

export interface Viewer {
  /** Queues bytes; false if the viewer is gone or was just dropped for falling behind. */
  send(chunk: Buffer): boolean;
  /** Cuts the connection, as a camera that lost power or a network drop would. */
  abort(): void;
  /** Ends the stream cleanly (simulator shutdown). */
  end(): void;
}

abstract class BoundedViewer implements Viewer {
  private gone = false;

  constructor(
    private readonly maxBufferedBytes: number,
    private readonly onGone: () => void,
  ) {}

  protected abstract backlog(): number;
  protected abstract write(chunk: Buffer): void;
  protected abstract destroy(): void;
  protected abstract finish(): void;

  send(chunk: Buffer): boolean {
    if (this.gone) return false;
    if (this.backlog() > this.maxBufferedBytes) {
      this.abort();
      return false;
    }
    this.write(chunk);
    return true;
  }

  abort(): void {
    if (this.markGone()) this.destroy();
  }

  end(): void {
    if (this.markGone()) this.finish();
  }

  /** Called by the transport when the peer goes away by itself. */
  protected markGone(): boolean {
    if (this.gone) return false;
    this.gone = true;
    this.onGone();
    return true;
  }
}

export class HttpViewer extends BoundedViewer {
  constructor(
    private readonly res: ServerResponse,
    maxBufferedBytes: number,
    onGone: () => void,
  ) {
    super(maxBufferedBytes, onGone);
    res.on('close', () => this.markGone());
  }

  // writableLength covers Node's queue (and the socket's) but not the kernel's buffers.
  protected backlog(): number {
    return this.res.writableLength;
  }

  protected write(chunk: Buffer): void {
    this.res.write(chunk);
  }

  protected destroy(): void {
    this.res.destroy();
  }

  protected finish(): void {
    this.res.end();
  }
}

export class WsViewer extends BoundedViewer {
  constructor(
    private readonly ws: WebSocket,
    maxBufferedBytes: number,
    onGone: () => void,
  ) {
    super(maxBufferedBytes, onGone);
    ws.on('close', () => this.markGone());
    // A reset by the peer surfaces here; without a listener it would be thrown.
    ws.on('error', () => this.abort());
  }

  protected backlog(): number {
    return this.ws.bufferedAmount;
  }

  protected write(chunk: Buffer): void {
    this.ws.send(chunk, { binary: true, compress: false });
  }

  protected destroy(): void {
    this.ws.terminate();
  }

  protected finish(): void {
    this.ws.close(1001, 'simulator stopping');
  }
}
