import type { SiteInput } from '../../common/site/siteSchema';
import { BENCH_STREAMS, type Quality, type StreamSpec } from './liveSource';

/**
 * The bench site: three sets of 64 cameras on the bench source, one set per way a camera can
 * offer its streams, so every matrix cell is only a choice of cameras for the tiles:
 *   s01…s64  sub only (320×180@15),   numbers   1–64
 *   m01…m64  main only (640×360@25),  numbers 101–164
 *   l01…l64  main + sub (the ladder), numbers 201–264
 * Each camera has its own URL (its own upstream connection from the web host, its own demuxer and
 * decoder in the page; the page reaches them all over its one socket to the host).
 */

export type CameraSet = 'sub' | 'main' | 'ladder';
export const CAMERAS_PER_SET = 64;

const PREFIX: Record<CameraSet, string> = { sub: 's', main: 'm', ladder: 'l' };
const FIRST_NUMBER: Record<CameraSet, number> = { sub: 1, main: 101, ladder: 201 };
const STREAMS: Record<CameraSet, Quality[]> = { sub: ['sub'], main: ['main'], ladder: ['main', 'sub'] };

export const benchCameraId = (set: CameraSet, index: number): string => `${PREFIX[set]}${String(index + 1).padStart(2, '0')}`;

const stream = (base: string, cameraId: string, spec: StreamSpec) => ({
  url: `${base}/live/${cameraId}/${spec.quality}.flv`,
  format: 'flv' as const,
  quality: spec.quality,
  width: spec.width,
  height: spec.height,
  fps: spec.fps,
});

/** `sourceBase` is the bench source's ws://host:port. */
export function benchSite(sourceBase: string): SiteInput {
  const sets: CameraSet[] = ['sub', 'main', 'ladder'];
  return {
    name: 'Atalaya bench',
    cameras: sets.flatMap((set) =>
      Array.from({ length: CAMERAS_PER_SET }, (_, i) => {
        const id = benchCameraId(set, i);
        return {
          id,
          number: FIRST_NUMBER[set] + i,
          name: `Bench ${set} ${i + 1}`,
          streams: STREAMS[set].map((q) => stream(sourceBase, id, BENCH_STREAMS[q])),
          position: { lat: -34.6 + i * 0.0005, lng: -58.38 + sets.indexOf(set) * 0.001 },
          heading: 90,
          fov: 60,
          range: 100,
        };
      }),
    ),
    map: { center: { lat: -34.6, lng: -58.38 }, zoom: 16, basemap: { type: 'demo' } },
  };
}
