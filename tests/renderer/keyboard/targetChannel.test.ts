import { describe, expect, it } from 'vitest';
import { driversOf, FORGET_AFTER_MS, isAnnouncement, type TargetAnnouncement } from '../../../renderer/src/keyboard/targetChannel';

const heard = (...list: TargetAnnouncement[]) => new Map(list.map((a) => [a.from, a]));
const consoleOn = (target: string | null, at = 1000): TargetAnnouncement => ({ from: 'console-a', kind: 'console', homeScreenId: '1', targetId: target, at });
const wallOf = (home: string, target: string, at = 1000): TargetAnnouncement => ({ from: `wall-${home}`, kind: 'wall', homeScreenId: home, targetId: target, at });

describe('which windows drive a screen', () => {
  it('names the console and other wall windows driving this screen', () => {
    const map = heard(consoleOn('2'), wallOf('1', '2'), wallOf('3', '3'));
    expect(driversOf(map, '2', 'wall-2', 1500).map((a) => a.from)).toEqual(['console-a', 'wall-1']);
    expect(driversOf(map, '1', 'wall-1', 1500)).toEqual([]);
  });

  it('does not report a wall window driving its own screen, or the window itself', () => {
    expect(driversOf(heard(wallOf('2', '2')), '2', 'other', 1500)).toEqual([]);
    expect(driversOf(heard(consoleOn('2')), '2', 'console-a', 1500)).toEqual([]);
  });

  it('forgets windows that closed or went quiet', () => {
    expect(driversOf(heard(consoleOn(null)), '2', 'wall-2', 1500)).toEqual([]);
    expect(driversOf(heard(consoleOn('2', 1000)), '2', 'wall-2', 1000 + FORGET_AFTER_MS)).toEqual([]);
  });

  it('accepts only well-formed messages', () => {
    expect(isAnnouncement(consoleOn('2'))).toBe(true);
    expect(isAnnouncement(consoleOn(null))).toBe(true);
    for (const bad of [null, 'x', {}, { ...consoleOn('2'), kind: 'map' }, { ...consoleOn('2'), at: '1' }]) expect(isAnnouncement(bad)).toBe(false);
  });
});
