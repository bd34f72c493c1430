// Generates the demo training exercise under resources/demo/exercise/:
//
//   npx tsx scripts/generate-demo-exercise.ts
//
// Nine recorded "cameras" (synthetic footage drawn with ffmpeg's lavfi sources, like
// scripts/generate-demo-clips.ts) for a 3-minute scenario on the demo site's streets, and the
// exercise file that replays them on a 3×3 screen with scripted injects and six expected
// incidents. The incidents are written here once and drive both the footage (an actor appears,
// stops, leaves at exactly those times) and the ground truth in the exercise file, so the two
// cannot disagree.
//
// Encoding, chosen for a replayed wall rather than live: MP4 (H.264 Main, no B-frames) with the
// index at the front (+faststart) so a plain <video> starts and seeks over HTTP byte ranges at
// once; a keyframe every second so a seek decodes at most 14 frames; 480x270 at 15 fps with
// `-tune fastdecode`, light enough for nine tiles at 4x on a 2-core machine. A burnt-in
// "REC hh:mm:ss.mmm" shows each clip's own media time, so sync is visible by eye.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExerciseInput } from '../common/training/exerciseSchema';
import site from '../resources/demo/site.json' with { type: 'json' };

const OUT_DIR = fileURLToPath(new URL('../resources/demo/exercise/', import.meta.url));
const CLIP_DIR = join(OUT_DIR, 'clips');
const FFMPEG = process.env.FFMPEG ?? 'ffmpeg';
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const W = 480;
const H = 270;
const FPS = 15;
const DURATION_S = 180;
const MAX_TOTAL_BYTES = 12 * 1024 * 1024;

// ---- graph helpers ------------------------------------------------------------------------

const src = (spec: string, d: number) => `${spec}:r=${FPS}:d=${d}`;
const box = (x: number, y: number, w: number, h: number, color: string, extra = '') => `drawbox=x=${x}:y=${y}:w=${w}:h=${h}:color=${color}:t=fill${extra}`;
/** A filled disc sprite (alpha from the distance to the centre). */
const disc = (color: string, d: number, label: string, length: number) =>
  `${src(`color=c=${color}:s=${d}x${d}`, length)},format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lte(hypot(X-${d / 2},Y-${d / 2}),${d / 2}),255,0)'[${label}]`;
/** A standing person seen from a high camera: body and a head. */
const person = (jacket: string, label: string, length: number, w = 12, h = 30) =>
  `${src(`color=c=${jacket}:s=${w}x${h}`, length)},${box(2, 0, w - 4, 9, '0xd9b38c')},${box(0, h - 8, w, 8, '0x22262b')}[${label}]`;
/** The same person lying on the ground. */
const lying = (jacket: string, label: string, length: number, w = 30, h = 12) =>
  `${src(`color=c=${jacket}:s=${w}x${h}`, length)},${box(0, 2, 9, h - 4, '0xd9b38c')},${box(w - 8, 0, 8, h, '0x22262b')}[${label}]`;
const vehicle = (color: string, label: string, length: number, w = 50, h = 24) =>
  `${src(`color=c=${color}:s=${w}x${h}`, length)},${box(w - 11, 3, 7, h - 6, '0x202830')},${box(5, 3, 6, h - 6, '0x202830')}[${label}]`;

interface Mover {
  sprite: string;
  label: string;
  x: string;
  y: string;
  enable?: string;
}

/** Piecewise path: off-screen before t0; `from`→`at` over t0…t1; at `at` until t2; `at`→`to` over t2…t3. */
function visit(t0: number, t1: number, t2: number, t3: number, from: number, at: number, to: number): string {
  return `if(lt(t,${t1}),${from}+(${at - from})*(t-${t0})/${t1 - t0},if(lt(t,${t2}),${at},${at}+(${to - at})*(t-${t2})/${t3 - t2}))`;
}
/** Periodic pass across the frame every `period` s, starting `phase` s into the period. */
const passRight = (period: number, phase = 0) => `mod((t+${phase})/${period},1)*(W+w)-w`;
const passLeft = (period: number, phase = 0) => `W-mod((t+${phase})/${period},1)*(W+w)`;

function compose(background: string, movers: Mover[]): string {
  const parts = [background, ...movers.map((m) => m.sprite)];
  let prev = 'bg';
  movers.forEach((m, i) => {
    const out = i === movers.length - 1 ? 'v' : `o${i}`;
    parts.push(`[${prev}][${m.label}]overlay=x='${m.x}':y='${m.y}':eval=frame:shortest=1${m.enable ? `:enable='${m.enable}'` : ''}[${out}]`);
    prev = out;
  });
  return parts.join(';');
}

// ---- the scenario ---------------------------------------------------------------------------

interface Scene {
  cameraId: string;
  /** Seconds of recording before exercise time 0 (the tile's clip offset). */
  lead?: number;
  graph: (d: number) => string;
}

interface IncidentSpec {
  id: string;
  cameraId: string;
  startS: number;
  endS: number;
  category: string;
  description: string;
}

// The ground truth. Each actor enters at startS and is gone by endS.
const INCIDENTS: IncidentSpec[] = [
  { id: 'I1', cameraId: 'cam-01', startS: 25, endS: 45, category: 'suspicious', description: 'A man in a red jacket walks to the fountain, waits there ten seconds, then leaves.' },
  { id: 'I2', cameraId: 'cam-54', startS: 50, endS: 70, category: 'incident', description: 'A man in a bright red shirt runs onto the platform, moves about agitatedly and runs off (the knife report).' },
  { id: 'I3', cameraId: 'cam-30', startS: 75, endS: 95, category: 'fire', description: 'A bin catches fire beside the path: flames and smoke for twenty seconds.' },
  { id: 'I4', cameraId: 'cam-07', startS: 100, endS: 120, category: 'traffic', description: 'A white van stops across the market street lane, blocking it, then drives off.' },
  { id: 'I5', cameraId: 'cam-45', startS: 125, endS: 145, category: 'medical', description: 'A walker collapses on the riverside path and lies there, then gets up and leaves.' },
  { id: 'I6', cameraId: 'cam-62', startS: 150, endS: 170, category: 'suspicious', description: 'A person leaves a box on the pier and walks away; the box stays until 2:50.' },
];
const incident = (id: string) => INCIDENTS.find((i) => i.id === id)!;

const scenes: Scene[] = [
  {
    cameraId: 'cam-01', // Plaza de Armas: fountain, benches, strollers; I1 loiters at the fountain.
    graph: (d) => {
      const i = incident('I1');
      return compose(
        `${src(`color=c=0xb9a98a:s=${W}x${H}`, d)},${box(170, 90, 140, 100, '0x8d8371')},${box(185, 105, 110, 70, '0x4f86b8')},` +
          `${box(40, 40, 70, 14, '0x6b4a2e')},${box(370, 210, 70, 14, '0x6b4a2e')},${box(0, 0, W, 18, '0x6d6d66')}[bg]`,
        [
          ...[0, 1, 2].map((k) => ({ sprite: disc(['0x2a2a2a', '0x3050a0', '0xe0e0e0'][k]!, 10, `p${k}`, d), label: `p${k}`, x: `240+${150 + 20 * k}*sin(2*PI*t/${23 + 7 * k}+${k})-w/2`, y: `135+${95 - 10 * k}*sin(2*PI*t/${31 + 5 * k}+${2 * k})-h/2` })),
          { sprite: person('0xc62828', 'actor', d), label: 'actor', x: visit(i.startS, i.startS + 5, i.endS - 5, i.endS, -14, 150, W + 2), y: '150', enable: `between(t,${i.startS},${i.endS})` },
        ],
      );
    },
  },
  {
    cameraId: 'cam-03', // A corner of the plaza: traffic both ways, people crossing. Nothing happens here.
    graph: (d) =>
      compose(
        `${src(`color=c=0x4a5a3a:s=${W}x${H}`, d)},${box(0, 110, W, 70, '0x45484c')},${box(0, 90, W, 20, '0xa8a08c')},${box(0, 180, W, 20, '0xa8a08c')},` +
          Array.from({ length: 8 }, (_, k) => box(10 + k * 60, 143, 28, 3, '0xd8d8d0')).join(',') + '[bg]',
        [
          { sprite: vehicle('0x1e5aa8', 'c1', d), label: 'c1', x: passRight(9), y: '118' },
          { sprite: vehicle('0xd0d0c8', 'c2', d), label: 'c2', x: passLeft(13, 4), y: '150' },
          { sprite: vehicle('0x202020', 'c3', d, 56, 26), label: 'c3', x: passRight(17, 8), y: '117' },
          { sprite: disc('0x303030', 10, 'w1', d), label: 'w1', x: passRight(21, 3), y: '94' },
          { sprite: disc('0x8a2be2', 10, 'w2', d), label: 'w2', x: passLeft(27, 11), y: '186' },
        ],
      ),
  },
  {
    cameraId: 'cam-07', // Market street: stalls, traffic in the far lane; I4 a van stops in the near lane.
    graph: (d) => {
      const i = incident('I4');
      return compose(
        `${src(`color=c=0x8c7b62:s=${W}x${H}`, d)},${box(0, 100, W, 90, '0x45484c')},` +
          Array.from({ length: 6 }, (_, k) => box(10 + k * 80, 20, 60, 50, ['0xc0392b', '0x27ae60', '0xf1c40f', '0x2980b9', '0xe67e22', '0x8e44ad'][k]!)).join(',') +
          `,${box(0, 143, W, 3, '0xd8d8d0')}[bg]`,
        [
          { sprite: vehicle('0x6a1b9a', 'c1', d), label: 'c1', x: passLeft(11), y: '110' },
          { sprite: vehicle('0x9e9e9e', 'c2', d), label: 'c2', x: passLeft(15, 6), y: '110' },
          ...[0, 1].map((k) => ({ sprite: disc(['0x1a1a1a', '0xf5f5f5'][k]!, 10, `p${k}`, d), label: `p${k}`, x: k === 0 ? passRight(19, 2) : passLeft(23, 9), y: String(78 + k * 120) })),
          { sprite: vehicle('0xf5f5f5', 'van', d, 70, 30), label: 'van', x: visit(i.startS, i.startS + 4, i.endS - 4, i.endS, -72, 200, W + 2), y: '152', enable: `between(t,${i.startS},${i.endS})` },
        ],
      );
    },
  },
  {
    cameraId: 'cam-24', // Hospital: a facade, an ambulance bay, people on the pavement. Nothing happens here.
    graph: (d) =>
      compose(
        `${src(`color=c=0xcfd8dc:s=${W}x${H}`, d)},${box(0, 0, W, 110, '0xeceff1')},` +
          Array.from({ length: 7 }, (_, k) => box(20 + k * 65, 20, 40, 30, '0x90a4ae')).join(',') +
          `,${box(200, 60, 80, 50, '0x546e7a')},${box(0, 170, W, 100, '0x45484c')},${box(230, 30, 20, 6, '0xe53935')},${box(237, 23, 6, 20, '0xe53935')}[bg]`,
        [
          { sprite: disc('0x263238', 10, 'w1', d), label: 'w1', x: passRight(17), y: '130' },
          { sprite: disc('0x1565c0', 10, 'w2', d), label: 'w2', x: passLeft(23, 5), y: '148' },
          { sprite: vehicle('0xfafafa', 'amb', d, 64, 28), label: 'amb', x: passRight(45, 20), y: '200' },
        ],
      ),
  },
  {
    cameraId: 'cam-30', // Park: lawns, trees, a jogger; I3 a bin fire by the path.
    graph: (d) => {
      const i = incident('I3');
      return compose(
        `${src(`color=c=0x3e7d32:s=${W}x${H}`, d)},${box(0, 125, W, 22, '0xc8b88a')},${box(300, 0, 22, H, '0xc8b88a')},` +
          [[40, 30], [120, 190], [400, 50], [420, 200], [200, 40]].map(([x, y]) => box(x!, y!, 34, 34, '0x1b4d1f')).join(',') +
          `,${box(250, 150, 12, 16, '0x37474f')}[bg]`,
        [
          { sprite: disc('0x1976d2', 10, 'jog', d), label: 'jog', x: passRight(14, 1), y: '130' },
          { sprite: disc('0xfafafa', 10, 'walk', d), label: 'walk', x: '306', y: `mod((t+5)/26,1)*(H+h)-h` },
          { sprite: disc('0x9e9e9e', 34, 'smoke', d), label: 'smoke', x: `240+6*sin(t*3)`, y: `118-mod(t*8,30)`, enable: `between(t,${i.startS + 2},${i.endS})` },
          { sprite: disc('0xff6d00', 26, 'fire1', d), label: 'fire1', x: '243', y: '136', enable: `between(t,${i.startS},${i.endS})*lt(mod(t,0.4),0.2)` },
          { sprite: disc('0xffd600', 20, 'fire2', d), label: 'fire2', x: '246', y: '140', enable: `between(t,${i.startS},${i.endS})*gte(mod(t,0.4),0.2)` },
        ],
      );
    },
  },
  {
    cameraId: 'cam-45', // Riverside path: water, a cyclist; I5 a walker collapses, lies, then leaves.
    graph: (d) => {
      const i = incident('I5');
      const fall = i.startS + 6;
      const rise = i.endS - 4;
      return compose(
        `${src(`color=c=0x4e7d3a:s=${W}x${H}`, d)},${box(0, 0, W, 90, '0x2b5d8a')},${box(0, 95, W, 3, '0x6d6d66')},${box(0, 150, W, 24, '0xb0a080')}[bg]`,
        [
          { sprite: disc('0xffeb3b', 12, 'bike', d), label: 'bike', x: passLeft(16, 3), y: '155' },
          { sprite: disc('0xe0e0e0', 16, 'boat', d), label: 'boat', x: passRight(60, 10), y: '40' },
          { sprite: person('0x00897b', 'walker', d), label: 'walker', x: `if(lt(t,${rise}),${visit(i.startS, i.startS + 4, fall, fall + 1, W + 2, 240, 240)},240-(t-${rise})*${(240 + 14) / 4})`, y: '140', enable: `between(t,${i.startS},${fall})+between(t,${rise},${i.endS})` },
          { sprite: lying('0x00897b', 'down', d), label: 'down', x: '232', y: '160', enable: `between(t,${fall},${rise})` },
        ],
      );
    },
  },
  {
    cameraId: 'cam-54', // Bus terminal platform: buses come and go; I2 a man runs in, agitated, runs off.
    graph: (d) => {
      const i = incident('I2');
      return compose(
        `${src(`color=c=0x5d5d5d:s=${W}x${H}`, d)},${box(0, 150, W, 60, '0x9e9e9e')},${box(0, 148, W, 3, '0xfdd835')},` +
          Array.from({ length: 5 }, (_, k) => box(30 + k * 95, 160, 8, 40, '0x37474f')).join(',') + '[bg]',
        [
          { sprite: vehicle('0x1565c0', 'bus1', d, 170, 48), label: 'bus1', x: `if(lt(mod(t,40),8),-w+mod(t,40)/8*(w+40),if(lt(mod(t,40),25),40,40+(mod(t,40)-25)/8*(W-40+w)))`, y: '70' },
          ...[0, 1, 2].map((k) => ({ sprite: disc(['0x212121', '0xfafafa', '0x6d4c41'][k]!, 10, `p${k}`, d), label: `p${k}`, x: k === 1 ? passLeft(29, 7) : passRight(19 + 6 * k, 4 * k), y: String(165 + k * 12) })),
          { sprite: person('0xff1744', 'actor', d), label: 'actor', x: `if(lt(t,${i.startS + 3}),-14+(t-${i.startS})*${(240 + 14) / 3},if(lt(t,${i.endS - 4}),240+50*sin((t-${i.startS + 3})*2.2),240+(t-${i.endS - 4})*${(W - 240 + 16) / 4}))`, y: '160', enable: `between(t,${i.startS},${i.endS})` },
        ],
      );
    },
  },
  {
    cameraId: 'cam-57', // Avenue by the terminal: four lanes of traffic. The recording starts 10 s early.
    lead: 10,
    graph: (d) =>
      compose(
        `${src(`color=c=0x455a40:s=${W}x${H}`, d)},${box(0, 60, W, 150, '0x424242')},${box(0, 133, W, 4, '0xfdd835')},` +
          [97, 170].map((y) => Array.from({ length: 8 }, (_, k) => box(10 + k * 60, y, 28, 3, '0xe0e0e0')).join(',')).join(',') + '[bg]',
        [
          { sprite: vehicle('0xb71c1c', 'c1', d), label: 'c1', x: passRight(7), y: '68' },
          { sprite: vehicle('0xeeeeee', 'c2', d), label: 'c2', x: passRight(9, 3), y: '104' },
          { sprite: vehicle('0x0d47a1', 'c3', d), label: 'c3', x: passLeft(8, 1), y: '142' },
          { sprite: vehicle('0x212121', 'c4', d, 60, 26), label: 'c4', x: passLeft(11, 5), y: '178' },
          { sprite: vehicle('0xff8f00', 'c5', d, 90, 30), label: 'c5', x: passRight(23, 12), y: '102' },
        ],
      ),
  },
  {
    cameraId: 'cam-62', // The pier: boats on the water; I6 a box left on the planks.
    graph: (d) => {
      const i = incident('I6');
      return compose(
        `${src(`color=c=0x1e4f7a:s=${W}x${H}`, d)},${box(0, 0, W, 50, '0x8d8371')},${box(180, 50, 120, H - 50, '0x7a5a3a')},` +
          Array.from({ length: 10 }, (_, k) => box(180, 60 + k * 21, 120, 2, '0x5a4028')).join(',') + '[bg]',
        [
          { sprite: vehicle('0xf5f5f5', 'boat1', d, 80, 28), label: 'boat1', x: passRight(50, 5), y: '80' },
          { sprite: vehicle('0xffca28', 'boat2', d, 46, 20), label: 'boat2', x: passLeft(37, 20), y: '200' },
          { sprite: disc('0x263238', 10, 'guard', d), label: 'guard', x: '235', y: `60+mod((t+3)/30,1)*200` },
          { sprite: `${src('color=c=0xa1887f:s=18x14', d)},${box(0, 6, 18, 2, '0x4e342e')}[box]`, label: 'box', x: '250', y: '170', enable: `between(t,${i.startS + 5},${i.endS})` },
          { sprite: person('0x37474f', 'actor', d), label: 'actor', x: '236', y: visit(i.startS, i.startS + 4, i.startS + 6, i.startS + 10, H + 2, 160, H + 2), enable: `between(t,${i.startS},${i.startS + 10})` },
        ],
      );
    },
  },
];

// ---- encoding ---------------------------------------------------------------------------------

function generate(scene: Scene): string {
  const lead = scene.lead ?? 0;
  const d = DURATION_S + lead;
  // Only a scene without incidents has a lead: its traffic needs no shifting to exercise time.
  const graph = scene.graph(d);
  const osd = existsSync(FONT) ? `,drawtext=fontfile=${FONT}:text='REC %{pts\\:hms}':x=6:y=h-20:fontsize=12:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=3` : '';
  const file = join(CLIP_DIR, `${scene.cameraId}.mp4`);
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-filter_complex', `${graph};[v]format=yuv420p${osd}[out]`,
    '-map', '[out]',
    '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'medium', '-tune', 'fastdecode',
    '-bf', '0', '-g', String(FPS), '-keyint_min', String(FPS), '-sc_threshold', '0',
    '-crf', '30', '-maxrate', '160k', '-bufsize', '320k', '-pix_fmt', 'yuv420p',
    '-an', '-map_metadata', '-1', '-movflags', '+faststart', '-fflags', '+bitexact', '-flags:v', '+bitexact',
    '-frames:v', String(d * FPS), file,
  ];
  const run = spawnSync(FFMPEG, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.error) throw new Error(`cannot run ${FFMPEG}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`ffmpeg failed for ${scene.cameraId}, exit ${run.status}`);
  console.log(`${scene.cameraId}.mp4  ${(statSync(file).size / 1024).toFixed(0)} kB`);
  return file;
}

function cameraOf(id: string) {
  const camera = site.cameras.find((c) => c.id === id);
  if (!camera) throw new Error(`camera ${id} is not in the demo site`);
  return camera;
}

function exerciseFile(): ExerciseInput {
  const where = (id: string) => {
    const c = cameraOf(id);
    return { lat: c.position.lat, lng: c.position.lng, label: c.name };
  };
  return {
    version: 1,
    title: 'Saturday afternoon in Puerto Atalaya',
    description:
      'Three minutes of recorded footage from nine city cameras: the plaza, the market, the hospital, the park, the riverside, the bus terminal and the pier. Six incidents happen; some are announced by calls and radio messages, some are not. Bookmark each one on the camera that shows it, with the right category.',
    durationS: DURATION_S,
    screens: [
      {
        id: '1',
        rows: 3,
        cols: 3,
        tiles: scenes.map((s) => ({ cameraId: s.cameraId, label: `${cameraOf(s.cameraId).number} · ${cameraOf(s.cameraId).name}`, clip: { src: `clips/${s.cameraId}.mp4`, offsetS: s.lead ?? 0 } })),
      },
    ],
    injects: [
      { id: 'J1', atS: 3, kind: 'message', text: 'Shift start: Saturday afternoon, busy centre. Watch every camera and bookmark anything that needs a response.', showS: 15, sound: 'chime' },
      { id: 'J2', atS: 48, kind: 'alert', text: 'Emergency call: a man with a knife near the bus terminal, Los Aromos y Chacabuco.', showS: 25, location: where('cam-54'), sound: 'alarm' },
      { id: 'J3', atS: 80, kind: 'message', text: 'Park ranger on the radio: smoke seen somewhere in Parque Bicentenario.', showS: 20, location: where('cam-30'), sound: 'chime' },
      { id: 'J4', atS: 133, kind: 'alert', text: 'Ambulance requested: a person collapsed by the river, Vivar y Ribera Sur.', showS: 20, location: where('cam-45'), sound: 'alarm' },
      { id: 'J5', atS: 158, kind: 'message', text: 'Port security asks the centre to check the pier for unattended items.', showS: 20, location: where('cam-62'), sound: 'chime' },
    ],
    incidents: INCIDENTS.map(({ cameraId, ...i }) => ({ ...i, cameraIds: [cameraId] })),
    scoring: { graceBeforeS: 0, graceAfterS: 10 },
  };
}

function main(): void {
  mkdirSync(CLIP_DIR, { recursive: true });
  const only = process.argv[2];
  if (!only) for (const f of readdirSync(CLIP_DIR)) if (f.endsWith('.mp4')) rmSync(join(CLIP_DIR, f));
  for (const scene of scenes) if (!only || only === scene.cameraId) generate(scene);
  writeFileSync(join(OUT_DIR, 'saturday-afternoon.json'), `${JSON.stringify(exerciseFile(), null, 2)}\n`);
  const total = readdirSync(CLIP_DIR).reduce((sum, f) => sum + statSync(join(CLIP_DIR, f)).size, 0);
  console.log(`${scenes.length} clips, ${(total / 1024 / 1024).toFixed(2)} MB; exercise written to ${join(OUT_DIR, 'saturday-afternoon.json')}`);
  if (total > MAX_TOTAL_BYTES) throw new Error(`clips total ${total} bytes, over the ${MAX_TOTAL_BYTES} budget`);
}

main();
