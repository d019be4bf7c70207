/**
 * Runs the simulated busy day (figure 3) in its own process, so its peak RSS is the hub's alone: the real
 * hub (startHub) on a temp data dir with a controlled clock, driven through `hub.hub` as kiosks and
 * windows would, event by event, as fast as the hub allows.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startHub } from '../../server/compose';
import type { Actor } from '../../server/app/actor';
import { benchConfigFile, clerkName, DEMO_PASSWORD, toConfig, windowId } from './bench-config';
import { measureBareFsync } from './bare-fsync';
import { CONFIGURED_MINUTES, DAY_START, visitors, windowServes, type ServiceId, type Visitor } from './busy-day-model';

export const DAY_WINDOWS = 20;

export interface BusyDayResult {
  readonly type: 'result';
  readonly wallMs: number;
  readonly commits: number;
  readonly bareCommitMs: number;
  readonly peakRss: number;
  readonly startRss: number;
  readonly dbBytes: number;
  readonly rawTicketBytes: number;
  readonly simulatedMinutes: number;
  /** Per called ticket: printed estimate, naive estimate, actual wait (minutes). */
  readonly waits: ReadonlyArray<{ readonly hub: number; readonly naive: number; readonly actual: number }>;
}

interface Issued {
  readonly visitor: Visitor;
  readonly issuedAt: number;
  readonly estimate: number;
  readonly naive: number;
  calledAt?: number;
}

async function simulate(count: number, dataDir: string): Promise<BusyDayResult> {
  const bare = measureBareFsync(150, dataDir);
  const clock = { current: DAY_START - 60_000, now: (): number => clock.current };
  const config = toConfig(benchConfigFile({ windows: DAY_WINDOWS, kiosks: 2, serves: windowServes, serviceMinutes: CONFIGURED_MINUTES }));
  const running = await startHub({ config, dataDir, clock, host: '127.0.0.1', port: 0, uiDir: dataDir });
  const hub = running.hub;
  (globalThis as { gc?: () => void }).gc?.();
  const startRss = process.memoryUsage().rss;
  const clerks: Actor[] = [];
  for (let w = 0; w < DAY_WINDOWS; w++) clerks.push(hub.authenticate((await hub.login(clerkName(w), DEMO_PASSWORD, '127.0.0.1')).token));
  const kiosk: Actor = { kind: 'kiosk', kioskId: 'kiosk1' };
  // The naive estimate divides by the number of windows that serve the service, whatever their other services.
  const servingWindows = (id: ServiceId): number => config.windows.filter((w) => w.serves.some((s) => s.serviceId === id)).length;

  const day = visitors(count);
  const issued = new Map<string, Issued>();
  const finishes = new Map<number, number>(); // window index → when its visitor leaves
  const idle = new Set<number>();
  let commits = 0;
  let peakRss = 0;
  const started = performance.now();
  clock.current = DAY_START;
  for (let w = 0; w < DAY_WINDOWS; w++) {
    hub.windowCommand(clerks[w]!, windowId(w), 'open', {});
    commits++;
    idle.add(w);
  }
  /** Asks window `w` to call; true when someone came. */
  const callNext = (w: number): boolean => {
    commits++;
    const reply = hub.windowCommand(clerks[w]!, windowId(w), 'call-next', {});
    const ticket = reply?.ticket;
    const entry = ticket ? issued.get(ticket.id) : undefined;
    if (!entry) return false;
    entry.calledAt = clock.current;
    finishes.set(w, clock.current + entry.visitor.serviceMs);
    idle.delete(w);
    return true;
  };
  let next = 0;
  for (let step = 0; ; step++) {
    let soonest: [number, number] | undefined;
    for (const [w, at] of finishes) if (!soonest || at < soonest[1]) soonest = [w, at];
    const arrival = day[next];
    if (arrival && (!soonest || arrival.arrivesAt <= soonest[1])) {
      clock.current = Math.round(arrival.arrivesAt);
      next++;
      commits++;
      const ticket = await hub.issueTicketBatched(kiosk, { serviceId: arrival.serviceId });
      const naive = (ticket.waitingAhead * CONFIGURED_MINUTES[arrival.serviceId]) / servingWindows(arrival.serviceId);
      issued.set(ticket.id, { visitor: arrival, issuedAt: clock.current, estimate: ticket.estimatedWaitMinutes, naive });
      for (const w of [...idle]) if (callNext(w)) break;
    } else if (soonest) {
      const [w] = soonest;
      clock.current = Math.round(soonest[1]);
      finishes.delete(w);
      commits++;
      hub.windowCommand(clerks[w]!, windowId(w), 'finish', {});
      if (!callNext(w)) idle.add(w);
    } else {
      break;
    }
    if (step % 250 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const wallMs = performance.now() - started;
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const rawTicketBytes = running.db
    .prepare<[], Record<string, unknown>>('SELECT * FROM tickets')
    .all()
    .reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)) + 1, 0);
  running.db.pragma('wal_checkpoint(TRUNCATE)');
  const file = join(dataDir, 'hallq.db');
  const dbBytes = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  await running.close();
  const waits = [...issued.values()].flatMap((t) =>
    t.calledAt === undefined ? [] : [{ hub: t.estimate, naive: t.naive, actual: (t.calledAt - t.issuedAt) / 60_000 }],
  );
  return { type: 'result', wallMs, commits, bareCommitMs: bare.meanMs, peakRss, startRss, dbBytes, rawTicketBytes, simulatedMinutes: (clock.current - DAY_START) / 60_000, waits };
}

process.on('message', (message: { type: 'run'; visitors: number; dataDir: string }) => {
  if (message.type !== 'run') return;
  simulate(message.visitors, message.dataDir).then(
    (result) => {
      process.send?.(result);
      process.disconnect();
    },
    (error: unknown) => {
      process.send?.({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.disconnect();
    },
  );
});
