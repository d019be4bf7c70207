/** The hall clock (server/app/hall-clock.ts) against a wall clock that is stepped both ways. */
import { describe, expect, it } from 'vitest';
import { HallClock, type ClockStep } from '../../server/app/hall-clock';
import { SteppingSources } from '../support/stepping-clock';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-11-27T06:00:00Z'); // 14:00 in Shanghai

function clockAt(wall = T0, floor?: number): { clock: HallClock; sources: SteppingSources; steps: ClockStep[] } {
  const sources = new SteppingSources(wall);
  const clock = new HallClock(sources, { floor });
  const steps: ClockStep[] = [];
  clock.onStep((s) => steps.push(s));
  return { clock, sources, steps };
}

/** Reads the clock every `every` ms over `ms` of real time, failing if it ever ran backwards. */
function readThrough(clock: HallClock, sources: SteppingSources, ms: number, every = 10_000): number {
  let last = clock.now();
  for (let t = 0; t < ms; t += every) {
    sources.pass(every);
    const now = clock.now();
    expect(now).toBeGreaterThanOrEqual(last);
    last = now;
  }
  return last;
}

describe('hall clock', () => {
  it('is the wall clock while nobody sets it', () => {
    const { clock, sources, steps } = clockAt();
    expect(clock.now()).toBe(T0);
    sources.pass(1234);
    expect(clock.now()).toBe(T0 + 1234);
    expect(steps).toEqual([]);
  });

  it('follows small corrections forward at once (NTP)', () => {
    const { clock, sources, steps } = clockAt();
    sources.step(1500);
    expect(clock.now()).toBe(T0 + 1500);
    expect(steps).toEqual([]);
  });

  it('never follows a step back: keeps its time, runs 10% slow, and meets the wall again', () => {
    const { clock, sources, steps } = clockAt();
    sources.pass(MIN);
    sources.step(-HOUR);
    expect(clock.now()).toBe(T0 + MIN);
    expect(steps).toMatchObject([{ kind: 'back', sizeMs: HOUR }]);
    sources.pass(10 * MIN);
    expect(clock.now()).toBe(T0 + MIN + 9 * MIN);
    // An hour ahead at 10% slow: caught up after ten hours, then the wall again, exactly.
    readThrough(clock, sources, 10 * HOUR + MIN);
    expect(clock.now()).toBe(sources.wall());
    expect(steps.map((s) => s.kind)).toEqual(['back', 'caught-up']);
  });

  it('ignores a forward step across midnight that comes back within five minutes', () => {
    const { clock, sources, steps } = clockAt(Date.parse('2026-11-27T14:00:00Z')); // 22:00 in Shanghai
    sources.step(2.5 * HOUR); // 00:30 the next day
    sources.pass(2 * MIN);
    expect(clock.now()).toBe(Date.parse('2026-11-27T14:02:00Z'));
    sources.step(-2.5 * HOUR);
    sources.pass(MIN);
    expect(clock.now()).toBe(Date.parse('2026-11-27T14:03:00Z'));
    expect(steps).toMatchObject([{ kind: 'forward-undone', sizeMs: 2.5 * HOUR }]);
  });

  it('takes a forward step once the wall has held it for five minutes', () => {
    const { clock, sources, steps } = clockAt();
    sources.step(3 * HOUR);
    expect(clock.now()).toBe(T0);
    const before = readThrough(clock, sources, 5 * MIN - 10_000);
    expect(before).toBe(T0 + 5 * MIN - 10_000);
    sources.pass(10_000);
    expect(clock.now()).toBe(T0 + 3 * HOUR + 5 * MIN);
    expect(steps).toMatchObject([{ kind: 'forward' }]);
    expect(steps[0]?.sizeMs).toBeCloseTo(3 * HOUR, -3);
  });

  it('starts from the last stored event when the wall is behind it, and takes the correction at once', () => {
    const lastEvent = T0 + HOUR;
    const { clock, sources, steps } = clockAt(T0, lastEvent);
    expect(clock.now()).toBe(lastEvent);
    expect(steps).toMatchObject([{ kind: 'behind-at-start', sizeMs: HOUR }]);
    sources.pass(MIN);
    expect(clock.now()).toBe(lastEvent + 0.9 * MIN);
    sources.step(2 * HOUR); // NTP answers at last
    expect(clock.now()).toBe(T0 + MIN + 2 * HOUR);
    expect(steps.map((s) => s.kind)).toEqual(['behind-at-start', 'caught-up', 'forward']);
  });

  it('measures intervals (rate windows) on monotonic time only', () => {
    const { clock, sources } = clockAt();
    const start = clock.elapsed();
    sources.step(-HOUR);
    sources.pass(30_000);
    sources.step(5 * HOUR);
    expect(clock.elapsed() - start).toBe(30_000);
  });

  it('never runs backwards whatever the wall does', () => {
    const { clock, sources } = clockAt();
    let last = clock.now();
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      if (seed % 5 === 0) sources.step(((seed % 7) - 3) * 37 * MIN);
      sources.pass(seed % 20_000);
      const now = clock.now();
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
    }
  });
});

describe('clock steps reach managers', () => {
  it('a large step is the hub-clock device in error, which the alert rules raise at once', async () => {
    const { overdueConditions } = await import('../../server/domain/alert-rules');
    const { watchClock, CLOCK_DEVICE_ID } = await import('../../server/app/clock-health');
    const sources = new SteppingSources(T0);
    const clock = new HallClock(sources);
    const reported: import('../../server/protocol/model').DeviceHealthView[] = [];
    const warnings: string[] = [];
    const devices = { devices: new Map(), reportDevice: (d: (typeof reported)[number]) => void reported.push(d) };
    watchClock(clock, devices, { info: () => undefined, warn: (_o, m) => void warnings.push(m) });
    sources.step(-30_000); // small: logged, no alert
    clock.now();
    sources.step(-HOUR);
    clock.now();
    await Promise.resolve();
    expect(warnings).toHaveLength(1);
    expect(reported).toMatchObject([{ id: CLOCK_DEVICE_ID, status: 'error', code: 'clock-step' }]);
    const conditions = overdueConditions({ now: clock.now(), tickets: [], services: new Map(), windows: new Map(), statuses: new Map(), devices: reported, pauseLimitMinutes: 15 });
    expect(conditions).toMatchObject([{ kind: 'clock-step', subjectId: CLOCK_DEVICE_ID }]);
  });
});
