import { describe, expect, it } from 'vitest';
import { activeInjects, crossedInjects } from '../../../../common/training/injects';

const injects = [
  { id: 'a', atS: 10, showS: 20 },
  { id: 'b', atS: 25, showS: 5 },
  { id: 'c', atS: 100, showS: 10 },
];

describe('injects', () => {
  it('on show between atS and atS + showS, newest first', () => {
    expect(activeInjects(injects, 9.9).map((i) => i.id)).toEqual([]);
    expect(activeInjects(injects, 10).map((i) => i.id)).toEqual(['a']);
    expect(activeInjects(injects, 27).map((i) => i.id)).toEqual(['b', 'a']);
    expect(activeInjects(injects, 30).map((i) => i.id)).toEqual([]);
  });

  it('crossed while moving forward; a jump (seek) announces nothing; going back announces nothing', () => {
    expect(crossedInjects(injects, 9, 11).map((i) => i.id)).toEqual(['a']);
    expect(crossedInjects(injects, 10, 11)).toEqual([]);
    expect(crossedInjects(injects, 0, 110, 5)).toEqual([]);
    expect(crossedInjects(injects, 110, 0)).toEqual([]);
    expect(crossedInjects(injects, 0, 110).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});
