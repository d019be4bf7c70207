import type { ByteLink, Unsubscribe } from '../device';
import { realtimeStatusQuery, type StatusQuery } from './escpos-commands';
import { isRealtimeStatusReply, type StatusReplies } from './printer-status';
import type { Timers } from '../timers';

interface Waiter {
  resolve(byte: number | undefined): void;
}

/**
 * Sends DLE EOT queries one at a time and matches each to the next valid reply byte.
 * Callers must serialize: the printer driver runs every query inside its exclusive section.
 * Bytes that arrive while nobody waits (ASB, late replies after a timeout) are dropped.
 */
export class StatusReader {
  private waiter: Waiter | null = null;
  private readonly unsubscribe: Unsubscribe;

  constructor(
    private readonly link: ByteLink,
    private readonly timers: Timers,
    private readonly timeoutMs: number,
  ) {
    this.unsubscribe = link.onData((chunk) => {
      for (const byte of chunk) {
        if (this.waiter && isRealtimeStatusReply(byte)) {
          const waiter = this.waiter;
          this.waiter = null;
          waiter.resolve(byte);
        }
      }
    });
  }

  dispose(): void {
    this.unsubscribe();
    this.waiter?.resolve(undefined);
    this.waiter = null;
  }

  /** One reply byte, or undefined on timeout or a write failure. */
  async query(n: StatusQuery): Promise<number | undefined> {
    const reply = new Promise<number | undefined>((resolve) => {
      const cancel = this.timers.schedule(() => {
        if (this.waiter === waiter) this.waiter = null;
        resolve(undefined);
      }, this.timeoutMs);
      const waiter: Waiter = {
        resolve: (byte) => {
          cancel();
          resolve(byte);
        },
      };
      this.waiter = waiter;
    });
    try {
      await this.link.write(realtimeStatusQuery(n));
    } catch {
      this.waiter?.resolve(undefined);
      this.waiter = null;
    }
    return reply;
  }

  /**
   * DLE EOT 1, 2, 3, 4 in turn (reference §1.2 kiosk policy). Undefined when the printer does not
   * answer query 1: then nothing is known and the caller treats the printer as offline.
   */
  async readAll(): Promise<StatusReplies | undefined> {
    const printer = await this.query(1);
    if (printer === undefined) return undefined;
    const replies: Partial<Record<StatusQuery, number>> = { 1: printer };
    for (const n of [2, 3, 4] as const) {
      const byte = await this.query(n);
      if (byte !== undefined) replies[n] = byte;
    }
    return replies;
  }
}
