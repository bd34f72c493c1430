// Loads the demo clips (resources/demo/clips/scene-NN-{main,sub}.flv) once, into the
// form the live channels replay: each picture pre-serialized as a whole FLV tag, so
// sending a frame is one copy plus a timestamp patch, shared by every camera using it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  TAG_AUDIO,
  TAG_SCRIPT,
  TAG_VIDEO,
  decodeScriptData,
  isAvcFrame,
  isAvcSequenceHeader,
  isKeyframe,
  parseFlv,
  videoTagInfo,
  writeTag,
} from './flv';

export type Quality = 'main' | 'sub';
export const QUALITIES: readonly Quality[] = ['main', 'sub'];

export interface ClipFrame {
  /** Milliseconds from the clip's first picture. */
  ts: number;
  keyframe: boolean;
  /** The whole serialized video tag (timestamp 0, patched when sent). */
  tag: Buffer;
}

export interface Clip {
  file: string;
  width: number;
  height: number;
  fps: number;
  /** Length of one loop: the last picture's time plus one frame interval. */
  loopMs: number;
  /** Body of the AVC sequence header tag (the decoder configuration record). */
  sequenceHeader: Buffer;
  frames: ClipFrame[];
  /** keyframeAtOrBefore[j]: index of the latest keyframe at or before frame j. */
  keyframeAtOrBefore: number[];
  /** Average video bit rate, for onMetaData. */
  kbps: number;
}

export interface Scene {
  /** The file stem, e.g. "scene-01". */
  name: string;
  main: Clip;
  sub: Clip;
}

export function loadClip(file: string): Clip {
  const { tags } = parseFlv(readFileSync(file));
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why}`);
  };
  if (tags.some((t) => t.type === TAG_AUDIO)) fail('has audio; the simulator serves video-only streams');

  const metaTag = tags.find((t) => t.type === TAG_SCRIPT && decodeScriptData(t.data).name === 'onMetaData');
  const meta = metaTag ? decodeScriptData(metaTag.data).value : undefined;
  const num = (key: string): number => {
    const v = meta && typeof meta === 'object' && !Array.isArray(meta) ? meta[key] : undefined;
    return typeof v === 'number' && v > 0 ? v : fail(`onMetaData has no ${key}`);
  };

  const sequenceHeader = tags.find(isAvcSequenceHeader)?.data ?? fail('no AVC sequence header (not H.264?)');
  const pictures = tags.filter(isAvcFrame);
  if (tags.some((t) => t.type === TAG_VIDEO && videoTagInfo(t.data).codecId !== 7)) fail('video is not H.264');
  if (pictures.length < 2) fail('fewer than two pictures');
  if (!isKeyframe(pictures[0]!)) fail('does not start with a keyframe, so it cannot loop');

  const t0 = pictures[0]!.timestamp;
  const frames = pictures.map((t) => ({ ts: t.timestamp - t0, keyframe: isKeyframe(t), tag: writeTag(TAG_VIDEO, 0, t.data) }));
  for (let j = 1; j < frames.length; j++) {
    if (frames[j]!.ts <= frames[j - 1]!.ts) fail(`timestamps not increasing at picture ${j}`);
  }
  const last = frames[frames.length - 1]!.ts;
  // FLV stores milliseconds, so 15 fps steps are 66/67 ms: use the mean step, not the last.
  const loopMs = Math.round((last * frames.length) / (frames.length - 1));

  const keyframeAtOrBefore: number[] = [];
  frames.forEach((f, j) => keyframeAtOrBefore.push(f.keyframe ? j : keyframeAtOrBefore[j - 1]!));
  const bytes = frames.reduce((sum, f) => sum + f.tag.length, 0);

  return {
    file,
    width: num('width'),
    height: num('height'),
    fps: num('framerate'),
    loopMs,
    sequenceHeader,
    frames,
    keyframeAtOrBefore,
    kbps: Math.round((bytes * 8) / loopMs),
  };
}

const CLIP_NAME = /^(scene-\d+)-(main|sub)\.flv$/;

/** Every scene in the folder that has both qualities, in name order. */
export function loadScenes(clipsDir: string): Scene[] {
  const stems = new Map<string, Set<Quality>>();
  for (const f of readdirSync(clipsDir)) {
    const m = CLIP_NAME.exec(f);
    if (!m) continue;
    const set = stems.get(m[1]!) ?? new Set<Quality>();
    set.add(m[2] as Quality);
    stems.set(m[1]!, set);
  }
  const names = [...stems].filter(([, q]) => q.size === QUALITIES.length).map(([name]) => name);
  if (names.length === 0) throw new Error(`no scene-NN-main.flv / scene-NN-sub.flv pairs in ${clipsDir}`);
  return names.sort().map((name) => ({
    name,
    main: loadClip(join(clipsDir, `${name}-main.flv`)),
    sub: loadClip(join(clipsDir, `${name}-sub.flv`)),
  }));
}
