/** The shipper's pure decisions: back-off bounds and jitter, and what each answer of the centre does to the mark. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterReply, MIN_PACED_BATCH, PACE_RECOVERY, paceAfter, retryDelayMs, startMark, startPace, type BatchPace } from '../../server/domain/uplink-link';
import { percentile, summarizeDay } from '../../server/domain/day-summary';

const backoff = { minMs: 1000, maxMs: 300_000 };
const sent = { fromSeq: 11, toSeq: 20, mark: 10, lastSeq: 25 };

describe('retry back-off', () => {
  it('doubles from the minimum, stays within [base/2, base] and never passes the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const base = Math.min(backoff.maxMs, backoff.minMs * 2 ** (attempt - 1));
        const delay = retryDelayMs(attempt, backoff, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base / 2));
        expect(delay).toBeLessThanOrEqual(base);
        expect(delay).toBeLessThanOrEqual(backoff.maxMs);
      }),
    );
    expect(retryDelayMs(1, backoff, () => 0)).toBe(500);
    expect(retryDelayMs(4, backoff, () => 0.999999)).toBe(8000);
  });

  it('spreads halls cut off together (jitter comes from the injected random)', () => {
    const delays = new Set([0.1, 0.5, 0.9].map((r) => retryDelayMs(6, backoff, () => r)));
    expect(delays.size).toBe(3);
  });
});

describe('after the centre answers', () => {
  const random = () => 0.5;
  it('moves the mark to what the centre holds and hands over its notes', () => {
    const notes = [{ id: 'n1', followupId: 'f1', text: '请三日内回访', by: 'duban', at: 5 }];
    expect(afterReply(sent, { kind: 'ack', ack: { ackedSeq: 20, notes } }, 1, backoff, random)).toEqual({ step: 'advance', mark: 20, notes });
  });

  it('forks a new generation when the centre holds more than the database has (a rewound database)', () => {
    expect(afterReply(sent, { kind: 'ack', ack: { ackedSeq: 40 } }, 1, backoff, random)).toMatchObject({ step: 'fork', forkSeq: 20, reason: 'rewind' });
  });

  it('resends from where the centre asks, never past the newest fact', () => {
    expect(afterReply(sent, { kind: 'gap', resendFrom: 4, message: '' }, 1, backoff, random)).toEqual({ step: 'resend', mark: 3 });
    expect(afterReply(sent, { kind: 'gap', resendFrom: 99, message: '' }, 1, backoff, random)).toEqual({ step: 'resend', mark: 25 });
  });

  it('forks after the acknowledged mark on a conflict', () => {
    expect(afterReply(sent, { kind: 'conflict', message: 'differs' }, 1, backoff, random)).toMatchObject({ step: 'fork', forkSeq: 10, reason: 'conflict' });
  });

  it('waits longest on a refusal, and honours Retry-After within the maximum', () => {
    expect(afterReply(sent, { kind: 'refused', code: 'unauthenticated', message: 'no' }, 1, backoff, random)).toMatchObject({ step: 'wait', state: 'refused', delayMs: 225_000 });
    expect(afterReply(sent, { kind: 'retry', code: 'rate-limited', message: '', retryAfterMs: 60_000 }, 1, backoff, random)).toMatchObject({ state: 'retrying', delayMs: 60_000 });
    expect(afterReply(sent, { kind: 'retry', code: 'rate-limited', message: '', retryAfterMs: 10 ** 9 }, 1, backoff, random)).toMatchObject({ delayMs: 300_000 });
  });

  it('starts a new database at the centre\'s cursor, else at the generation\'s fork', () => {
    expect(startMark(0, 0)).toBe(0);
    expect(startMark(0, 120)).toBe(120);
    expect(startMark(80, 120)).toBe(80);
  });
});

describe('day summary', () => {
  it('counts, percentiles and satisfaction per service, window and clerk', () => {
    const t0 = 1_000_000;
    const row = (serviceId: string, status: 'done' | 'no-show' | 'cancelled', waitS: number, serviceS: number, score?: number) => ({
      serviceId, windowId: 'w1', staffId: 'clerk1', status, isIssued: true, issuedAt: t0,
      firstCalledAt: t0 + waitS * 1000, calledAt: t0 + waitS * 1000, finishedAt: t0 + (waitS + serviceS) * 1000, ...(score ? { score } : {}),
    });
    const summary = summarizeDay('2026-11-27', [row('A', 'done', 60, 300, 5), row('A', 'done', 120, 600, 1), row('B', 'no-show', 30, 0), row('A', 'done', 600, 60, 4)]);
    expect(summary.totals).toMatchObject({ issued: 4, served: 3, noShows: 1, ratings: 3, satisfied: 2, bad: 1, waitP50Seconds: 60, waitP90Seconds: 600, serviceP50Seconds: 300 });
    expect(summary.services.map((s) => [s.serviceId, s.served])).toEqual([['A', 3], ['B', 0]]);
    expect(summary.clerks).toHaveLength(1);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 50)).toBeUndefined();
  });
});

describe('batch pace', () => {
  const answered = (pace: BatchPace, times: number): BatchPace => Array.from({ length: times }).reduce<BatchPace>((p) => paceAfter(p, 'answered'), pace);

  it('halves the batch on a timeout down to the floor, and doubles it back after a run of answers', () => {
    let pace = startPace(1000);
    pace = paceAfter(pace, 'timed-out');
    expect(pace).toMatchObject({ limit: 1000, size: 500 });
    for (let i = 0; i < 10; i++) pace = paceAfter(pace, 'timed-out');
    expect(pace.size).toBe(MIN_PACED_BATCH);
    expect(answered(pace, PACE_RECOVERY - 1).size).toBe(MIN_PACED_BATCH);
    pace = answered(pace, PACE_RECOVERY);
    expect(pace.size).toBe(MIN_PACED_BATCH * 2);
    pace = answered(pace, PACE_RECOVERY * 10);
    expect(pace).toMatchObject({ limit: 1000, size: 1000 });
    // A timeout in the middle of a run starts the count again.
    const broken = paceAfter(answered(paceAfter(startPace(100), 'timed-out'), PACE_RECOVERY - 1), 'timed-out');
    expect(answered(broken, PACE_RECOVERY - 1).size).toBe(25);
  });

  it('keeps what a 413 taught as the new limit, and never floors a small configured batch upwards', () => {
    const shrunk = paceAfter(startPace(1000), 'too-large');
    expect(shrunk).toEqual({ limit: 500, size: 500, streak: 0 });
    expect(answered(shrunk, PACE_RECOVERY * 5).size).toBe(500);
    expect(paceAfter(startPace(7), 'timed-out').size).toBe(7);
    expect(paceAfter(startPace(40), 'timed-out').size).toBe(MIN_PACED_BATCH);
  });

  it('never sends more than the limit nor less than one fact', () => {
    const outcome = fc.constantFrom('answered' as const, 'timed-out' as const, 'too-large' as const);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(outcome, { maxLength: 200 }), (batchSize, outcomes) => {
        const pace = outcomes.reduce((p, o) => paceAfter(p, o), startPace(batchSize));
        expect(pace.size).toBeGreaterThanOrEqual(1);
        expect(pace.size).toBeLessThanOrEqual(pace.limit);
        expect(pace.limit).toBeLessThanOrEqual(batchSize);
      }),
    );
  });
});
