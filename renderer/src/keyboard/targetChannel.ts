import { useEffect, useState } from 'react';

/**
 * Which windows' keyboards drive which screen, told between windows of the same origin over a
 * BroadcastChannel (the wall windows and the console of one Electron app, or tabs of one
 * browser), so the monitor a console or another wall window is driving says so. Local only: a
 * wall on another machine does not hear it, and nothing here goes through main.
 */

export interface TargetAnnouncement {
  /** A random id per window. */
  from: string;
  /** What the window is: the console, or the wall window of a screen. */
  kind: 'console' | 'wall';
  homeScreenId: string;
  /** The screen its keyboard drives, or null when the window closes. */
  targetId: string | null;
  at: number;
}

/** Announcements are repeated this often, and forgotten after three missed repeats. */
export const ANNOUNCE_EVERY_MS = 2000;
export const FORGET_AFTER_MS = 3 * ANNOUNCE_EVERY_MS;

/** The windows, other than `self`, whose keyboard drives `screenId` now. Pure, for testing. */
export function driversOf(heard: ReadonlyMap<string, TargetAnnouncement>, screenId: string, self: string, now: number): TargetAnnouncement[] {
  return [...heard.values()]
    .filter((a) => a.from !== self && a.targetId === screenId && now - a.at < FORGET_AFTER_MS)
    // A wall window driving its own screen is the normal case, not news.
    .filter((a) => !(a.kind === 'wall' && a.homeScreenId === screenId))
    .sort((a, b) => a.from.localeCompare(b.from));
}

export function isAnnouncement(value: unknown): value is TargetAnnouncement {
  const a = value as Partial<TargetAnnouncement> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.from === 'string' &&
    (a.kind === 'console' || a.kind === 'wall') &&
    typeof a.homeScreenId === 'string' &&
    (a.targetId === null || typeof a.targetId === 'string') &&
    typeof a.at === 'number'
  );
}

const CHANNEL = 'atalaya.keyboard-target';

/** Announces this window's target and returns the other windows driving its own screen. */
export function useTargetAnnouncements(kind: 'console' | 'wall', homeScreenId: string, targetId: string): TargetAnnouncement[] {
  const [self] = useState(() => Math.random().toString(36).slice(2));
  const [channel, setChannel] = useState<BroadcastChannel | null>(null);
  const [drivers, setDrivers] = useState<TargetAnnouncement[]>([]);

  // Listening: one channel for the window's life.
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const opened = new BroadcastChannel(CHANNEL);
    const heard = new Map<string, TargetAnnouncement>();
    const refresh = () =>
      setDrivers((old) => {
        const next = driversOf(heard, homeScreenId, self, Date.now());
        return old.length === next.length && old.every((a, i) => a.from === next[i]?.from) ? old : next;
      });
    opened.onmessage = (event: MessageEvent<unknown>) => {
      if (!isAnnouncement(event.data)) return;
      // The time of hearing is what ages an entry.
      heard.set(event.data.from, { ...event.data, at: Date.now() });
      refresh();
    };
    const timer = setInterval(refresh, ANNOUNCE_EVERY_MS);
    setChannel(opened);
    return () => {
      clearInterval(timer);
      opened.close();
      setChannel(null);
    };
  }, [self, homeScreenId]);

  // Telling: now, on every change, and again every few seconds for windows opened later.
  useEffect(() => {
    if (!channel) return;
    const announce = (target: string | null) => channel.postMessage({ from: self, kind, homeScreenId, targetId: target, at: Date.now() } satisfies TargetAnnouncement);
    announce(targetId);
    const timer = setInterval(() => announce(targetId), ANNOUNCE_EVERY_MS);
    const leave = () => announce(null);
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', leave);
    };
  }, [channel, self, kind, homeScreenId, targetId]);

  return drivers;
}
