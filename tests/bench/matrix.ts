import type { LayoutPresetId } from '../../common/wall/layoutMath';
import { benchCameraId, type CameraSet } from './benchSite';
import { BENCH_STREAMS } from './liveSource';
import type { View } from './wallControl';

/**
 * What the benchmark measures (issue 3, item 7): one steady-wall cell per combination below,
 * and the comparisons the report draws between cells. Every cell uses a 1920×1080 viewport.
 */

export interface CellSpec {
  id: string;
  tiles: 1 | 16 | 36 | 64;
  cameras: CameraSet;
  engine: 'mpegts' | 'flv';
  playerConfig: 'tuned' | 'defaults';
  governor: boolean;
}

export const VIEWPORT = { width: 1920, height: 1080 };

/** Timestamp reads per second the page probe may make in all (see BenchProbe.setReadInterval). */
const READ_BUDGET_PER_S = 240;

const cell = (tiles: CellSpec['tiles'], cameras: CameraSet, variant: Partial<CellSpec> = {}): CellSpec => {
  const base: CellSpec = { id: '', tiles, cameras, engine: 'mpegts', playerConfig: 'tuned', governor: true, ...variant };
  const suffix = [base.engine === 'flv' ? 'flvjs' : '', base.playerConfig === 'defaults' ? 'defaults' : '', base.governor ? '' : 'nogov'].filter(Boolean);
  return { ...base, id: [`n${tiles}`, cameras, ...suffix].join('-') };
};

export interface Comparison {
  title: string;
  /** Ratios in the report are against the first cell. */
  cells: CellSpec[];
}

const scaling = (cameras: CameraSet) => ([1, 16, 36, 64] as const).map((n) => cell(n, cameras));
const engines = (tiles: CellSpec['tiles'], cameras: CameraSet) => [
  cell(tiles, cameras),
  cell(tiles, cameras, { playerConfig: 'defaults' }),
  cell(tiles, cameras, { engine: 'flv' }),
];
const governor = (tiles: CellSpec['tiles'], cameras: CameraSet) => [cell(tiles, cameras), cell(tiles, cameras, { governor: false })];

export function comparisons(quick: boolean): Comparison[] {
  if (quick) {
    return [
      { title: 'Tiles, 320×180@15 (tuned mpegts.js, governor on)', cells: scaling('sub') },
      { title: 'Tiles, 640×360@25', cells: [cell(16, 'main')] },
      { title: '1920×1080 4×4 wall, main + sub (ladder)', cells: [cell(16, 'ladder')] },
      { title: 'Engine and configuration, 36 × 320×180@15', cells: engines(36, 'sub') },
      { title: 'Overload governor, 64 × 320×180@15', cells: governor(64, 'sub') },
    ];
  }
  return [
    { title: 'Tiles, 320×180@15 (tuned mpegts.js, governor on)', cells: scaling('sub') },
    { title: 'Tiles, 640×360@25 (tuned mpegts.js, governor on)', cells: scaling('main') },
    { title: '1920×1080 4×4 wall, main + sub (ladder)', cells: [cell(16, 'ladder')] },
    { title: 'Engine and configuration, 36 × 320×180@15', cells: engines(36, 'sub') },
    { title: 'Engine and configuration, 16 × 640×360@25', cells: engines(16, 'main') },
    { title: 'Overload governor, 64 × 320×180@15', cells: governor(64, 'sub') },
    { title: 'Overload governor, 16 × 640×360@25', cells: governor(16, 'main') },
    { title: 'Overload governor, 4×4 ladder wall', cells: governor(16, 'ladder') },
  ];
}

/** Each cell once, in the order of the report. */
export function uniqueCells(list: Comparison[]): CellSpec[] {
  const byId = new Map<string, CellSpec>();
  for (const c of list.flatMap((cmp) => cmp.cells)) if (!byId.has(c.id)) byId.set(c.id, c);
  return [...byId.values()];
}

export const presetFor = (tiles: number): LayoutPresetId => String(tiles) as LayoutPresetId;

export const viewFor = (spec: Pick<CellSpec, 'tiles' | 'cameras'>): View => ({
  name: `Bench ${spec.tiles} ${spec.cameras}`,
  preset: presetFor(spec.tiles),
  cameraIds: Array.from({ length: spec.tiles }, (_, i) => benchCameraId(spec.cameras, i)),
});

/** The frame rate tiles of this cell are expected to play (the ladder wall's tiles take main). */
export const sourceFps = (spec: Pick<CellSpec, 'cameras'>): number => BENCH_STREAMS[spec.cameras === 'sub' ? 'sub' : 'main'].fps;

/** Per tile: 16 tiles read every frame at 15 fps, 64 tiles about every 4th. */
export const readIntervalFor = (spec: CellSpec): number => (1000 * spec.tiles) / READ_BUDGET_PER_S;

/** `streams: 'direct'` gives every tile its own WebSocket instead of the web host's multiplexer. */
export const pageQuery = (spec: Pick<CellSpec, 'engine' | 'playerConfig' | 'governor'> & { streams?: 'host' | 'direct' }): string =>
  `?screen=1&engine=${spec.engine}&playerConfig=${spec.playerConfig}&governor=${spec.governor ? 'on' : 'off'}${spec.streams === 'direct' ? '&streams=direct' : ''}`;

/** Issue 3: every tile of a new layout shows a frame within this, at p95. */
export const FIRST_FRAME_TARGET_MS = 300;

/** The steady-wall targets, with the cell each applies to. */
export const TARGETS = [
  { id: 'n64-sub', what: '64 tiles 320×180@15: every tile live, p95 glass-to-glass', limitMs: 1000 },
  { id: 'n36-sub', what: '36 tiles 320×180@15: p95 glass-to-glass', limitMs: 400 },
  { id: 'n16-ladder', what: '1920×1080 4×4 wall, 640×360 main + 320×180 sub: p95 glass-to-glass', limitMs: 250 },
] as const;
