// The player the wall uses must accept the simulator's stream as it is: feed received
// bytes to mpegts.js's own FLV demuxer (it runs in Node) and check what it reports,
// including the clock tag arriving through its script-data callback, the one behind
// mpegts.js's SCRIPTDATA_ARRIVED event.
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error mpegts.js ships no types for its internal modules
import FLVDemuxer from 'mpegts.js/src/demux/flv-demuxer.js';
// @ts-expect-error as above
import Log from 'mpegts.js/src/utils/logger.js';
import { CLOCK_TAG_NAME, createSimulator, demoCameraIds } from '../../../../../main/services/simulator/simulator';
import { CLIPS_DIR, openHttp, waitFor } from './streamClients';

const T0 = 1_800_000_000_000;

interface Logger {
  ENABLE_CALLBACK: boolean;
  ENABLE_VERBOSE: boolean;
  ENABLE_DEBUG: boolean;
  ENABLE_INFO: boolean;
  emitter: { on(e: 'log', fn: (level: string, msg: string) => void): void; removeAllListeners(): void };
}
const log = Log as Logger;

afterEach(() => {
  log.emitter.removeAllListeners();
});

describe('mpegts.js reading the simulator stream', () => {
  it.each(['main', 'sub'] as const)('%s: media info, frames, and the clock tag as script data, with no warnings', async (quality) => {
    let t = T0; // the streams' timelines start when the simulator is created
    const sim = createSimulator({ cameras: demoCameraIds(8).map((id) => ({ id })), clipsDir: CLIPS_DIR, now: () => t });
    try {
      const base = await sim.listen(0);
      t = T0 + 500;
      const s = await openHttp(`${base}/live/cam-07/${quality}.flv`);
      t = T0 + 2100;
      await waitFor('two seconds of stream', () => s.reader.lastFrameTs() > 2000);
      s.res.destroy();

      Object.assign(log, { ENABLE_CALLBACK: true, ENABLE_VERBOSE: false, ENABLE_DEBUG: false, ENABLE_INFO: false });
      const complaints: string[] = [];
      log.emitter.on('log', (level, msg) => {
        if (level === 'warn' || level === 'error') complaints.push(msg);
      });

      const bytes = s.reader.all;
      const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const probe = FLVDemuxer.probe(ab);
      expect(probe.match).toBe(true);
      const demuxer = new FLVDemuxer(probe, { isLive: true });
      const scripts: Record<string, unknown>[] = [];
      const errors: unknown[] = [];
      let mediaInfo: { width: number; height: number; fps: number; hasAudio: boolean } | undefined;
      let samples = 0;
      demuxer.onError = (type: unknown, info: unknown) => errors.push([type, info]);
      demuxer.onMediaInfo = (mi: typeof mediaInfo) => (mediaInfo = mi);
      demuxer.onTrackMetadata = () => {};
      demuxer.onScriptDataArrived = (data: Record<string, unknown>) => scripts.push(data);
      demuxer.onDataAvailable = (_audio: unknown, video: { samples: unknown[]; length: number }) => {
        samples += video.samples.length;
        video.samples = [];
        video.length = 0;
      };
      const consumed = demuxer.parseChunks(ab, 0);

      expect(errors).toEqual([]);
      expect(complaints).toEqual([]);
      expect(consumed).toBe(ab.byteLength);
      const dims = quality === 'main' ? { width: 640, height: 360, fps: 25 } : { width: 320, height: 180, fps: 15 };
      expect(mediaInfo).toMatchObject({ ...dims, hasAudio: false });
      expect(samples).toBe(s.reader.frames.length);
      const clocks = scripts.filter((d) => CLOCK_TAG_NAME in d).map((d) => d[CLOCK_TAG_NAME]);
      // Keyframes at 0 (the GOP a new viewer starts with), 1000 and 2000 ms.
      expect(clocks).toEqual([
        { sendTimeMs: T0 + 500, captureTimeMs: T0 },
        { sendTimeMs: T0 + 2100, captureTimeMs: T0 + 1000 },
        { sendTimeMs: T0 + 2100, captureTimeMs: T0 + 2000 },
      ]);
    } finally {
      await sim.close();
    }
  });
});
