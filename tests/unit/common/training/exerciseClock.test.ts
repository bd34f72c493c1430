import { describe, expect, it } from 'vitest';
import { formatPosition, instantOf, pause, play, positionAt, seek, setSpeed, stoppedClock } from '../../../../common/training/exerciseClock';

describe('exercise clock', () => {
  const D = 180;
  it('holds still until played, then moves at its speed from where it was', () => {
    let c = stoppedClock(1_000);
    expect(positionAt(c, 60_000, D)).toBe(0);
    c = play(c, 10_000, D);
    expect(positionAt(c, 12_500, D)).toBe(2.5);
    c = setSpeed(c, 4, 12_500, D);
    expect(positionAt(c, 13_500, D)).toBe(6.5);
    c = pause(c, 14_000, D);
    expect(c.positionS).toBe(8.5);
    expect(positionAt(c, 99_000, D)).toBe(8.5);
  });

  it('every change bumps seq (a tile can tell a seek from progress); no-ops do not', () => {
    const c0 = stoppedClock(0);
    const c1 = play(c0, 0, D);
    expect(c1.seq).toBe(1);
    expect(play(c1, 5, D)).toBe(c1);
    expect(seek(c1, 50, 10, D).seq).toBe(2);
    expect(setSpeed(c1, 1, 10, D)).toBe(c1);
  });

  it('clamps to 0…duration and refuses speeds outside 0.5–4', () => {
    const c = play(stoppedClock(0), 0, D);
    expect(positionAt(c, 1_000_000, D)).toBe(D);
    expect(seek(c, -5, 0, D).positionS).toBe(0);
    expect(seek(c, 999, 0, D).positionS).toBe(D);
    expect(() => setSpeed(c, 8, 0, D)).toThrow(/0.5 to 4/);
    expect(() => setSpeed(c, 0.25, 0, D)).toThrow();
  });

  it('knows when a playing clock reaches a position', () => {
    const c = setSpeed(play(stoppedClock(0), 1_000, D), 2, 1_000, D);
    expect(instantOf(c, 10)).toBe(6_000);
    expect(instantOf(pause(c, 2_000, D), 10)).toBeNull();
  });

  it('formats positions', () => {
    expect(formatPosition(0)).toBe('0:00');
    expect(formatPosition(75.9)).toBe('1:15');
    expect(formatPosition(3725)).toBe('1:02:05');
  });
});
