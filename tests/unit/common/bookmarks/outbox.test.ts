import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Outbox, type DeliveryOutcome } from '../../../../common/bookmarks/outbox';

class ManualClock {
  constructor(public t = 1_000_000) {}
  now = () => this.t;
}

const refused: DeliveryOutcome = { ok: false, failure: { permanent: false, message: 'connection refused' } };
const ok: DeliveryOutcome = { ok: true };

function outbox(clock: ManualClock, concurrencyPerTarget = 2) {
  return new Outbox(clock, () => 0, { baseDelayMs: 1000, maxDelayMs: 8000, jitter: 0, concurrencyPerTarget });
}

describe('Outbox', () => {
  it('starts due deliveries first in, first out, within the per-target concurrency', () => {
    const clock = new ManualClock();
    const box = outbox(clock);
    for (const id of ['a', 'b', 'c']) box.enqueue(id, 'nx');
    box.enqueue('a', 'hook');
    expect(box.take().map((j) => `${j.bookmarkId}@${j.targetId}`)).toEqual(['a@nx', 'b@nx', 'a@hook']);
    expect(box.take()).toEqual([]);
    expect(box.state('a', 'nx')).toEqual({ state: 'delivering', attempt: 1 });
    expect(box.state('c', 'nx')).toEqual({ state: 'pending' });
    expect(box.complete('a', 'nx', ok)).toBe('done');
    expect(box.take().map((j) => j.bookmarkId)).toEqual(['c']);
    expect(box.health('nx')).toMatchObject({ state: 'connected', pending: 2 });
  });

  it('backs a failing target off exponentially and probes it with one delivery at a time', () => {
    const clock = new ManualClock();
    const box = outbox(clock, 4);
    for (const id of ['a', 'b', 'c']) box.enqueue(id, 'nx');
    const first = box.take();
    expect(first).toHaveLength(3);
    for (const job of first) box.complete(job.bookmarkId, 'nx', refused);
    // Three consecutive failures: 1 s, 2 s, 4 s → the target waits 4 s.
    expect(box.health('nx')).toMatchObject({ state: 'retrying', failures: 3, nextAttemptAt: clock.t + 4000, lastError: 'connection refused' });
    expect(box.nextWakeAt()).toBe(clock.t + 4000);
    clock.t += 3999;
    expect(box.take()).toEqual([]);
    clock.t += 1;
    const probe = box.take();
    expect(probe).toHaveLength(1);
    expect(box.nextWakeAt()).toBeUndefined();
    box.complete(probe[0]!.bookmarkId, 'nx', refused);
    expect(box.health('nx').nextAttemptAt).toBe(clock.t + 8000);
    clock.t += 8000;
    const next = box.take();
    expect(next).toHaveLength(1);
    box.complete(next[0]!.bookmarkId, 'nx', ok);
    // Healthy again: the rest go at full concurrency without waiting out their own backoff.
    expect(box.health('nx')).toMatchObject({ state: 'connected', failures: 0 });
    expect(box.take()).toHaveLength(2);
  });

  it('does not let one delivery the VMS keeps choking on starve the others', () => {
    const clock = new ManualClock();
    const box = outbox(clock, 1);
    box.enqueue('poison', 'nx');
    box.enqueue('good', 'nx');
    const [first] = box.take();
    expect(first?.bookmarkId).toBe('poison');
    box.complete('poison', 'nx', { ok: false, failure: { permanent: false, message: '500', status: 500 } });
    clock.t += 1000;
    expect(box.take().map((j) => j.bookmarkId)).toEqual(['good']);
  });

  it('gives up on a permanent failure and reports the target failing with the reason', () => {
    const clock = new ManualClock();
    const box = outbox(clock);
    box.enqueue('a', 'hook');
    box.take();
    expect(box.complete('a', 'hook', { ok: false, failure: { permanent: true, status: 422, message: 'unknown camera' } })).toBe('done');
    expect(box.state('a', 'hook')).toBeUndefined();
    expect(box.health('hook')).toMatchObject({ state: 'failing', status: 422, lastError: 'unknown camera', pending: 0 });
    expect(box.nextWakeAt()).toBeUndefined();
  });

  it('delivers once more when an edit arrives while a delivery is under way', () => {
    const clock = new ManualClock();
    const box = outbox(clock);
    box.enqueue('a', 'nx');
    box.take();
    box.enqueue('a', 'nx');
    expect(box.complete('a', 'nx', ok)).toBe('requeued');
    expect(box.state('a', 'nx')).toEqual({ state: 'pending' });
    expect(box.take()).toEqual([{ bookmarkId: 'a', targetId: 'nx', attempt: 1 }]);
    expect(box.complete('a', 'nx', ok)).toBe('done');
  });

  it('releases a delivery that had nothing to send without calling the target healthy', () => {
    const clock = new ManualClock();
    const box = outbox(clock);
    box.enqueue('a', 'nx');
    box.enqueue('b', 'nx');
    box.take();
    box.complete('a', 'nx', refused);
    expect(box.release('b', 'nx')).toBe('done');
    expect(box.health('nx')).toMatchObject({ state: 'retrying', pending: 1 });
  });

  it('retries now on request, skipping the backoff', () => {
    const clock = new ManualClock();
    const box = outbox(clock);
    box.enqueue('a', 'nx');
    box.take();
    box.complete('a', 'nx', refused);
    expect(box.state('a', 'nx')).toMatchObject({ state: 'retrying', attempt: 1, nextAttemptAt: clock.t + 1000 });
    expect(box.retryNow({ targetId: 'nx' })).toBe(1);
    expect(box.take()).toEqual([{ bookmarkId: 'a', targetId: 'nx', attempt: 2 }]);
  });

  it('never exceeds its concurrency, never loses or duplicates a job, whatever the outcomes', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('enqueue' as const), id: fc.integer({ min: 0, max: 9 }), target: fc.constantFrom('a', 'b') }),
      fc.record({ kind: fc.constant('take' as const) }),
      fc.record({ kind: fc.constant('complete' as const), pick: fc.nat(), outcome: fc.constantFrom('ok', 'transient', 'permanent') }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 10_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const clock = new ManualClock();
        const box = new Outbox(clock, () => 0.3, { baseDelayMs: 100, maxDelayMs: 5000, jitter: 0.5, concurrencyPerTarget: 2 });
        const inFlight: { bookmarkId: string; targetId: string }[] = [];
        const wanted = new Set<string>();
        for (const s of steps) {
          if (s.kind === 'enqueue') {
            box.enqueue(String(s.id), s.target);
            wanted.add(`${s.id}@${s.target}`);
          } else if (s.kind === 'take') {
            const before = ['a', 'b'].map((t) => ({ t, failing: box.health(t).failures > 0, flying: inFlight.filter((j) => j.targetId === t).length }));
            const started = box.take();
            for (const job of started) {
              expect(inFlight.some((j) => j.bookmarkId === job.bookmarkId && j.targetId === job.targetId)).toBe(false);
              inFlight.push(job);
            }
            for (const { t, failing, flying } of before) {
              const count = started.filter((j) => j.targetId === t).length;
              // A failing target gets one probe, and only when nothing is in flight to it.
              expect(count).toBeLessThanOrEqual(failing ? (flying === 0 ? 1 : 0) : 2 - flying);
            }
          } else if (s.kind === 'complete' && inFlight.length > 0) {
            const [job] = inFlight.splice(s.pick % inFlight.length, 1);
            const outcome: DeliveryOutcome =
              s.outcome === 'ok' ? { ok: true } : { ok: false, failure: { permanent: s.outcome === 'permanent', message: s.outcome } };
            const result = box.complete(job!.bookmarkId, job!.targetId, outcome);
            if (result === 'done') wanted.delete(`${job!.bookmarkId}@${job!.targetId}`);
          } else if (s.kind === 'advance') clock.t += s.ms;
          for (const target of ['a', 'b']) expect(inFlight.filter((j) => j.targetId === target).length).toBeLessThanOrEqual(2);
        }
        // Everything not finished is still known to the outbox, exactly once.
        expect(box.size).toBe(wanted.size);
        for (const key of wanted) {
          const [id, target] = key.split('@') as [string, string];
          expect(box.state(id, target)).toBeDefined();
        }
        // And it always says when to come back for what is waiting.
        const waiting = [...wanted].filter((key) => !inFlight.some((j) => `${j.bookmarkId}@${j.targetId}` === key));
        if (waiting.length > 0 && inFlight.length === 0) expect(box.nextWakeAt()).toBeDefined();
      }),
    );
  });
});
