/**
 * The shipper's decisions (server/app/uplink-shipper.ts), pure: what the centre's answer to a batch means
 * for the acknowledged mark, and how long to wait before the next attempt. Time and randomness come in.
 */
import type { ErrorCode } from '../protocol/errors';
import type { SupervisionNote, UplinkAck } from '../protocol/uplink';

/** The centre's answer to a batch or a cursor request, as the HTTP client classifies it. */
export type CentreReply =
  | { readonly kind: 'ack'; readonly ack: UplinkAck }
  /** 409 uplink-gap: the centre holds less than the batch assumed. */
  | { readonly kind: 'gap'; readonly resendFrom: number; readonly message: string }
  /** 409 uplink-generation-conflict: another history under this generation id (a copied database). */
  | { readonly kind: 'conflict'; readonly message: string }
  /** 413: the batch is bigger than the centre takes. */
  | { readonly kind: 'too-large'; readonly message: string }
  /** 401/403 (a wrong token, another hall's code) and other 4xx: retrying the same will not help. */
  | { readonly kind: 'refused'; readonly code: ErrorCode; readonly message: string }
  /** 429, 5xx, no answer, a timeout (`isTimeout`: the centre did not answer in time): try again later. */
  | { readonly kind: 'retry'; readonly code: ErrorCode; readonly message: string; readonly retryAfterMs?: number; readonly isAnswer?: boolean; readonly isTimeout?: boolean };

export interface Backoff {
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * Capped exponential back-off with jitter: attempt 1 waits about minMs, each failure doubles it up to maxMs;
 * the wait is drawn from its upper half, so a hundred halls cut off together do not come back together.
 */
export function retryDelayMs(attempt: number, backoff: Backoff, random: () => number): number {
  const base = Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(base / 2 + (random() * base) / 2);
}

export type NextStep =
  /** Stored up to `mark`; `notes` to record in the hall. */
  | { readonly step: 'advance'; readonly mark: number; readonly notes: readonly SupervisionNote[] }
  /** Start a new generation forking after `forkSeq` and ship it. */
  | { readonly step: 'fork'; readonly forkSeq: number; readonly reason: 'conflict' | 'rewind'; readonly message: string }
  /** The centre wants the log again from `mark + 1`. */
  | { readonly step: 'resend'; readonly mark: number }
  | { readonly step: 'shrink' }
  | { readonly step: 'wait'; readonly state: 'retrying' | 'refused'; readonly delayMs: number; readonly code: ErrorCode; readonly message: string };

export interface Sent {
  readonly fromSeq: number;
  readonly toSeq: number;
  /** The mark the batch started from (fromSeq − 1) and the hall's newest sequence number. */
  readonly mark: number;
  readonly lastSeq: number;
}

/**
 * `attempt` counts the failures in a row, this one included. A refusal is retried too, at the longest
 * interval: the centre's registry may be fixed without anyone touching the hall.
 */
export function afterReply(sent: Sent, reply: CentreReply, attempt: number, backoff: Backoff, random: () => number): NextStep {
  switch (reply.kind) {
    case 'ack': {
      // The centre holds more of this generation than this database has: the database was put back (copied
      // or restored by hand). The part just compared matched, so the new history forks after it.
      if (reply.ack.ackedSeq > sent.lastSeq) {
        return { step: 'fork', forkSeq: sent.toSeq, reason: 'rewind', message: `The centre holds this database's history up to ${reply.ack.ackedSeq}, past its newest fact ${sent.lastSeq}: the database was rewound. Shipping continues as a new history.` };
      }
      return { step: 'advance', mark: Math.max(0, reply.ack.ackedSeq), notes: reply.ack.notes ?? [] };
    }
    case 'gap':
      return { step: 'resend', mark: Math.min(Math.max(0, reply.resendFrom - 1), sent.lastSeq) };
    case 'conflict':
      return { step: 'fork', forkSeq: Math.max(0, Math.min(sent.mark, sent.fromSeq - 1)), reason: 'conflict', message: reply.message };
    case 'too-large':
      return { step: 'shrink' };
    case 'refused':
      return { step: 'wait', state: 'refused', delayMs: retryDelayMs(Number.MAX_SAFE_INTEGER, backoff, random), code: reply.code, message: reply.message };
    case 'retry': {
      const delay = retryDelayMs(attempt, backoff, random);
      const asked = reply.retryAfterMs !== undefined ? Math.min(Math.max(reply.retryAfterMs, 0), backoff.maxMs) : 0;
      return { step: 'wait', state: 'retrying', delayMs: Math.max(delay, asked), code: reply.code, message: reply.message };
    }
  }
}

/** Where shipping resumes when the hall has no stored mark: what the centre holds, else the generation's fork. */
export function startMark(centreAcked: number, forkSeq: number): number {
  return centreAcked > 0 ? centreAcked : forkSeq;
}

/**
 * How many facts the next batch may hold. `limit` is the most (the configured batchSize, lowered for good
 * when the centre answers 413); `size` is what is sent now. A batch the centre did not answer in time — a
 * large batch on a slow link — halves `size`, down to MIN_PACED_BATCH, so a backlog keeps moving; after
 * PACE_RECOVERY answered batches in a row it doubles again up to `limit`, so a link that got better is used.
 */
export interface BatchPace {
  readonly limit: number;
  readonly size: number;
  /** Batches answered in a row at this size. */
  readonly streak: number;
}
export const MIN_PACED_BATCH = 25;
export const PACE_RECOVERY = 10;

export function startPace(batchSize: number): BatchPace {
  return { limit: batchSize, size: batchSize, streak: 0 };
}

export type PaceOutcome = 'answered' | 'timed-out' | 'too-large';

/** What a reply to a batch says about its size: any answer, a 413, a timeout; other failures say nothing. */
export function paceOutcomeOf(reply: CentreReply): PaceOutcome | undefined {
  if (reply.kind === 'too-large') return 'too-large';
  if (reply.kind === 'retry') return reply.isTimeout ? 'timed-out' : undefined;
  return 'answered';
}

export function paceAfter(pace: BatchPace, outcome: PaceOutcome): BatchPace {
  switch (outcome) {
    case 'too-large': {
      const limit = Math.max(1, Math.floor(pace.size / 2));
      return { limit, size: limit, streak: 0 };
    }
    case 'timed-out':
      return { ...pace, size: Math.max(Math.min(MIN_PACED_BATCH, pace.limit), Math.floor(pace.size / 2)), streak: 0 };
    case 'answered': {
      const streak = pace.streak + 1;
      if (streak < PACE_RECOVERY || pace.size >= pace.limit) return { ...pace, streak };
      return { ...pace, size: Math.min(pace.limit, pace.size * 2), streak: 0 };
    }
  }
}
