import { describe, expect, it } from 'vitest';
import { MIN_DWELL_S } from '../../../common/wall/wallSchema';
import { moveItem, parseCameraNumbers, tourDraftProblems } from '../../../renderer/src/console/tourDraft';

describe('the tour form', () => {
  it('reads camera numbers as operators list them', () => {
    expect(parseCameraNumbers('1, 5 12-15;20–18')).toEqual({ numbers: [1, 5, 12, 13, 14, 15, 20, 19, 18], bad: [] });
    expect(parseCameraNumbers('3, x, 4-, 1-99999')).toEqual({ numbers: [3], bad: ['x', '4-', '1-99999'] });
    expect(parseCameraNumbers('   ')).toEqual({ numbers: [], bad: [] });
  });

  it(`needs a name, a camera and a dwell of at least ${MIN_DWELL_S} s`, () => {
    expect(tourDraftProblems({ name: 'Centro', cameraIds: ['c1'], dwellS: MIN_DWELL_S })).toEqual([]);
    expect(tourDraftProblems({ name: ' ', cameraIds: [], dwellS: MIN_DWELL_S - 1 })).toEqual(['name', 'cameras', 'dwell']);
    expect(tourDraftProblems({ name: 'x', cameraIds: ['c1'], dwellS: 4.5 })).toEqual(['dwell']);
    expect(tourDraftProblems({ name: 'x', cameraIds: ['c1'], dwellS: Number.NaN })).toEqual(['dwell']);
  });

  it('reorders cameras', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
