import { RetryPolicy, type RandomSource, type RetryPolicyOptions } from './retryPolicy';

/**
 * The outbox's scheduling state: which (bookmark, VMS target) deliveries wait, which are under
 * way, when each may be tried again, and how each target is doing. Pure: the clock and the
 * random source are injected and there are no timers — the owner calls `take()` when
 * `nextWakeAt()` comes, runs the deliveries and reports each outcome with `complete()`.
 *
 * Backoff works at two levels. A target that fails (refused, timeout, 5xx) is retried with
 * exponential backoff and only one delivery at a time probes it, so a VMS that is down is not
 * hammered with the whole backlog; the first success reopens it to full concurrency and the
 * backlog drains at once. Each delivery also backs off on its own, so one bookmark the VMS keeps
 * choking on cannot monopolise the probes while the others would go through.
 */

export interface Clock {
  now(): number;
}

export interface DeliveryFailure {
  /** True for a refusal a retry will not fix (4xx); false for refused/timeout/5xx. */
  permanent: boolean;
  message: string;
  status?: number;
  retryAfterMs?: number;
}

export type DeliveryOutcome = { ok: true } | { ok: false; failure: DeliveryFailure };

export interface OutboxJob {
  readonly bookmarkId: string;
  readonly targetId: string;
  /** 1 for the first attempt of this delivery. */
  readonly attempt: number;
}

export type JobState =
  | { state: 'pending' }
  | { state: 'delivering'; attempt: number }
  | { state: 'retrying'; attempt: number; nextAttemptAt: number; lastError: string };

export interface TargetHealth {
  state: 'unknown' | 'connected' | 'retrying' | 'failing';
  since?: number;
  /** Consecutive transient failures; > 0 exactly when retrying. */
  failures: number;
  nextAttemptAt?: number;
  lastError?: string;
  status?: number;
  /** Deliveries waiting or under way. */
  pending: number;
  lastDeliveredAt?: number;
}

export interface OutboxOptions extends RetryPolicyOptions {
  /** Deliveries in flight per healthy target. */
  concurrencyPerTarget: number;
}

interface JobEntry {
  readonly bookmarkId: string;
  readonly targetId: string;
  attempts: number;
  nextAttemptAt: number;
  inFlight: boolean;
  /** Enqueued again while in flight (an edit): deliver once more whatever this attempt gives. */
  requeue: boolean;
  lastError?: string;
}

interface TargetEntry {
  state: TargetHealth['state'];
  since?: number;
  failures: number;
  nextAttemptAt: number;
  lastError?: string;
  status?: number;
  inFlight: number;
  jobs: number;
  lastDeliveredAt?: number;
}

const keyOf = (bookmarkId: string, targetId: string) => `${targetId}\u0000${bookmarkId}`;

export class Outbox {
  private readonly policy: RetryPolicy;
  private readonly concurrency: number;
  /** Insertion order is delivery order: first in, first tried. */
  private readonly jobs = new Map<string, JobEntry>();
  private readonly targets = new Map<string, TargetEntry>();

  constructor(
    private readonly clock: Clock,
    random: RandomSource,
    options: Partial<OutboxOptions> = {},
  ) {
    const { concurrencyPerTarget = 4, ...policy } = options;
    if (!(Number.isInteger(concurrencyPerTarget) && concurrencyPerTarget >= 1)) throw new RangeError('concurrencyPerTarget must be ≥ 1');
    this.policy = new RetryPolicy(policy, random);
    this.concurrency = concurrencyPerTarget;
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Queues a delivery (new bookmark, or an edit to deliver); a no-op if it is already waiting. */
  enqueue(bookmarkId: string, targetId: string): void {
    const key = keyOf(bookmarkId, targetId);
    const job = this.jobs.get(key);
    if (job) {
      if (job.inFlight) job.requeue = true;
      return;
    }
    this.jobs.set(key, { bookmarkId, targetId, attempts: 0, nextAttemptAt: this.clock.now(), inFlight: false, requeue: false });
    this.target(targetId).jobs += 1;
  }

  /** Starts every delivery that is due now, within each target's concurrency. */
  take(): OutboxJob[] {
    const now = this.clock.now();
    const chosen = new Map<string, JobEntry[]>();
    const probes = new Map<string, JobEntry>();
    for (const job of this.jobs.values()) {
      if (job.inFlight || job.nextAttemptAt > now) continue;
      const target = this.target(job.targetId);
      if (target.nextAttemptAt > now) continue;
      if (target.failures > 0) {
        // A failing target gets a single probe: the due delivery tried least, so healthy
        // bookmarks are not starved behind one the VMS keeps rejecting.
        if (target.inFlight > 0) continue;
        const best = probes.get(job.targetId);
        if (!best || job.attempts < best.attempts) probes.set(job.targetId, job);
        continue;
      }
      const list = chosen.get(job.targetId) ?? [];
      if (target.inFlight + list.length >= this.concurrency) continue;
      list.push(job);
      chosen.set(job.targetId, list);
    }
    const started: OutboxJob[] = [];
    for (const job of [...[...chosen.values()].flat(), ...probes.values()]) {
      job.inFlight = true;
      job.attempts += 1;
      this.target(job.targetId).inFlight += 1;
      started.push({ bookmarkId: job.bookmarkId, targetId: job.targetId, attempt: job.attempts });
    }
    return started;
  }

  /**
   * Reports how a delivery went. Returns `done` when it left the outbox (delivered, or failed for
   * good), `retrying` when it waits for its next attempt, `requeued` when an edit came in while
   * it was under way and it must go again.
   */
  complete(bookmarkId: string, targetId: string, outcome: DeliveryOutcome): 'done' | 'retrying' | 'requeued' {
    const key = keyOf(bookmarkId, targetId);
    const job = this.jobs.get(key);
    if (!job?.inFlight) throw new Error(`no delivery of ${bookmarkId} to ${targetId} is under way`);
    const target = this.target(targetId);
    const now = this.clock.now();
    job.inFlight = false;
    target.inFlight -= 1;

    if (!outcome.ok && !outcome.failure.permanent) {
      const { message, status, retryAfterMs } = outcome.failure;
      target.failures += 1;
      target.nextAttemptAt = now + this.policy.delayAfter(target.failures, retryAfterMs);
      this.setTargetState(target, 'retrying', now);
      target.lastError = message;
      target.status = status;
      job.nextAttemptAt = now + this.policy.delayAfter(job.attempts, retryAfterMs);
      job.lastError = message;
      job.requeue = false;
      return 'retrying';
    }

    // The VMS answered: whatever it said, it is reachable again.
    target.failures = 0;
    target.nextAttemptAt = now;
    if (outcome.ok) {
      this.setTargetState(target, 'connected', now);
      target.lastError = undefined;
      target.status = undefined;
      target.lastDeliveredAt = now;
    } else {
      this.setTargetState(target, 'failing', now);
      target.lastError = outcome.failure.message;
      target.status = outcome.failure.status;
    }
    if (job.requeue) {
      // Move it to the back with a fresh backoff: it carries new content now.
      this.jobs.delete(key);
      this.jobs.set(key, { ...job, attempts: 0, nextAttemptAt: now, requeue: false, lastError: undefined });
      return 'requeued';
    }
    this.jobs.delete(key);
    target.jobs -= 1;
    return 'done';
  }

  /**
   * Ends a delivery that turned out to have nothing to send (it was settled while it waited),
   * without counting it as contact with the target.
   */
  release(bookmarkId: string, targetId: string): 'done' | 'requeued' {
    const key = keyOf(bookmarkId, targetId);
    const job = this.jobs.get(key);
    if (!job?.inFlight) throw new Error(`no delivery of ${bookmarkId} to ${targetId} is under way`);
    const target = this.target(targetId);
    job.inFlight = false;
    target.inFlight -= 1;
    if (job.requeue) {
      job.requeue = false;
      job.attempts = 0;
      return 'requeued';
    }
    this.jobs.delete(key);
    target.jobs -= 1;
    return 'done';
  }

  /** Manual retry: waiting deliveries (of one bookmark and/or one target) go now. */
  retryNow(filter: { bookmarkId?: string; targetId?: string } = {}): number {
    const now = this.clock.now();
    let count = 0;
    for (const job of this.jobs.values()) {
      if (job.inFlight) continue;
      if (filter.bookmarkId !== undefined && job.bookmarkId !== filter.bookmarkId) continue;
      if (filter.targetId !== undefined && job.targetId !== filter.targetId) continue;
      job.nextAttemptAt = now;
      this.target(job.targetId).nextAttemptAt = now;
      count += 1;
    }
    return count;
  }

  /** When `take()` would next start something; undefined when only completions can. */
  nextWakeAt(): number | undefined {
    let earliest: number | undefined;
    for (const job of this.jobs.values()) {
      if (job.inFlight) continue;
      const target = this.target(job.targetId);
      const capacity = target.failures > 0 ? 1 : this.concurrency;
      if (target.inFlight >= capacity) continue;
      const at = Math.max(job.nextAttemptAt, target.nextAttemptAt);
      if (earliest === undefined || at < earliest) earliest = at;
    }
    return earliest;
  }

  state(bookmarkId: string, targetId: string): JobState | undefined {
    const job = this.jobs.get(keyOf(bookmarkId, targetId));
    if (!job) return undefined;
    if (job.inFlight) return { state: 'delivering', attempt: job.attempts };
    if (job.attempts > 0 && job.lastError !== undefined) {
      const target = this.target(targetId);
      return { state: 'retrying', attempt: job.attempts, nextAttemptAt: Math.max(job.nextAttemptAt, target.nextAttemptAt), lastError: job.lastError };
    }
    return { state: 'pending' };
  }

  health(targetId: string): TargetHealth {
    const t = this.target(targetId);
    return {
      state: t.state,
      since: t.since,
      failures: t.failures,
      nextAttemptAt: t.failures > 0 ? t.nextAttemptAt : undefined,
      lastError: t.lastError,
      status: t.status,
      pending: t.jobs,
      lastDeliveredAt: t.lastDeliveredAt,
    };
  }

  private setTargetState(target: TargetEntry, state: TargetEntry['state'], now: number): void {
    if (target.state !== state) target.since = now;
    target.state = state;
  }

  private target(targetId: string): TargetEntry {
    let target = this.targets.get(targetId);
    if (!target) {
      target = { state: 'unknown', failures: 0, nextAttemptAt: 0, inFlight: 0, jobs: 0 };
      this.targets.set(targetId, target);
    }
    return target;
  }
}
