import mpegts from 'mpegts.js';

/**
 * What a custom loader for the engines sets and calls: mpegts.js's BaseLoader (a JS API, untyped
 * in its d.ts). Both engines descend from flv.js and drive a loader through these same fields,
 * so a loader built on it serves both.
 */
export interface LoaderInternals {
  _status: number;
  /** Whether the engine may stash (batch) this loader's chunks, per its enableStashBuffer setting. */
  _needStash: boolean;
  _onDataArrival: ((chunk: ArrayBuffer, byteStart: number, receivedLength: number) => void) | null;
  _onError: ((type: string, info: { code: number; msg: string }) => void) | null;
  _onComplete: ((from: number, to: number) => void) | null;
  destroy(): void;
}

export const LoaderBase = mpegts.BaseLoader as unknown as new (typeName: string) => LoaderInternals;
export const LoaderStatus = mpegts.LoaderStatus as unknown as { kConnecting: number; kBuffering: number; kError: number; kComplete: number };
export const LoaderErrors = mpegts.LoaderErrors as unknown as { EXCEPTION: string; HTTP_STATUS_CODE_INVALID: string; UNRECOVERABLE_EARLY_EOF: string };

/** The config fields our loaders read (set by engines.ts next to the engine's own). */
export interface AtalayaLoaderConfig {
  /** Drop inter frames before the demuxer (the overload governor's last step). */
  atalayaKeyframesOnly?: boolean;
}
