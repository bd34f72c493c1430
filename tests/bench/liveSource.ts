import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { FlvStreamParser, isAvcFrame, type FlvTag } from '../../main/services/simulator/flv';
import { TimestampPainter } from './timestampPainter';

/**
 * A live camera stand-in: paints timestamped raw frames at the stream's frame rate, in real
 * time, and pipes them through ffmpeg/libx264 (zerolatency, one keyframe a second, no
 * B-frames, like an IP camera's live profile) to FLV tags.
 */

export type Quality = 'main' | 'sub';

export interface StreamSpec {
  quality: Quality;
  width: number;
  height: number;
  fps: number;
  kbps: number;
}

/** The two streams of every benchmark camera (issue 3: 640×360@25 main, 320×180@15 sub). */
export const BENCH_STREAMS: Record<Quality, StreamSpec> = {
  main: { quality: 'main', width: 640, height: 360, fps: 25, kbps: 1000 },
  sub: { quality: 'sub', width: 320, height: 180, fps: 15, kbps: 256 },
};

/** Wall clock with sub-millisecond resolution; the page uses the same (timeOrigin + now). */
export const clockMs = (): number => performance.timeOrigin + performance.now();

export interface EncodedTag {
  tag: FlvTag;
  /** For a picture: when it was painted, i.e. "captured". */
  captureMs: number | undefined;
}

export interface EncoderStats {
  frames: number;
  /** Paint time minus the frame's slot in the schedule: how late this machine let the camera run. */
  lateMs: number[];
  /** Capture to the encoded picture leaving ffmpeg: the part of glass-to-glass that is the source's. */
  encodeMs: number[];
}

/** Capture times are kept this long, by frame number, to match them with ffmpeg's output. */
const CAPTURE_MEMORY_FRAMES = 250;

export class LiveEncoder {
  private readonly painter: TimestampPainter;
  private readonly ffmpeg: ChildProcessByStdio<Writable, Readable, Readable>;
  private readonly parser = new FlvStreamParser();
  private readonly captures = new Map<number, number>();
  private startMs = 0;
  private next = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private stderr = '';
  private stats: EncoderStats = { frames: 0, lateMs: [], encodeMs: [] };

  constructor(
    readonly spec: StreamSpec,
    private readonly onTag: (encoded: EncodedTag) => void,
    private readonly onFailure: (message: string) => void,
  ) {
    this.painter = new TimestampPainter(spec);
    const { width, height, fps, kbps } = spec;
    // prettier-ignore
    this.ffmpeg = spawn('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-nostdin',
      '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency',
      '-g', String(fps), '-keyint_min', String(fps), '-sc_threshold', '0', '-bf', '0',
      // Capped bitrate, as a camera's CBR-like live profile; the VBV bounds each frame's size.
      '-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps / 2}k`,
      '-f', 'flv', '-flvflags', 'no_duration_filesize', '-flush_packets', '1', 'pipe:1',
    ], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.ffmpeg.stdout.on('data', (chunk: Buffer) => this.onOutput(chunk));
    this.ffmpeg.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-2000)));
    this.ffmpeg.stdin.on('error', () => undefined); // reported by 'exit' below, with ffmpeg's own words
    this.ffmpeg.on('exit', (code, signal) => {
      if (!this.stopped) this.onFailure(`ffmpeg (${spec.quality}) exited with ${code ?? signal}: ${this.stderr.trim()}`);
    });
  }

  get pid(): number | undefined {
    return this.ffmpeg.pid;
  }

  start(): void {
    this.startMs = clockMs();
    this.tick();
  }

  /** Returns the figures gathered since the last call and starts new ones. */
  takeStats(): EncoderStats {
    const taken = this.stats;
    this.stats = { frames: 0, lateMs: [], encodeMs: [] };
    return taken;
  }

  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    return stopChild(this.ffmpeg);
  }

  /**
   * Paints every frame whose slot has come. A late tick paints the missed frames at once rather
   * than skipping them: ffmpeg numbers input frames, so a skipped frame would slow the stream's
   * clock against the wall clock. Each frame carries its real paint time, so lateness is measured.
   */
  private tick(): void {
    if (this.stopped) return;
    const interval = 1000 / this.spec.fps;
    let now = clockMs();
    while (now >= this.startMs + this.next * interval) {
      this.stats.lateMs.push(now - (this.startMs + this.next * interval));
      this.captures.set(this.next, now);
      this.captures.delete(this.next - CAPTURE_MEMORY_FRAMES);
      this.ffmpeg.stdin.write(this.painter.paint(now));
      this.next++;
      now = clockMs();
    }
    this.timer = setTimeout(() => this.tick(), Math.max(0, this.startMs + this.next * interval - now));
  }

  private onOutput(chunk: Buffer): void {
    const now = clockMs();
    for (const tag of this.parser.push(chunk)) {
      let captureMs: number | undefined;
      if (isAvcFrame(tag)) {
        // ffmpeg stamps input frame n at n/fps s; the FLV timestamp is that in whole ms.
        captureMs = this.captures.get(Math.round((tag.timestamp * this.spec.fps) / 1000));
        this.stats.frames++;
        if (captureMs !== undefined) this.stats.encodeMs.push(now - captureMs);
      }
      this.onTag({ tag, captureMs });
    }
  }
}

/**
 * Ends an ffmpeg that reads a pipe: closing its stdin lets it finish (a SIGTERM alone is only
 * noticed between reads, and it may be blocked in one); SIGKILL if it still lingers.
 */
export function stopChild(child: ChildProcessByStdio<Writable | null, Readable | null, Readable | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}
