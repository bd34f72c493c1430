import { CLOCK_TAG_NAME } from '../../main/services/simulator/liveChannel';
import { encodeScriptData, flvHeader, isAvcSequenceHeader, isKeyframe, TAG_SCRIPT, TAG_VIDEO, writeTag } from '../../main/services/simulator/flv';
import type { Viewer } from '../../main/services/simulator/viewer';
import type { EncodedTag } from './liveSource';

/**
 * One encoder's output to any number of WS-FLV viewers, the way a camera gateway serves it: a
 * new viewer gets the FLV header, onMetaData, the AVC sequence header and the current GOP (a
 * GOP cache, so it can show a picture at once), then every live tag as ffmpeg emits it.
 * Before each keyframe goes the simulator's clock tag, so the tile HUD shows transport latency
 * for these streams as it does for the simulator's.
 */
export class FlvFanOut {
  private metadata: Buffer | undefined;
  private sequenceHeader: Buffer | undefined;
  /** Serialized tags from the latest keyframe on; empty until the first keyframe. */
  private gop: Buffer[] = [];
  private gopStart = 0;
  private readonly viewers = new Set<Viewer>();
  /** Joined before the first keyframe: they get the whole start burst when it comes. */
  private readonly waiting = new Set<Viewer>();

  get viewerCount(): number {
    return this.viewers.size + this.waiting.size;
  }

  get ready(): boolean {
    return this.gop.length > 0;
  }

  join(makeViewer: (onGone: () => void) => Viewer): void {
    const viewer = makeViewer(() => {
      this.viewers.delete(viewer);
      this.waiting.delete(viewer);
    });
    if (!this.ready) {
      this.waiting.add(viewer);
      return;
    }
    this.viewers.add(viewer);
    viewer.send(this.startBurst());
  }

  push({ tag, captureMs }: EncodedTag): void {
    // ffmpeg writes onMetaData and the sequence header once, at the start.
    if (tag.type === TAG_SCRIPT && !this.metadata) {
      this.metadata = writeTag(TAG_SCRIPT, 0, tag.data);
      return;
    }
    if (isAvcSequenceHeader(tag)) {
      this.sequenceHeader = tag.data;
      return;
    }
    if (tag.type !== TAG_VIDEO || !this.sequenceHeader) return;
    const serialized = writeTag(TAG_VIDEO, tag.timestamp, tag.data);
    let live = serialized;
    if (isKeyframe(tag)) {
      const clock = encodeScriptData(CLOCK_TAG_NAME, { sendTimeMs: Date.now(), captureTimeMs: captureMs ?? Date.now() });
      live = Buffer.concat([writeTag(TAG_SCRIPT, tag.timestamp, clock), serialized]);
      this.gop = [];
      this.gopStart = tag.timestamp;
    }
    if (this.gop.length === 0 && !isKeyframe(tag)) return;
    this.gop.push(live);
    for (const viewer of this.viewers) viewer.send(live);
    if (this.waiting.size > 0) {
      const burst = this.startBurst();
      for (const viewer of this.waiting) {
        this.viewers.add(viewer);
        viewer.send(burst);
      }
      this.waiting.clear();
    }
  }

  closeAll(): void {
    for (const viewer of [...this.viewers, ...this.waiting]) viewer.end();
  }

  private startBurst(): Buffer {
    // The sequence header takes the GOP's timestamp so the player's timeline starts at the GOP.
    return Buffer.concat([
      flvHeader({ audio: false, video: true }),
      this.metadata ?? Buffer.alloc(0),
      writeTag(TAG_VIDEO, this.gopStart, this.sequenceHeader!),
      ...this.gop,
    ]);
  }
}
