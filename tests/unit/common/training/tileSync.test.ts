import { describe, expect, it } from 'vitest';
import { correctedRate, decideTileSync, MAX_RATE_ADJUST, seekThreshold, updateSeekLatency, type TileSyncInput } from '../../../../common/training/tileSync';

const base: TileSyncInput = { targetS: 50, currentS: 50, playing: true, speed: 1, seeking: false, seekPendingS: 0, sinceSeekS: 10, seekLatencyS: 0.2, offForS: 0, mediaDurationS: 180 };
const decide = (patch: Partial<TileSyncInput>) => decideTileSync({ ...base, ...patch });

describe('tile sync policy', () => {
  it('on time: plays at the clock speed', () => {
    expect(decide({})).toEqual({ kind: 'run', play: true, rate: 1 });
    expect(decide({ speed: 4, currentS: 50.004 })).toEqual({ kind: 'run', play: true, rate: 4 });
  });

  it('slightly behind speeds up, slightly ahead slows down, proportionally and capped', () => {
    const behind = decide({ currentS: 49.9 });
    const ahead = decide({ currentS: 50.1 });
    expect(behind.kind === 'run' && behind.rate).toBeCloseTo(1.2);
    expect(ahead.kind === 'run' && ahead.rate).toBeCloseTo(0.8);
    expect(correctedRate(-0.5, 2)).toBeCloseTo(2 * (1 + MAX_RATE_ADJUST));
    expect(correctedRate(0.4, 4)).toBeCloseTo(4 * (1 - MAX_RATE_ADJUST));
  });

  it('far off: seeks ahead of the target by the recent seek latency × speed', () => {
    expect(decide({ currentS: 10 })).toEqual({ kind: 'seek', toS: 50.2, play: true, rate: 1 });
    expect(decide({ currentS: 10, speed: 4 })).toEqual({ kind: 'seek', toS: 50.8, play: true, rate: 4 });
  });

  it('the seek threshold grows with speed', () => {
    expect(seekThreshold(1)).toBe(0.6);
    expect(seekThreshold(4)).toBe(1.2);
    expect(decide({ speed: 4, currentS: 49 }).kind).toBe('run'); // 1 s behind at 4× is steered
    expect(decide({ speed: 1, currentS: 49 }).kind).toBe('seek');
  });

  it('waits for a seek in flight, retries one that hangs, and does not seek again right after one landed', () => {
    expect(decide({ seeking: true, seekPendingS: 0.5, currentS: 10 })).toEqual({ kind: 'wait' });
    expect(decide({ seeking: true, seekPendingS: 6, currentS: 10 }).kind).toBe('seek');
    const justLanded = decide({ currentS: 49, sinceSeekS: 0.3 });
    expect(justLanded.kind).toBe('run');
    expect(justLanded.kind === 'run' && justLanded.rate).toBeCloseTo(1 + MAX_RATE_ADJUST);
  });

  it('a tile that steering does not bring back (a starved decoder) is re-seeked after a while', () => {
    expect(decide({ speed: 4, currentS: 49.8, offForS: 1 }).kind).toBe('run');
    expect(decide({ speed: 4, currentS: 49.8, offForS: 2.5 })).toEqual({ kind: 'seek', toS: 50.8, play: true, rate: 4 });
    expect(decide({ speed: 4, currentS: 49.8, offForS: 2.5, sinceSeekS: 0.5 }).kind).toBe('run');
    expect(decide({ speed: 4, currentS: 49.95, offForS: 9 }).kind).toBe('run');
  });

  it('paused: stands exactly on the position', () => {
    expect(decide({ playing: false })).toEqual({ kind: 'run', play: false, rate: 1 });
    expect(decide({ playing: false, currentS: 50.3 })).toEqual({ kind: 'seek', toS: 50, play: false, rate: 1 });
  });

  it('outside the recording: blank before it starts and after it ends; never seeks past the last frame', () => {
    expect(decide({ targetS: -3 })).toEqual({ kind: 'blank', reason: 'before' });
    expect(decide({ targetS: 181 })).toEqual({ kind: 'blank', reason: 'after' });
    const nearEnd = decide({ targetS: 179.9, currentS: 100, speed: 4 });
    expect(nearEnd.kind === 'seek' && nearEnd.toS).toBeCloseTo(179.95);
    expect(decide({ targetS: 181, mediaDurationS: null }).kind).toBe('seek');
  });

  it('smooths seek latency', () => {
    expect(updateSeekLatency(0.2, 0.2)).toBeCloseTo(0.2);
    expect(updateSeekLatency(0.2, 10)).toBeCloseTo(0.2 * 0.6 + 3 * 0.4);
  });
});
