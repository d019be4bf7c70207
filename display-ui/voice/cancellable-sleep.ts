import type { Clock } from './audio-types';

/**
 * A sleep that `wake()` ends early. The announcer and clip player wait seconds at a time;
 * mute and dispose must not wait for those timers to run out.
 */
export class CancellableSleep {
  private readonly wakers = new Set<() => void>();

  constructor(private readonly clock: Clock) {}

  /** Resolves after `ms`, or as soon as {@link wake} is called. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.wakers.delete(done);
        resolve();
      };
      this.wakers.add(done);
      void this.clock.sleep(ms).then(done);
    });
  }

  /** Ends every sleep in progress. */
  wake(): void {
    for (const done of [...this.wakers]) done();
  }
}
