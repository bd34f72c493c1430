import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { stopChild, type StreamSpec } from './liveSource';
import { decodeTimestamp, TIMESTAMP_CELLS, TIMESTAMP_COLS } from './timestampCode';

/**
 * Preflight: watches a stream of the bench source the way a player would (WS-FLV), decodes it
 * with ffmpeg and reads the timestamp from every frame. If the band does not survive the
 * encoder, every latency figure after this would be empty, so the run stops here.
 */

export interface SourceCheck {
  frames: number;
  /** Frames whose timestamp read back with valid markers and CRC. */
  readable: number;
}

/** Average luma of a small patch at the centre of each timestamp cell, in reading order. */
export function sampleCells(luma: Buffer, width: number): number[] {
  const block = width / TIMESTAMP_COLS;
  const half = Math.max(1, Math.floor(block / 4));
  return Array.from({ length: TIMESTAMP_CELLS }, (_, cell) => {
    const cx = (cell % TIMESTAMP_COLS) * block + block / 2;
    const cy = Math.floor(cell / TIMESTAMP_COLS) * block + block / 2;
    let sum = 0;
    for (let y = cy - half; y < cy + half; y++) for (let x = cx - half; x < cx + half; x++) sum += luma[y * width + x]!;
    return sum / (4 * half * half);
  });
}

export async function checkSource(url: string, spec: StreamSpec, durationMs: number): Promise<SourceCheck> {
  const { width, height } = spec;
  const frameBytes = width * height;
  // prettier-ignore
  const ffmpeg = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-fflags', 'nobuffer', '-flags', 'low_delay', '-probesize', '16384', '-analyzeduration', '0',
    '-f', 'flv', '-i', 'pipe:0', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1',
  ], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  ffmpeg.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-1000)));
  ffmpeg.stdin.on('error', () => undefined); // ffmpeg is killed below while data may still flow
  const result: SourceCheck = { frames: 0, readable: 0 };
  let pending = Buffer.alloc(0);
  ffmpeg.stdout.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= frameBytes) {
      const frame = pending.subarray(0, frameBytes);
      pending = pending.subarray(frameBytes);
      result.frames++;
      if (decodeTimestamp(sampleCells(frame, width)) !== null) result.readable++;
    }
  });
  const ws = new WebSocket(url);
  ws.on('message', (data: Buffer) => ffmpeg.stdin.write(data));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await new Promise((r) => setTimeout(r, durationMs));
  ws.close();
  await stopChild(ffmpeg);
  if (result.frames === 0) throw new Error(`source check: ffmpeg decoded no frame of ${url}: ${stderr.trim() || 'no error output'}`);
  return result;
}
