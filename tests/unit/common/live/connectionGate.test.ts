import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectionGate, endpointKey } from '../../../../common/live/connectionGate';

describe('connection gate', () => {
  it('starts up to the limit at once and the rest in order as slots free', () => {
    const gate = new ConnectionGate(2);
    const started: number[] = [];
    const tickets = [1, 2, 3, 4, 5].map((n) => gate.request('cam:80', () => started.push(n)));
    expect(started).toEqual([1, 2]);
    expect(gate.counts('cam:80')).toEqual({ active: 2, queued: 3 });
    gate.release(tickets[1]!);
    expect(started).toEqual([1, 2, 3]);
    gate.release(tickets[0]!);
    gate.release(tickets[2]!);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    gate.release(tickets[3]!);
    gate.release(tickets[4]!);
    expect(gate.counts('cam:80')).toEqual({ active: 0, queued: 0 });
  });

  it('keeps endpoints apart', () => {
    const gate = new ConnectionGate(1);
    const started: string[] = [];
    gate.request('a:80', () => started.push('a1'));
    gate.request('a:80', () => started.push('a2'));
    gate.request('b:80', () => started.push('b1'));
    expect(started).toEqual(['a1', 'b1']);
  });

  it('withdraws a queued request that is released before its turn, and ignores a second release', () => {
    const gate = new ConnectionGate(1);
    const started: number[] = [];
    const first = gate.request('h:1', () => started.push(1));
    const second = gate.request('h:1', () => started.push(2));
    gate.request('h:1', () => started.push(3));
    gate.release(second);
    gate.release(first);
    gate.release(first);
    expect(started).toEqual([1, 3]);
    expect(gate.counts('h:1')).toEqual({ active: 1, queued: 0 });
  });

  it('never has more than the limit active, and starts every request exactly once (any release order)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 30 }), (limit, order) => {
        const gate = new ConnectionGate(limit);
        const starts = new Map<number, number>();
        const tickets = order.map((_, i) => gate.request('k', () => starts.set(i, (starts.get(i) ?? 0) + 1)));
        const pending = tickets.map((t, i) => ({ t, i }));
        for (const pick of order) {
          expect(gate.counts('k').active).toBeLessThanOrEqual(limit);
          // Release a started ticket chosen by the generated order.
          const live = pending.filter((p) => starts.has(p.i));
          if (live.length === 0) break;
          const chosen = live[pick % live.length]!;
          gate.release(chosen.t);
          pending.splice(pending.indexOf(chosen), 1);
        }
        for (const p of pending) if (starts.has(p.i)) gate.release(p.t);
        for (const p of pending) if (starts.has(p.i)) gate.release(p.t);
        expect([...starts.values()].every((n) => n === 1)).toBe(true);
        expect(starts.size).toBe(order.length);
      }),
    );
  });

  it('refuses a limit below one', () => {
    expect(() => new ConnectionGate(0)).toThrow(/positive integer/);
  });
});

describe('endpoint key', () => {
  it('names host and port, with the scheme default port', () => {
    expect(endpointKey('ws://10.0.0.5:8080/live/a.flv')).toBe('10.0.0.5:8080');
    expect(endpointKey('ws://gw.example/live/a.flv')).toBe('gw.example:80');
    expect(endpointKey('wss://gw.example/live/a.flv')).toBe('gw.example:443');
  });

  it('falls back to the text for something that is not a URL', () => {
    expect(endpointKey('not a url')).toBe('not a url');
  });
});
