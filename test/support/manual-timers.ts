import type { Timers } from '../../drivers/timers';

/** Drivers' timers driven by hand: `advance(ms)` fires whatever is due, in order, and records every delay asked for. */
export class ManualTimers implements Timers {
  private time = 0;
  private queue: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];
  readonly delays: number[] = [];
  now = (): number => this.time;
  schedule(callback: () => void, ms: number): () => void {
    const entry = { at: this.time + ms, callback, cancelled: false };
    this.delays.push(ms);
    this.queue.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.time = next.at;
      if (!next.cancelled) next.callback();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.time = end;
  }
}
