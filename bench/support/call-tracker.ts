/** Records when each display receives each call, and resolves once every display has it. */
import type { BenchSocket } from './clients';

interface Seen {
  count: number;
  lastAt: number;
  waiters: Array<() => void>;
}

export class CallTracker {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly displays: number) {}

  /** Hooks a display socket: every `ticket:called` public event counts for its ticket. */
  watch(socket: BenchSocket): void {
    socket.on('hub:public-events', (events) => {
      for (const event of events) if (event.type === 'ticket:called') this.record(event.data.call.ticketId);
    });
  }

  record(ticketId: string): void {
    const entry = this.entry(ticketId);
    entry.count++;
    entry.lastAt = performance.now();
    if (entry.count >= this.displays) for (const wake of entry.waiters.splice(0)) wake();
  }

  /** When the last display received the call for `ticketId`. */
  async allReceived(ticketId: string, timeoutMs = 60_000): Promise<number> {
    const entry = this.entry(ticketId);
    if (entry.count < this.displays) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${entry.count}/${this.displays} displays got ${ticketId}`)), timeoutMs);
        entry.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.seen.delete(ticketId);
    return entry.lastAt;
  }

  private entry(ticketId: string): Seen {
    let entry = this.seen.get(ticketId);
    if (!entry) {
      entry = { count: 0, lastAt: 0, waiters: [] };
      this.seen.set(ticketId, entry);
    }
    return entry;
  }
}
