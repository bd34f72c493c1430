import { FlvKeyframeFilter } from '../../../common/live/flvKeyframeFilter';
import type { Site } from '../../../common/site/siteSchema';
import { resolveStreamUrl } from '../../../common/site/streamUrl';

export interface ProxyTarget {
  cameraId: string;
  url: string;
  /** Names the stream's credentials in the secret store, when it has any. */
  secretRef?: string;
}

/** Looks up a credential ("user:password") by reference; main's secret store. */
export type SecretLookup = (ref: string) => Promise<string | undefined>;

/**
 * The upstream URL of a site's stream, or undefined: only streams in the site are fetched.
 * `sim://` streams resolve to the simulator's WS-FLV URL, when a simulator runs.
 */
export function upstreamOf(site: Site, cameraId: string, index: number, simulatorBase: string | null = null): ProxyTarget | undefined {
  const camera = site.cameras.find((c) => c.id === cameraId);
  const stream = camera?.streams[index];
  if (!camera || !stream) return undefined;
  if (stream.url.startsWith('sim://') && !simulatorBase) return undefined;
  const url = resolveStreamUrl(stream.url, simulatorBase, simulatorBase ?? '');
  return { cameraId, url, ...(stream.secretRef ? { secretRef: stream.secretRef } : {}) };
}

export interface UpstreamOptions {
  signal?: AbortSignal;
  /** Drop inter frames here (the overload governor's last step), before they cross to the renderer. */
  keyframesOnly?: boolean;
  /** How long to wait for the camera or gateway to answer. */
  connectTimeoutMs?: number;
  /** "user:password", sent as HTTP Basic auth. */
  credentials?: string;
}

/**
 * Opens an upstream HTTP-FLV stream from Node, which has no per-host connection cap, and returns
 * its body as a byte stream (optionally keyframes only). Used by Electron's stream scheme and the
 * web host's WebSocket relay. Rejects with a message naming the upstream status.
 */
export async function openUpstream(url: string, opts: UpstreamOptions = {}): Promise<{ status: number; contentType: string; body: ReadableStream<Uint8Array> }> {
  const timeout = AbortSignal.timeout(opts.connectTimeoutMs ?? 10_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const headers: Record<string, string> = { Accept: 'video/x-flv, */*' };
  if (opts.credentials) headers.Authorization = `Basic ${Buffer.from(opts.credentials, 'utf8').toString('base64')}`;
  const response = await fetch(url, { signal, redirect: 'follow', headers });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new UpstreamError(response.status, `upstream answered ${response.status} ${response.statusText}`.trim());
  }
  let body = response.body as ReadableStream<Uint8Array>;
  if (opts.keyframesOnly) {
    const filter = new FlvKeyframeFilter();
    body = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          const kept = filter.push(chunk);
          if (kept.length > 0) controller.enqueue(kept);
        },
      }),
    );
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? 'video/x-flv', body };
}

export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** The credentials of a proxied stream, or a clear error when its secret is not set. */
export async function credentialsFor(target: ProxyTarget, secrets: SecretLookup): Promise<string | undefined> {
  if (!target.secretRef) return undefined;
  const value = await secrets(target.secretRef);
  if (value === undefined) throw new UpstreamError(401, `credential "${target.secretRef}" is not set`);
  return value;
}
