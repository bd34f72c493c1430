import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipFormatOf, describeExerciseProblems, exerciseTiles, parseExercise, type ExerciseInput } from '../../../../common/training/exerciseSchema';

const DEMO = join(import.meta.dirname, '..', '..', '..', '..', 'resources', 'demo', 'exercise', 'saturday-afternoon.json');

export function smallExercise(patch: Partial<ExerciseInput> = {}): ExerciseInput {
  return {
    version: 1,
    title: 'Test',
    durationS: 100,
    screens: [{ id: '1', rows: 1, cols: 2, tiles: [{ cameraId: 'c1', clip: { src: 'a.mp4' } }, { cameraId: 'c2', clip: { src: 'b.flv', offsetS: 5 } }] }],
    incidents: [{ id: 'I1', cameraIds: ['c1'], startS: 10, endS: 20, category: 'incident' }],
    injects: [{ id: 'J1', atS: 5, text: 'hello' }],
    ...patch,
  };
}

const problems = (value: unknown) => {
  const parsed = parseExercise(typeof value === 'string' ? value : JSON.stringify(value));
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('exercise file', () => {
  it('the bundled demo exercise is valid: 3×3 screen, ≥5 incidents, injects', () => {
    const parsed = parseExercise(readFileSync(DEMO, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.screens[0]).toMatchObject({ rows: 3, cols: 3 });
    expect(exerciseTiles(parsed.value)).toHaveLength(9);
    expect(parsed.value.incidents.length).toBeGreaterThanOrEqual(5);
    expect(parsed.value.injects.length).toBeGreaterThan(0);
  });

  it('fills defaults: categories, scoring grace, inject kind/sound/showS, clip offset', () => {
    const parsed = parseExercise(JSON.stringify(smallExercise()));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.categories.map((c) => c.id)).toContain('incident');
    expect(parsed.value.scoring).toEqual({ graceBeforeS: 0, graceAfterS: 10 });
    expect(parsed.value.injects[0]).toMatchObject({ kind: 'message', sound: 'none', showS: 20 });
    expect(parsed.value.screens[0]!.tiles[0]!.clip.offsetS).toBe(0);
  });

  it('names the problem with its JSON path', () => {
    expect(problems(smallExercise({ incidents: [{ id: 'I1', cameraIds: ['c9'], startS: 10, endS: 20, category: 'incident' }] }))).toEqual([
      'incidents[0].cameraIds[0]: camera "c9" is not on any screen of this exercise (cameras: c1, c2)',
    ]);
    expect(problems(smallExercise({ incidents: [{ id: 'I1', cameraIds: ['c1'], startS: 30, endS: 20, category: 'incident' }] }))).toEqual(['incidents[0].endS: must be after startS (30 s), not 20 s']);
    expect(problems(smallExercise({ incidents: [{ id: 'I1', cameraIds: ['c1'], startS: 30, endS: 200, category: 'incident' }] }))).toEqual([
      'incidents[0].endS: 200 s is after the end of the exercise (durationS 100)',
    ]);
    expect(problems(smallExercise({ incidents: [{ id: 'I1', cameraIds: ['c1'], startS: 10, endS: 20, category: 'arson' }] }))[0]).toMatch(/^incidents\[0\]\.category: category "arson" is not in categories/);
    expect(problems(smallExercise({ injects: [{ id: 'J1', atS: 500, text: 'late' }] }))).toEqual(['injects[0].atS: 500 s is after the end of the exercise (durationS 100)']);
  });

  it('refuses a camera shown twice, more tiles than cells, an unknown clip format, a wrong version, unknown fields', () => {
    const twice = smallExercise({ screens: [{ id: '1', rows: 1, cols: 2, tiles: [{ cameraId: 'c1', clip: { src: 'a.mp4' } }, { cameraId: 'c1', clip: { src: 'b.mp4' } }] }], incidents: [] });
    expect(problems(twice)).toEqual(['screens[0].tiles[1].cameraId: camera "c1" is already shown at screens[0].tiles[0]; a camera may appear once']);
    const crowded = smallExercise({ screens: [{ id: '1', rows: 1, cols: 1, tiles: [{ cameraId: 'c1', clip: { src: 'a.mp4' } }, { cameraId: 'c2', clip: { src: 'b.mp4' } }] }] });
    expect(problems(crowded)).toEqual(['screens[0].tiles: has 2 tiles but a 1×1 grid has 1 cells']);
    const avi = smallExercise({ screens: [{ id: '1', rows: 1, cols: 2, tiles: [{ cameraId: 'c1', clip: { src: 'a.avi' } }, { cameraId: 'c2', clip: { src: 'b.mp4' } }] }] });
    expect(problems(avi)[0]).toMatch(/^screens\[0\]\.tiles\[0\]\.clip\.format: cannot tell the format of "a.avi"/);
    expect(problems({ ...smallExercise(), version: 2 })[0]).toMatch(/^version: /);
    expect(problems({ ...smallExercise(), colour: 'red' })[0]).toMatch(/^\(root\): .*colour/);
  });

  it('reports JSON syntax errors, and describes problems as file: path: message lines', () => {
    const list = parseExercise('{"version": 1,');
    expect(list.ok).toBe(false);
    if (list.ok) return;
    expect(describeExerciseProblems('/x/ex.json', list.problems)).toMatch(/^\/x\/ex\.json: \(root\): not valid JSON/);
  });

  it('tells the clip format from the name', () => {
    expect(clipFormatOf('a/b/Cam.MP4')).toBe('mp4');
    expect(clipFormatOf('http://nvr/x.flv?token=1')).toBe('flv');
    expect(clipFormatOf('rec.ts')).toBe('mpegts');
    expect(clipFormatOf('rec.mkv')).toBeUndefined();
  });
});
