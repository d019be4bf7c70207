import type { ByteLink } from '../device';
import type { Timers } from '../timers';
import type { BaseInfoProblem } from './base-info';

/** Configuration of an {@link IdCardReader}. Defaults suit a 115200 bps serial reader. */
export interface IdCardReaderOptions {
  readonly id: string;
  readonly link: ByteLink;
  /** Pause between find-card polls. Default 500 ms: a person should not wait for the kiosk. */
  readonly pollIntervalMs?: number;
  /** Wait for one answer. Default 2000 ms: the 1295-byte base info takes ~115 ms at 115200 bps. */
  readonly responseTimeoutMs?: number;
  /** First reconnect delay after the port goes away; doubles per failure. Default 1000 ms. */
  readonly reconnectMinMs?: number;
  /** Reconnect back-off ceiling. Default 30000 ms. */
  readonly reconnectMaxMs?: number;
  /**
   * Consecutive "no card" answers before a read card counts as removed. Default 2, so one RF
   * glitch while the card lies still does not announce the same person twice.
   */
  readonly removalPolls?: number;
  /** Failed select/read attempts on one card before giving up on it until it is removed. Default 3. */
  readonly maxReadAttempts?: number;
  readonly timers?: Timers;
}

/** Why a present card produced no `onCard` event; carries no card data. */
export type CardFailure = BaseInfoProblem | 'select-failed' | 'read-failed';

/** Counters for the manager screen and tests. */
export interface IdCardReaderStats {
  readonly cardsRead: number;
  readonly checksumErrors: number;
  readonly timeouts: number;
  readonly readFailures: number;
  readonly reconnectAttempts: number;
  /** Well-formed frames that arrived with no request waiting (late answers after a timeout). */
  readonly strayFrames: number;
  readonly listenerErrors: number;
}

/** Internal: the counters as the reader updates them. */
export type MutableStats = { -readonly [K in keyof IdCardReaderStats]: IdCardReaderStats[K] };

/** Internal: all counters at zero. */
export function emptyStats(): MutableStats {
  return {
    cardsRead: 0,
    checksumErrors: 0,
    timeouts: 0,
    readFailures: 0,
    reconnectAttempts: 0,
    strayFrames: 0,
    listenerErrors: 0,
  };
}
