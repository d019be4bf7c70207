/**
 * The one reconnect back-off of the drivers (drivers/backoff.ts): its arithmetic, and that the printer
 * follows it (the ID card reader's delays are checked in idcard-reader.test.ts, the window bus's link
 * supervisor in window-bus-link-supervisor.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../support/manual-timers';
import { Backoff } from '../../drivers/backoff';
import type { ByteLink, LinkState, Unsubscribe } from '../../drivers/device';
import { EscPosPrinter } from '../../drivers/printer';

describe('Backoff', () => {
  it('doubles up to the cap and resets', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 });
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.nextDelay())).toEqual([100, 200, 400, 800, 1000, 1000]);
    backoff.reset();
    expect(backoff.nextDelay()).toBe(100);
  });

  it('rejects nonsense options', () => {
    expect(() => new Backoff({ initialMs: 0 })).toThrow(RangeError);
    expect(() => new Backoff({ initialMs: 200, maxMs: 100 })).toThrow(RangeError);
    expect(() => new Backoff({ factor: 0.5 })).toThrow(RangeError);
  });

  it('stays at the cap however long the device is away', () => {
    const backoff = new Backoff({ initialMs: 1, maxMs: 30_000 });
    let last = 0;
    for (let i = 0; i < 5_000; i++) last = backoff.nextDelay();
    expect(last).toBe(30_000);
  });
});

/** A printer port that refuses to open until `present`; it never answers a status query. */
class AbsentLink implements ByteLink {
  readonly description = 'absent printer';
  present = false;
  opens = 0;
  private opened = false;
  isOpen = (): boolean => this.opened;
  async open(): Promise<void> {
    this.opens += 1;
    if (!this.present) throw new Error('ECONNREFUSED');
    this.opened = true;
  }
  async close(): Promise<void> {
    this.opened = false;
  }
  async write(): Promise<void> {}
  onData(): Unsubscribe {
    return () => undefined;
  }
  private readonly states = new Set<(state: LinkState, error?: Error) => void>();
  onState(listener: (state: LinkState, error?: Error) => void): Unsubscribe {
    this.states.add(listener);
    return () => this.states.delete(listener);
  }
  /** The cable is pulled: the link closes by itself. */
  pull(): void {
    this.opened = false;
    this.present = false;
    for (const listener of this.states) listener('closed', new Error('gone'));
  }
}

describe('the printer reconnects on the shared back-off', () => {
  it('retries an absent printer after 20, 40, 80, 100, 100 ms and starts again at 20 after it came back', async () => {
    const timers = new ManualTimers();
    const link = new AbsentLink();
    const printer = new EscPosPrinter({ id: 'p1', link, timers, pollIntervalMs: 0, statusMode: 'none', reconnectDelayMs: { initial: 20, max: 100 } });
    await printer.open(); // never rejects: an absent printer is a health state
    expect(printer.health()).toMatchObject({ status: 'offline' });
    await timers.advance(20 + 40 + 80 + 100 + 100);
    expect(link.opens).toBe(6);
    expect(timers.delays).toEqual([20, 40, 80, 100, 100, 100]);
    link.present = true;
    await timers.advance(100);
    expect(printer.health()).toMatchObject({ status: 'online' });
    // Gone again: the success reset the back-off, so the first retry comes after 20 ms again.
    timers.delays.length = 0;
    link.pull();
    expect(printer.health()).toMatchObject({ status: 'offline' });
    await timers.advance(20 + 40);
    expect(timers.delays).toEqual([20, 40, 80]);
    await printer.close();
  });
});
