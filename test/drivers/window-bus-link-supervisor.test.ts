import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../support/manual-timers';
import type { ByteLink, LinkState, Unsubscribe } from '../../drivers/device';
import { LinkSupervisor } from '../../drivers/window-bus';

/** A port that exists only when `present` is true. */
class FlakyLink implements ByteLink {
  readonly description = 'flaky';
  present = false;
  opens = 0;
  private opened = false;
  private readonly states = new Set<(state: LinkState, error?: Error) => void>();
  isOpen = (): boolean => this.opened;
  async open(): Promise<void> {
    this.opens += 1;
    if (!this.present) throw new Error('ENOENT');
    this.opened = true;
  }
  async close(): Promise<void> {
    this.opened = false;
  }
  async write(): Promise<void> {}
  onData(): Unsubscribe {
    return () => undefined;
  }
  onState(listener: (state: LinkState, error?: Error) => void): Unsubscribe {
    this.states.add(listener);
    return () => this.states.delete(listener);
  }
  pull(): void {
    this.opened = false;
    for (const listener of this.states) listener('closed', new Error('gone'));
  }
}

describe('LinkSupervisor', () => {
  it('retries a missing port with growing delays until it appears, then again after it vanishes', async () => {
    const timers = new ManualTimers();
    const link = new FlakyLink();
    const events: string[] = [];
    const supervisor = new LinkSupervisor(link, { onUp: () => events.push('up'), onDown: () => events.push('down') }, { timers, backoff: { initialMs: 100, maxMs: 400 } });
    await supervisor.start(); // never rejects
    await timers.advance(100 + 200 + 400 + 400);
    expect(link.opens).toBe(5);
    expect(timers.delays).toEqual([100, 200, 400, 400, 400]);
    link.present = true;
    await timers.advance(400);
    expect(supervisor.isUp()).toBe(true);
    link.pull();
    expect(supervisor.isUp()).toBe(false);
    await timers.advance(100); // back-off was reset by the success
    expect(supervisor.isUp()).toBe(true);
    expect(events.filter((e) => e === 'up')).toHaveLength(2);
    await supervisor.stop();
    expect(link.isOpen()).toBe(false);
  });
});
