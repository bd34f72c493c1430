// One live stream: a camera at one quality. It has no timer of its own; the simulator's
// shared pacing loop calls tick(), and the channel sends whatever frames have come due
// by the wall clock since the last tick. Where the stream "is" is computed from the
// clock, so a channel nobody watches costs nothing and still joins at the right place.
import { randomBytes } from 'node:crypto';
import type { Clip } from './clipLibrary';
import { TAG_SCRIPT, TAG_VIDEO, encodeScriptData, flvHeader, patchTagTimestamp, tagSize, writeTag, writeTagInto } from './flv';
import { clipFrame, frameTime, framesDue, latestKeyframe } from './loopTimeline';
import type { Viewer } from './viewer';

/**
 * Script-data tag sent before every keyframe. mpegts.js hands any script tag to
 * SCRIPTDATA_ARRIVED as { [name]: value }, so a player sees
 * { onAtalayaClock: { sendTimeMs, captureTimeMs } }.
 */
export const CLOCK_TAG_NAME = 'onAtalayaClock';

export interface ClockTag {
  /** Simulator clock when the tag was written to the viewer's connection. */
  sendTimeMs: number;
  /** Simulator clock at which the following keyframe was (or is) due live. */
  captureTimeMs: number;
}

const clockTagBody = (clock: ClockTag): Buffer => encodeScriptData(CLOCK_TAG_NAME, { ...clock });
const CLOCK_TAG_SIZE = tagSize(clockTagBody({ sendTimeMs: 0, captureTimeMs: 0 }).length);

export interface ChannelOptions {
  clip: Clip;
  /** Clock time at which the stream's timeline is at 0; earlier for a later start offset. */
  originMs: number;
  now: () => number;
  /** Told when the channel gains its first viewer or loses its last. */
  onActiveChange: (channel: LiveChannel, active: boolean) => void;
  onBytesSent: (bytes: number) => void;
}

export class LiveChannel {
  private readonly viewers = new Set<Viewer>();
  /** Number of the next frame to send; meaningful while the channel has viewers. */
  private next = 0;
  /** Replace the stream by random bytes of the same size (fault injection). */
  garbage = false;
  private readonly header: Buffer;

  constructor(private readonly opts: ChannelOptions) {
    const { clip } = opts;
    const metadata = encodeScriptData('onMetaData', {
      width: clip.width,
      height: clip.height,
      framerate: clip.fps,
      videocodecid: 7,
      videodatarate: clip.kbps,
      hasVideo: true,
      hasAudio: false,
    });
    this.header = Buffer.concat([flvHeader({ audio: false, video: true }), writeTag(TAG_SCRIPT, 0, metadata)]);
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /**
   * Adds a viewer and sends it, at once: FLV header, onMetaData, the AVC sequence header
   * and the current GOP from its keyframe up to now (a GOP cache, computed rather than
   * stored), so a player can show a picture without waiting for the next keyframe.
   */
  join(makeViewer: (onGone: () => void) => Viewer): void {
    const { clip } = this.opts;
    const now = this.opts.now();
    // With viewers already, `next` is where they are; keep the new one in step with them.
    if (this.viewers.size === 0) this.next = framesDue(clip, now - this.opts.originMs);
    const viewer = makeViewer(() => this.remove(viewer));
    this.viewers.add(viewer);
    if (this.viewers.size === 1) this.opts.onActiveChange(this, true);

    const key = latestKeyframe(clip, this.next - 1);
    const burst = Buffer.concat([
      this.header,
      writeTag(TAG_VIDEO, frameTime(clip, key), clip.sequenceHeader),
      this.render(key, this.next, now),
    ]);
    this.deliver(viewer, this.garbage ? randomBytes(burst.length) : burst);
  }

  /** Sends every frame due by `now` to every viewer, as one write each. */
  tick(now: number): void {
    const { clip } = this.opts;
    const due = framesDue(clip, now - this.opts.originMs);
    if (due <= this.next || this.viewers.size === 0) return;
    // After a stall longer than a loop (suspended laptop, stopped debugger), resume at
    // the latest keyframe instead of flooding viewers with minutes of stale video.
    if (due - this.next > clip.frames.length) this.next = latestKeyframe(clip, due - 1);
    const chunk = this.render(this.next, due, now);
    this.next = due;
    const payload = this.garbage ? randomBytes(chunk.length) : chunk;
    for (const viewer of this.viewers) this.deliver(viewer, payload);
  }

  /** Cuts every viewer off (camera down, or recovering from garbage). */
  abortViewers(): void {
    for (const viewer of this.viewers) viewer.abort();
  }

  endViewers(): void {
    for (const viewer of this.viewers) viewer.end();
  }

  private deliver(viewer: Viewer, payload: Buffer): void {
    if (viewer.send(payload)) this.opts.onBytesSent(payload.length);
  }

  private remove(viewer: Viewer): void {
    if (this.viewers.delete(viewer) && this.viewers.size === 0) this.opts.onActiveChange(this, false);
  }

  /** Frames [from, to) with live timestamps, each keyframe preceded by a clock tag. */
  private render(from: number, to: number, now: number): Buffer {
    const { clip, originMs } = this.opts;
    let size = 0;
    for (let n = from; n < to; n++) {
      const frame = clipFrame(clip, n);
      size += frame.tag.length + (frame.keyframe ? CLOCK_TAG_SIZE : 0);
    }
    const out = Buffer.allocUnsafe(size);
    let off = 0;
    for (let n = from; n < to; n++) {
      const frame = clipFrame(clip, n);
      const ts = frameTime(clip, n);
      if (frame.keyframe) {
        off = writeTagInto(out, off, TAG_SCRIPT, ts, clockTagBody({ sendTimeMs: now, captureTimeMs: originMs + ts }));
      }
      frame.tag.copy(out, off);
      patchTagTimestamp(out, off, ts);
      off += frame.tag.length;
    }
    return out;
  }
}
