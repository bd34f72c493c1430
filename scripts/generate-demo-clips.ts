// Generates the demo camera clips committed under resources/demo/clips/.
//
//   npx tsx scripts/generate-demo-clips.ts
//
// Each scene is a 10 s loop of synthetic footage (lavfi sources, moving sprites driven
// by expressions of t), encoded twice: main 640x360@25 and sub 320x180@15. The camera
// simulator (main/services/simulator/) replays them forever with rewritten timestamps,
// so the encoding is chosen for that: H.264 without B-frames (decode order = display
// order, so the loop point needs no reordering), a keyframe every second (the GOP a new
// viewer waits for at most), zerolatency, no audio, FLV container.
// Motion is periodic in the loop length wherever it is drawn by expression, so the loop
// point does not jump; generative sources (fractal, life, cellular automaton) play 5 s
// forward and 5 s backward for the same reason.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const OUT_DIR = fileURLToPath(new URL('../resources/demo/clips/', import.meta.url));
const FFMPEG = process.env.FFMPEG ?? 'ffmpeg';
const LOOP_S = 10;
const W = 640;
const H = 360;
const FPS = 25;
// The issue allows 10 MB for all clips; these caps keep the set near 5 MB.
const MAX_TOTAL_BYTES = 10 * 1024 * 1024;

interface Quality {
  suffix: 'main' | 'sub';
  width: number;
  height: number;
  fps: number;
  maxrate: string;
  bufsize: string;
}

const QUALITIES: Quality[] = [
  { suffix: 'main', width: 640, height: 360, fps: 25, maxrate: '400k', bufsize: '800k' },
  { suffix: 'sub', width: 320, height: 180, fps: 15, maxrate: '120k', bufsize: '240k' },
];

interface Scene {
  name: string;
  /** A filter graph producing [v]: W x H at FPS, LOOP_S seconds. */
  graph: string;
}

// ---- graph helpers -------------------------------------------------------------------

const source = (spec: string, label: string): string => `${spec}:r=${FPS}:d=${LOOP_S}[${label}]`;
const plain = (color: string, label: string, w = W, h = H): string =>
  source(`color=c=${color}:s=${w}x${h}`, label);
/** A filled round sprite: alpha from the distance to the centre. */
const disc = (color: string, d: number, label: string): string =>
  `color=c=${color}:s=${d}x${d}:r=${FPS}:d=${LOOP_S},format=rgba,` +
  `geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lte(hypot(X-${d / 2},Y-${d / 2}),${d / 2}),255,0)'[${label}]`;
const box = (x: number, y: number, w: number, h: number, color: string, extra = ''): string =>
  `drawbox=x=${x}:y=${y}:w=${w}:h=${h}:color=${color}:t=fill${extra}`;

interface Mover {
  sprite: string; // a graph producing [label]
  label: string;
  x: string;
  y: string;
}

/** Overlays each mover on the background [bg] in turn; the result is [v]. */
function compose(background: string, movers: Mover[]): string {
  const parts = [background, ...movers.map((m) => m.sprite)];
  let prev = 'bg';
  movers.forEach((m, i) => {
    const out = i === movers.length - 1 ? 'v' : `o${i}`;
    parts.push(`[${prev}][${m.label}]overlay=x='${m.x}':y='${m.y}':eval=frame:shortest=1[${out}]`);
    prev = out;
  });
  return parts.join(';');
}

/** A period that divides the loop, so positions at t = 0 and t = LOOP_S coincide. */
const cycle = (perLoop: number): string => `2*PI*${perLoop}*t/${LOOP_S}`;
/** Left-to-right pass repeated `perLoop` times per loop, starting at `phase` (0..1). */
const passRight = (perLoop: number, phase = 0): string =>
  `mod((t/${LOOP_S}*${perLoop}+${phase})*(W+w),W+w)-w`;
const passLeft = (perLoop: number, phase = 0): string =>
  `W-mod((t/${LOOP_S}*${perLoop}+${phase})*(W+w),W+w)`;
const passDown = (perLoop: number, phase = 0): string =>
  `mod((t/${LOOP_S}*${perLoop}+${phase})*(H+h),H+h)-h`;
const passUp = (perLoop: number, phase = 0): string =>
  `H-mod((t/${LOOP_S}*${perLoop}+${phase})*(H+h),H+h)`;

/** Half a loop of a generative source, then the same frames backwards. */
const pingPong = (spec: string, rate: number, label: string): string =>
  `${spec}:r=${rate},fps=${FPS},trim=duration=${LOOP_S / 2},setpts=PTS-STARTPTS,split[pf][pb];` +
  `[pb]reverse[pr];[pf][pr]concat=n=2:v=1[${label}]`;

const car = (color: string, label: string, w = 56, h = 26): string =>
  `color=c=${color}:s=${w}x${h}:r=${FPS}:d=${LOOP_S},` +
  `${box(w - 12, 3, 8, h - 6, '0x202830')},${box(6, 3, 6, h - 6, '0x202830')}[${label}]`;
const carV = (color: string, label: string, w = 26, h = 56): string =>
  `color=c=${color}:s=${w}x${h}:r=${FPS}:d=${LOOP_S},` +
  `${box(3, h - 12, w - 6, 8, '0x202830')},${box(3, 6, w - 6, 6, '0x202830')}[${label}]`;

// ---- scenes --------------------------------------------------------------------------

const scenes: Scene[] = [
  {
    name: 'crossroads: two roads, cars in four directions',
    graph: compose(
      `${plain('0x35502f', 'g')};[g]${box(0, 140, W, 90, '0x44474a')},${box(280, 0, 90, H, '0x44474a')},` +
        Array.from({ length: 10 }, (_, i) => box(20 + i * 64, 183, 30, 4, '0xd8d8d0')).join(',') +
        `,${box(323, 0, 4, 130, '0xd8d8d0')},${box(323, 240, 4, 120, '0xd8d8d0')}[bg]`,
      [
        { sprite: car('0xc03030', 'c1'), label: 'c1', x: passRight(1), y: '150' },
        { sprite: car('0x3060c0', 'c2'), label: 'c2', x: passRight(1, 0.5), y: '150' },
        { sprite: car('0xe0e0e0', 'c3', 70, 28), label: 'c3', x: passLeft(2, 0.2), y: '194' },
        { sprite: carV('0xe0b020', 'c4'), label: 'c4', x: '290', y: passDown(2, 0.1) },
        { sprite: carV('0x30a060', 'c5'), label: 'c5', x: '334', y: passUp(1, 0.6) },
      ],
    ),
  },
  {
    name: 'roundabout: traffic circling an island',
    graph: compose(
      `${plain('0x3c5a32', 'g')};[g]format=rgb24,geq=` +
        `r='if(between(hypot(X-320,Y-180),80,150),70,if(lt(hypot(X-320,Y-180),80),90,r(X,Y)))':` +
        `g='if(between(hypot(X-320,Y-180),80,150),72,if(lt(hypot(X-320,Y-180),80),140,g(X,Y)))':` +
        `b='if(between(hypot(X-320,Y-180),80,150),76,if(lt(hypot(X-320,Y-180),80),70,b(X,Y)))',` +
        `${box(0, 150, 180, 60, '0x46484c')},${box(460, 150, 180, 60, '0x46484c')}[bg]`,
      [0, 1, 2, 3].map((k) => ({
        sprite: disc(['0xd04040', '0xf0f0f0', '0x4070d0', '0xe0c030'][k]!, 26, `r${k}`),
        label: `r${k}`,
        x: `320+127*cos(${cycle(k === 3 ? 2 : 1)}+${k}*PI/2)-w/2`,
        y: `180+127*sin(${cycle(k === 3 ? 2 : 1)}+${k}*PI/2)-h/2`,
      })).concat([
        { sprite: disc('0x202020', 22, 'r4'), label: 'r4', x: `320+100*cos(-${cycle(3)})-w/2`, y: `180+100*sin(-${cycle(3)})-h/2` },
      ]),
    ),
  },
  {
    name: 'plaza: pedestrians crossing around a fountain',
    graph: compose(
      `${plain('0xb4a486', 'p')};[p]${box(250, 120, 140, 120, '0x8a8070')},${box(270, 140, 100, 80, '0x5080b0')},` +
        `${box(0, 0, W, 24, '0x6a6a60')},${box(0, 336, W, 24, '0x6a6a60')}[bg]`,
      Array.from({ length: 9 }, (_, k) => {
        const colors = ['0x202020', '0xc03030', '0x2040a0', '0xf0f0f0', '0x308030', '0x806020', '0xd070a0', '0x404060', '0xe0a020'];
        const a = 1 + (k % 3);
        const b = 1 + ((k + 1) % 2);
        return {
          sprite: disc(colors[k]!, 14, `p${k}`),
          label: `p${k}`,
          x: `320+${150 + 15 * k}*sin(${cycle(a)}+${k * 0.7})-w/2`,
          y: `180+${110 + 5 * k}*sin(${cycle(b)}+${k * 1.3})-h/2`,
        };
      }),
    ),
  },
  {
    name: 'level crossing: a train passes, barrier lights blink, then a car crosses',
    graph: compose(
      `${plain('0x2e4028', 'g')};[g]${box(0, 150, W, 60, '0x5a5048')},${box(0, 162, W, 4, '0x9a9a9a')},` +
        `${box(0, 194, W, 4, '0x9a9a9a')},${box(300, 0, 64, H, '0x44474a')},` +
        `${box(280, 120, 14, 14, '0xff2020', ":enable='lt(t,4.6)*lt(mod(t,0.5),0.25)'")},` +
        `${box(370, 226, 14, 14, '0xff2020', ":enable='lt(t,4.6)*gte(mod(t,0.5),0.25)'")}[bg]`,
      [
        {
          sprite:
            `color=c=0x2050a0:s=420x40:r=${FPS}:d=${LOOP_S},` +
            Array.from({ length: 12 }, (_, i) => box(10 + i * 34, 8, 22, 14, '0xd0e0f0')).join(',') +
            `,${box(0, 30, 420, 4, '0xf0c020')}[tr]`,
          label: 'tr',
          x: `if(lt(t,4),-w+t/4*(W+w),W)`,
          y: '160',
        },
        { sprite: carV('0xc04040', 'cv'), label: 'cv', x: '318', y: `if(gt(t,5),-h+(t-5)/5*(H+h),-h)` },
      ],
    ),
  },
  {
    name: 'harbour: rippling water, boats and a pier',
    graph: compose(
      `${plain('black', 'w')};[w]format=rgb24,geq=r='24':g='70+8*sin(X/30+${cycle(4).replaceAll('t', 'T')})':` +
        `b='130+12*sin((X+Y)/40-${cycle(2).replaceAll('t', 'T')})',` +
        `${box(0, 0, W, 60, '0x8c8070')},${box(420, 60, 40, 220, '0x6a4a30')}[bg]`,
      [
        {
          sprite: `color=c=0xf0f0f0:s=90x30:r=${FPS}:d=${LOOP_S},${box(30, 0, 30, 12, '0xc03030')}[b1]`,
          label: 'b1',
          x: passRight(1),
          y: `110+6*sin(${cycle(5)})`,
        },
        {
          sprite: `color=c=0xe0c040:s=50x20:r=${FPS}:d=${LOOP_S}[b2]`,
          label: 'b2',
          x: passLeft(2, 0.3),
          y: `250+4*sin(${cycle(6)})`,
        },
        { sprite: disc('0xff8000', 12, 'bu'), label: 'bu', x: `200+4*sin(${cycle(3)})`, y: `190+3*cos(${cycle(4)})` },
      ],
    ),
  },
  {
    name: 'fractal: a Mandelbrot zoom with a patrolling marker',
    graph: compose(
      // end_pts counts frames, not seconds.
      pingPong(
        `mandelbrot=s=${W}x${H}:maxiter=256:start_scale=3:end_scale=0.15:end_pts=${(LOOP_S / 2) * FPS}:inner=black:outer=normalized_iteration_count`,
        FPS,
        'bg',
      ),
      [{ sprite: `color=c=0xffffff:s=30x30:r=${FPS}:d=${LOOP_S},${box(4, 4, 22, 22, '0x000000')}[m]`, label: 'm', x: passRight(1), y: `165+120*sin(${cycle(2)})` }],
    ),
  },
  {
    name: 'life: Conway cells with a crossing drone',
    graph: compose(
      pingPong(`life=s=80x45:mold=25:ratio=0.3:seed=7:life_color=0x60e060:death_color=0x203020:mold_color=0x182818`, 6, 'lf') +
        `;[lf]scale=${W}:${H}:flags=neighbor[bg]`,
      [{ sprite: disc('0xe04040', 28, 'dr'), label: 'dr', x: passRight(1, 0.25), y: `180+100*sin(${cycle(1)})-h/2` }],
    ),
  },
  {
    name: 'parking at night: a car parks and leaves, a guard walks, a lamp flickers',
    graph: compose(
      `${plain('0x101418', 'n')};[n]` +
        Array.from({ length: 7 }, (_, i) => box(40 + i * 80, 40, 3, 90, '0xc8c8b0')).join(',') +
        ',' +
        Array.from({ length: 7 }, (_, i) => box(40 + i * 80, 230, 3, 90, '0xc8c8b0')).join(',') +
        `,${box(60, 60, 44, 64, '0x303848')},${box(220, 60, 44, 64, '0x483030')},${box(380, 240, 44, 64, '0x384030')}` +
        `,${box(590, 10, 30, 30, '0xfff0a0', ":enable='lt(mod(t,2.5),2.2)'")}[bg]`,
      [
        {
          sprite: carV('0x8090a0', 'pc', 42, 62),
          label: 'pc',
          // Drives up into a bay, stays, backs out: piecewise in t, off-screen at both ends.
          x: '460',
          y: `if(lt(t,4),H-t/4*(H-60),if(lt(t,7),60,60+(t-7)/3*(H-60)))`,
        },
        { sprite: disc('0xf0e060', 12, 'gd'), label: 'gd', x: passRight(1, 0.4), y: '176' },
      ],
    ),
  },
  {
    name: 'cellular automaton: a scrolling rule-110 wall with a lift',
    graph: compose(
      pingPong(`cellauto=s=${W / 4}x${H / 4}:rule=110:random_fill_ratio=0.5:random_seed=3:scroll=1`, 10, 'ca') +
        `;[ca]scale=${W}:${H}:flags=neighbor,lutrgb=r='val*0.3':g='val*0.6':b='val*0.9'[bg]`,
      [
        { sprite: `color=c=0xe0e0e0:s=60x80:r=${FPS}:d=${LOOP_S},${box(8, 8, 44, 64, '0x404040')}[lt]`, label: 'lt', x: '290', y: `140+130*sin(${cycle(1)})` },
      ],
    ),
  },
  {
    name: 'bus depot: buses enter and leave lanes under a sweeping light',
    graph: compose(
      `${plain('0x3a3a3e', 'd')};[d]` +
        Array.from({ length: 4 }, (_, i) => box(0, 40 + i * 80, W, 4, '0xe0d040')).join(',') + '[bg]',
      [
        { sprite: car('0x2070c0', 'b1', 150, 44), label: 'b1', x: passRight(1), y: '58' },
        { sprite: car('0xd0d0d0', 'b2', 150, 44), label: 'b2', x: passLeft(1, 0.5), y: '138' },
        { sprite: car('0xc06020', 'b3', 150, 44), label: 'b3', x: passRight(2, 0.7), y: '218' },
        {
          sprite: `color=c=0xffffc0@0.35:s=120x${H}:r=${FPS}:d=${LOOP_S},format=rgba[sl]`,
          label: 'sl',
          x: `260+240*sin(${cycle(1)})`,
          y: '0',
        },
      ],
    ),
  },
];

// ---- encoding ------------------------------------------------------------------------

function encodeArgs(q: Quality, label: string, file: string): string[] {
  return [
    '-map', `[${label}]`,
    '-c:v', 'libx264', '-profile:v', 'main', '-level:v', '3.0', '-preset', 'veryfast', '-tune', 'zerolatency',
    '-bf', '0', '-g', String(q.fps), '-keyint_min', String(q.fps), '-sc_threshold', '0',
    '-crf', '24', '-maxrate', q.maxrate, '-bufsize', q.bufsize, '-pix_fmt', 'yuv420p',
    '-an', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact',
    '-frames:v', String(q.fps * LOOP_S), '-f', 'flv', file,
  ];
}

function generate(scene: Scene, index: number): void {
  const stem = `scene-${String(index + 1).padStart(2, '0')}`;
  const [main, sub] = QUALITIES as [Quality, Quality];
  // The fps filter drops the last 15 fps frame when it cannot see the 10 s end time
  // through the graph: pad the end, then cut each output at exactly one loop of frames.
  const graph =
    `${scene.graph};[v]format=yuv420p,tpad=stop_duration=1:stop_mode=clone,split=2[vm][vs0];` +
    `[vs0]fps=${sub.fps},scale=${sub.width}:${sub.height}:flags=area[vs]`;
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-filter_complex', graph,
    ...encodeArgs(main, 'vm', join(OUT_DIR, `${stem}-${main.suffix}.flv`)),
    ...encodeArgs(sub, 'vs', join(OUT_DIR, `${stem}-${sub.suffix}.flv`)),
  ];
  const run = spawnSync(FFMPEG, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.error) throw new Error(`cannot run ${FFMPEG}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`ffmpeg failed for ${stem} (${scene.name}), exit ${run.status}`);
  console.log(`${stem}  ${scene.name}`);
}

function main(): void {
  const only = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  mkdirSync(OUT_DIR, { recursive: true });
  if (only === undefined) {
    for (const f of readdirSync(OUT_DIR)) if (f.endsWith('.flv')) rmSync(join(OUT_DIR, f));
  }
  scenes.forEach((scene, i) => {
    if (only === undefined || only === i + 1) generate(scene, i);
  });
  const total = readdirSync(OUT_DIR)
    .filter((f) => f.endsWith('.flv'))
    .reduce((sum, f) => sum + statSync(join(OUT_DIR, f)).size, 0);
  console.log(`${scenes.length} scenes, ${(total / 1024 / 1024).toFixed(2)} MB in ${OUT_DIR}`);
  if (total > MAX_TOTAL_BYTES) throw new Error(`clips total ${total} bytes, over the ${MAX_TOTAL_BYTES} budget`);
}

main();
