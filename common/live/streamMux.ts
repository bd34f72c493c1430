import { z } from 'zod';

/**
 * The stream multiplexer's wire format: one WebSocket per page to the web host
 * (`/streams?token=…`) carries every tile's stream as a numbered channel.
 *
 * Why one socket: Chromium opens WebSockets to one host:port strictly one after another (RFC 6455
 * §4.1) and under a 16-tile layout switch each handshake took ~30 ms on our 2-core machine, so the
 * last tile of a switch waited ~0.5 s just to connect. Over an already-open socket a new tile
 * costs one small text message; the host opens the upstream from Node, in parallel.
 *
 * Client → host, text: `open` / `close` (below). Host → client, binary: a 4-byte big-endian
 * channel number, then the stream's bytes; text: `end` when a channel's stream is over (with why),
 * `error` for a message the host could not take (the socket and the other channels go on).
 */

export const MUX_PATH = '/streams';
/** Channels one socket may hold open at once (a 64-tile wall with ladder switches in flight). */
export const MUX_MAX_CHANNELS = 256;
/** Client messages are tiny; anything bigger is not ours. */
export const MUX_MAX_CLIENT_MESSAGE_BYTES = 1024;

const channel = z.number().int().min(1).max(0x7fffffff);

export const muxClientMessageSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('open'),
      ch: channel,
      camera: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a camera id'),
      stream: z.number().int().min(0).max(99),
      keyframes: z.boolean().optional(),
    })
    .strict(),
  z.object({ op: z.literal('close'), ch: channel }).strict(),
]);
export type MuxClientMessage = z.infer<typeof muxClientMessageSchema>;

/** Why a channel ended, for the tile's reason. */
export const MUX_END_CODES = ['ended', 'upstream', 'not_found', 'forbidden', 'too_many', 'in_use'] as const;
export type MuxEndCode = (typeof MUX_END_CODES)[number];

export const muxServerMessageSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('end'), ch: channel, code: z.enum(MUX_END_CODES), message: z.string() }),
  z.object({ op: z.literal('error'), message: z.string() }),
]);
export type MuxServerMessage = z.infer<typeof muxServerMessageSchema>;

/** Parses a client's text message; a clear one-line error for anything else. */
export function parseMuxClientMessage(text: string): { ok: true; message: MuxClientMessage } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const parsed = muxClientMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, message: parsed.data };
}

const HEADER_BYTES = 4;

/** One binary message: the channel number, then the payload. */
export function encodeMuxFrame(ch: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(HEADER_BYTES + payload.length);
  new DataView(frame.buffer).setUint32(0, ch);
  frame.set(payload, HEADER_BYTES);
  return frame;
}

/** The channel and payload of a binary message (payload shares the buffer), or null if too short. */
export function decodeMuxFrame(frame: ArrayBuffer): { ch: number; payload: Uint8Array } | null {
  if (frame.byteLength < HEADER_BYTES) return null;
  return { ch: new DataView(frame).getUint32(0), payload: new Uint8Array(frame, HEADER_BYTES) };
}

/** The player URL of a camera's stream through the host's multiplexer (the socket is per host + token). */
export function muxStreamUrl(pageOrigin: string, cameraId: string, index: number, token: string | null | undefined): string {
  const page = new URL(pageOrigin);
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}${MUX_PATH}/${encodeURIComponent(cameraId)}/${index}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** Splits a multiplexed stream URL into the socket to use and the channel to open; null if it is not one. */
export function parseMuxStreamUrl(url: string): { socketUrl: string; camera: string; stream: number } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return null;
  const match = new RegExp(`^${MUX_PATH}/([A-Za-z0-9_-]{1,64})/(\\d{1,2})$`).exec(u.pathname);
  if (!match) return null;
  const token = u.searchParams.get('token');
  return {
    socketUrl: `${u.protocol}//${u.host}${MUX_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    camera: match[1]!,
    stream: Number(match[2]),
  };
}
