import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreBookmarks, scoreExercise, type ScoringBookmark, type ScoringIncident } from '../../../../common/training/scoring';

const W = { graceBeforeS: 0, graceAfterS: 10 };
const inc = (id: string, cameraIds: string[], startS: number, endS: number, category = 'fight'): ScoringIncident => ({ id, cameraIds, startS, endS, category });
let n = 0;
const bm = (atS: number, cameraIds: string[], categoryId = 'fight', traineeId = 'ana', id = `b${++n}`): ScoringBookmark => ({ id, traineeId, cameraIds, categoryId, atS });

const outcomes = (score: ReturnType<typeof scoreBookmarks>) => ({
  incidents: Object.fromEntries(score.incidents.map((i) => [i.incidentId, i.outcome])),
  bookmarks: Object.fromEntries(score.bookmarks.map((b) => [b.bookmarkId, b.outcome])),
});

describe('scoring: the plain cases', () => {
  it('a bookmark on the camera, in the window, with the category is a hit; reaction = bookmark − start', () => {
    const score = scoreBookmarks([inc('I1', ['c1'], 20, 40)], [bm(27.5, ['c1'], 'fight', 'ana', 'b1')], W);
    expect(score.incidents).toEqual([{ incidentId: 'I1', outcome: 'hit', bookmarkId: 'b1', reactionS: 7.5 }]);
    expect(score.bookmarks).toEqual([{ bookmarkId: 'b1', outcome: 'hit', incidentId: 'I1' }]);
    expect(score.summary).toMatchObject({ hits: 1, missed: 0, falseAlarms: 0, detectionRate: 1, precision: 1, meanReactionS: 7.5, medianReactionS: 7.5 });
  });

  it('an incident nobody bookmarked is missed; a bookmark with nothing there is a false alarm', () => {
    const score = scoreBookmarks([inc('I1', ['c1'], 20, 40)], [bm(100, ['c2'], 'fight', 'ana', 'b1')], W);
    expect(outcomes(score)).toEqual({ incidents: { I1: 'missed' }, bookmarks: { b1: 'false-alarm' } });
    expect(score.bookmarks[0]!.reason).toBe('no-incident');
    expect(score.summary).toMatchObject({ hits: 0, missed: 1, falseAlarms: 1, detectionRate: 0, precision: 0, meanReactionS: null });
  });

  it('the window is inclusive and widened by the grace periods, and no further', () => {
    const rules = { graceBeforeS: 2, graceAfterS: 10 };
    const incidents = [inc('I1', ['c1'], 20, 40)];
    expect(scoreBookmarks(incidents, [bm(18, ['c1'])], rules).summary.hits).toBe(1); // 2 s early: anticipation allowed
    expect(scoreBookmarks(incidents, [bm(17.99, ['c1'])], rules).summary.hits).toBe(0);
    expect(scoreBookmarks(incidents, [bm(50, ['c1'])], rules).summary.hits).toBe(1); // end + 10 s
    expect(scoreBookmarks(incidents, [bm(50.01, ['c1'])], rules).summary.hits).toBe(0);
    const early = scoreBookmarks(incidents, [bm(18, ['c1'], 'fight', 'ana', 'e')], rules);
    expect(early.incidents[0]!.reactionS).toBe(-2);
  });

  it('a late bookmark on the right camera and category is a false alarm explained as "outside the window"', () => {
    const score = scoreBookmarks([inc('I1', ['c1'], 20, 40)], [bm(60, ['c1'])], W);
    expect(score.bookmarks[0]).toMatchObject({ outcome: 'false-alarm', reason: 'outside-window' });
    expect(score.incidents[0]!.outcome).toBe('missed');
  });
});

describe('scoring: the awkward cases', () => {
  it('two bookmarks for one incident: one hit (the earlier, for the reaction time) and one duplicate — not a false alarm', () => {
    const score = scoreBookmarks([inc('I1', ['c1'], 20, 40)], [bm(30, ['c1'], 'fight', 'ana', 'late'), bm(24, ['c1'], 'fight', 'ana', 'early')], W);
    expect(outcomes(score)).toEqual({ incidents: { I1: 'hit' }, bookmarks: { early: 'hit', late: 'duplicate' } });
    expect(score.incidents[0]).toMatchObject({ bookmarkId: 'early', reactionS: 4 });
    expect(score.summary).toMatchObject({ hits: 1, duplicates: 1, falseAlarms: 0, precision: 1 });
  });

  it('a duplicate with another category is still a duplicate of what was caught', () => {
    const score = scoreBookmarks([inc('I1', ['c1'], 20, 40)], [bm(22, ['c1'], 'fight', 'ana', 'a'), bm(26, ['c1'], 'medical', 'ana', 'b')], W);
    expect(outcomes(score).bookmarks).toEqual({ a: 'hit', b: 'duplicate' });
  });

  it('one bookmark within two incidents’ windows counts for one incident only (the one that started first)', () => {
    const incidents = [inc('I1', ['c1'], 20, 40), inc('I2', ['c1'], 30, 50)];
    const score = scoreBookmarks(incidents, [bm(35, ['c1'], 'fight', 'ana', 'b')], W);
    expect(outcomes(score)).toEqual({ incidents: { I1: 'hit', I2: 'missed' }, bookmarks: { b: 'hit' } });
  });

  it('…but when another pairing hits both incidents, it is chosen (most hits wins over first come)', () => {
    // "both" (33 s) is in I1's grace period and in I2's window; "only1" (21 s) fits I1 alone. I1
    // must take "only1" so that I2 is hit too.
    const incidents = [inc('I1', ['c1'], 20, 30, 'fight'), inc('I2', ['c1'], 32, 34, 'fight')];
    const bookmarks = [bm(33, ['c1'], 'fight', 'ana', 'both'), bm(21, ['c1'], 'fight', 'ana', 'only1')];
    const score = scoreBookmarks(incidents, bookmarks, W);
    expect(score.summary.hits).toBe(2);
    expect(score.incidents.find((i) => i.incidentId === 'I2')!.bookmarkId).toBe('both');
    expect(score.incidents.find((i) => i.incidentId === 'I1')!.bookmarkId).toBe('only1');
  });

  it('re-routes an earlier incident when that is the only way to hit a later one', () => {
    // "a" fits I1 and I2; "b" fits I1 only (it is after I2's window closes but within I1's grace).
    const incidents = [inc('I1', ['c1'], 10, 40), inc('I2', ['c1'], 12, 14)];
    const bookmarks = [bm(13, ['c1'], 'fight', 'ana', 'a'), bm(45, ['c1'], 'fight', 'ana', 'b')];
    const score = scoreBookmarks(incidents, bookmarks, { graceBeforeS: 0, graceAfterS: 10 });
    expect(score.summary.hits).toBe(2);
    expect(Object.fromEntries(score.incidents.map((i) => [i.incidentId, i.bookmarkId]))).toEqual({ I1: 'b', I2: 'a' });
  });

  it('right time, wrong category: the incident is "wrong category" (seen, misfiled), the bookmark too — neither hit nor false alarm', () => {
    const score = scoreBookmarks([inc('I1', ['c1'], 20, 40, 'fire')], [bm(25, ['c1'], 'medical', 'ana', 'b')], W);
    expect(outcomes(score)).toEqual({ incidents: { I1: 'wrong-category' }, bookmarks: { b: 'wrong-category' } });
    expect(score.incidents[0]!.reactionS).toBe(5);
    expect(score.summary).toMatchObject({ hits: 0, wrongCategory: 1, missed: 0, falseAlarms: 0, detectionRate: 0, precision: 0 });
  });

  it('right category, wrong camera: a false alarm ("wrong camera") and the incident is missed', () => {
    const score = scoreBookmarks([inc('I1', ['c1'], 20, 40, 'fire')], [bm(25, ['c2'], 'fire', 'ana', 'b')], W);
    expect(outcomes(score)).toEqual({ incidents: { I1: 'missed' }, bookmarks: { b: 'false-alarm' } });
    expect(score.bookmarks[0]!.reason).toBe('wrong-camera');
  });

  it('an incident seen by several cameras is hit by a bookmark on any of them', () => {
    const score = scoreBookmarks([inc('I1', ['c1', 'c2'], 20, 40)], [bm(25, ['c2'])], W);
    expect(score.summary.hits).toBe(1);
  });

  it('a bookmark naming several cameras still marks one incident: a second simultaneous incident is missed', () => {
    const incidents = [inc('I1', ['c1'], 20, 40), inc('I2', ['c2'], 20, 40)];
    const score = scoreBookmarks(incidents, [bm(25, ['c1', 'c2'], 'fight', 'ana', 'b')], W);
    expect(score.summary).toMatchObject({ hits: 1, missed: 1, falseAlarms: 0 });
  });

  it('scores each trainee alone; the team pools everyone (a second trainee on the same incident is a duplicate)', () => {
    const incidents = [inc('I1', ['c1'], 20, 40), inc('I2', ['c2'], 60, 80)];
    const bookmarks = [bm(25, ['c1'], 'fight', 'ana', 'a1'), bm(30, ['c1'], 'fight', 'bea', 'b1'), bm(65, ['c2'], 'fight', 'bea', 'b2')];
    const score = scoreExercise(incidents, bookmarks, ['ana', 'bea', 'carla'], W);
    const by = Object.fromEntries(score.trainees.map((t) => [t.traineeId, t.score.summary]));
    expect(by.ana).toMatchObject({ hits: 1, missed: 1 });
    expect(by.bea).toMatchObject({ hits: 2, missed: 0, meanReactionS: 7.5 });
    expect(by.carla).toMatchObject({ hits: 0, missed: 2, bookmarks: 0, precision: null });
    expect(score.team.summary).toMatchObject({ hits: 2, duplicates: 1, falseAlarms: 0 });
  });

  it('a trainee removed from the list keeps their bookmarks scored', () => {
    const score = scoreExercise([inc('I1', ['c1'], 20, 40)], [bm(25, ['c1'], 'fight', 'gone')], ['ana'], W);
    expect(score.trainees.map((t) => t.traineeId)).toEqual(['ana', 'gone']);
  });

  it('median of an even number of reactions is the mean of the middle two', () => {
    const incidents = [inc('I1', ['c1'], 0, 10), inc('I2', ['c1'], 100, 110), inc('I3', ['c1'], 200, 210), inc('I4', ['c1'], 300, 310)];
    const bookmarks = [bm(1, ['c1']), bm(102, ['c1']), bm(206, ['c1']), bm(308, ['c1'])];
    expect(scoreBookmarks(incidents, bookmarks, W).summary).toMatchObject({ meanReactionS: 4.25, medianReactionS: 4 });
  });
});

describe('scoring: invariants on random exercises', () => {
  const incidentArb = fc.record({
    cameraIds: fc.subarray(['c1', 'c2', 'c3'], { minLength: 1 }),
    startS: fc.integer({ min: 0, max: 100 }),
    len: fc.integer({ min: 1, max: 30 }),
    category: fc.constantFrom('a', 'b'),
  });
  const bookmarkArb = fc.record({ cameraIds: fc.subarray(['c1', 'c2', 'c3'], { minLength: 1 }), atS: fc.integer({ min: 0, max: 150 }), categoryId: fc.constantFrom('a', 'b') });

  it('outcomes partition incidents and bookmarks; one bookmark per hit; order of input does not matter', () => {
    fc.assert(
      fc.property(fc.array(incidentArb, { maxLength: 8 }), fc.array(bookmarkArb, { maxLength: 10 }), (is, bs) => {
        const incidents = is.map((i, k) => ({ id: `I${k}`, cameraIds: i.cameraIds, startS: i.startS, endS: i.startS + i.len, category: i.category }));
        const bookmarks = bs.map((b, k) => ({ id: `B${k}`, traineeId: 't', ...b }));
        const score = scoreBookmarks(incidents, bookmarks, W);
        const s = score.summary;
        expect(s.hits + s.wrongCategory + s.missed).toBe(incidents.length);
        const outcomes = score.bookmarks.map((b) => b.outcome);
        expect(outcomes.length).toBe(bookmarks.length);
        expect(outcomes.filter((o) => o === 'hit').length).toBe(s.hits);
        expect(s.hits).toBeLessThanOrEqual(Math.min(incidents.length, bookmarks.length));
        const hitBookmarks = score.incidents.filter((i) => i.outcome === 'hit').map((i) => i.bookmarkId);
        expect(new Set(hitBookmarks).size).toBe(hitBookmarks.length);
        const reversed = scoreBookmarks([...incidents].reverse(), [...bookmarks].reverse(), W);
        expect(reversed.summary).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a bookmark never lowers the number of hits (maximum matching)', () => {
    fc.assert(
      fc.property(fc.array(incidentArb, { maxLength: 6 }), fc.array(bookmarkArb, { maxLength: 8 }), bookmarkArb, (is, bs, extra) => {
        const incidents = is.map((i, k) => ({ id: `I${k}`, cameraIds: i.cameraIds, startS: i.startS, endS: i.startS + i.len, category: i.category }));
        const bookmarks = bs.map((b, k) => ({ id: `B${k}`, traineeId: 't', ...b }));
        const before = scoreBookmarks(incidents, bookmarks, W).summary.hits;
        const after = scoreBookmarks(incidents, [...bookmarks, { id: 'X', traineeId: 't', ...extra }], W).summary.hits;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
