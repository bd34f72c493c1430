import { describe, expect, it } from 'vitest';
import type { LiveStatus } from '../../../../../common/contract/methods/map';
import { BROADCAST_DELAY_MS, LiveStatusService, REPORT_TTL_MS } from '../../../../../main/services/map/liveStatusService';

function setup() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  const published: LiveStatus[] = [];
  const service = new LiveStatusService({
    publish: (s) => published.push(s),
    now: () => now,
    schedule: (fn, ms) => {
      const timer = { at: now + ms, fn, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.at <= now) timer.fn();
      else timers.push(timer);
    }
  };
  return { service, published, advance };
}

describe('LiveStatusService', () => {
  it('combines windows per camera and pushes one change per burst', () => {
    const { service, published, advance } = setup();
    service.report('wall-1', { 'cam-01': 'live', 'cam-02': 'reconnecting' });
    service.report('wall-2', { 'cam-02': 'live', 'cam-03': 'offline' });
    service.report('console', { 'cam-04': 'error' });
    expect(published).toHaveLength(0);
    advance(BROADCAST_DELAY_MS);
    expect(published).toHaveLength(1);
    expect(published[0]!.cameras).toEqual({ 'cam-01': 'live', 'cam-02': 'live', 'cam-03': 'offline', 'cam-04': 'offline' });
    expect(service.get()).toBe(published[0]);
  });

  it('a camera left out of a window’s report, or a closed window, is no longer counted', () => {
    const { service, published, advance } = setup();
    service.report('wall-1', { 'cam-01': 'live', 'cam-02': 'live' });
    service.report('wall-2', { 'cam-02': 'offline' });
    advance(BROADCAST_DELAY_MS);
    service.report('wall-1', { 'cam-01': 'live' });
    advance(BROADCAST_DELAY_MS);
    expect(published.at(-1)!.cameras).toEqual({ 'cam-01': 'live', 'cam-02': 'offline' });
    service.disconnect('wall-2');
    service.report('wall-1', {});
    advance(BROADCAST_DELAY_MS);
    expect(published.at(-1)!.cameras).toEqual({});
    expect(published.map((p) => p.rev)).toEqual([1, 2, 3]);
  });

  it('an unchanged picture is not pushed again', () => {
    const { service, published, advance } = setup();
    service.report('wall-1', { 'cam-01': 'live' });
    advance(BROADCAST_DELAY_MS);
    service.report('wall-1', { 'cam-01': 'live' });
    advance(BROADCAST_DELAY_MS);
    expect(published).toHaveLength(1);
  });

  it('forgets a window that stopped repeating its report', () => {
    const { service, published, advance } = setup();
    service.report('gone', { 'cam-01': 'live' });
    advance(BROADCAST_DELAY_MS);
    advance(REPORT_TTL_MS / 2);
    service.report('alive', { 'cam-02': 'live' });
    advance(REPORT_TTL_MS / 2 + 1);
    service.tick();
    expect(published.at(-1)!.cameras).toEqual({ 'cam-02': 'live' });
  });
});
