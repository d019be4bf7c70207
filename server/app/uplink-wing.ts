/**
 * The city uplink as a wing of the hub (docs/uplink.md): the shipper (uplink-shipper.ts) woken by every
 * commit, the hall's profile sent with each batch, the centre's supervision notes (督办) stored and
 * announced, and device health logged as facts so it leaves the hall like the rest. Narrow ports only.
 */
import type { HubPorts } from './ports';
import type { DeviceHealthView } from '../protocol/model';
import type { HallProfile, SupervisionNote, UplinkStatus } from '../protocol/uplink';
import { UplinkRepo } from '../storage/uplink-repo';
import { storedUplinkStatus, UplinkShipper, type CentreLink, type UplinkLog } from './uplink-shipper';
import { guardedTimeout, JobGuard } from './guarded-job';

export type UplinkPorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'bus' | 'config' | 'database'>;

const SYSTEM = { kind: 'system' } as const;
/** Device reports are gathered this long before they are logged: a flapping cable costs one commit, not fifty. */
const DEVICE_SETTLE_MS = 2_000;

export interface UplinkWing {
  status(): UplinkStatus;
  start(): void;
  stop(): Promise<void>;
}

/** Who the hall is, from the configuration and the live layout (an admin's edits included). */
export function hallProfile(ports: Pick<UplinkPorts, 'config' | 'layout'>): HallProfile {
  const { config, layout } = ports;
  return {
    code: config.hall.code ?? 'UNREGISTERED',
    name: config.hall.name,
    level: config.hall.level ?? 'district',
    ...(config.hall.parent ? { parent: config.hall.parent } : {}),
    timeZone: config.hall.timeZone,
    services: [...layout.services.values()].map((s) => ({
      id: s.id,
      name: s.name.slice(0, 60),
      ...config.serviceCodes?.[s.id],
      waitLimitMinutes: s.waitLimitMinutes,
    })),
    windows: [...layout.windows.values()].map((w) => ({ id: w.id, number: w.number, name: w.name.slice(0, 60) })),
  };
}

/** Stores notes the hall has not seen (by id) and announces each to managers, in one commit. */
export function recordSupervisionNotes(ports: Pick<UplinkPorts, 'writer' | 'database'>, notes: readonly SupervisionNote[]): number {
  const repo = new UplinkRepo(ports.database.db);
  return ports.writer.commit(SYSTEM, (tx) => {
    let added = 0;
    for (const note of notes) {
      if (!repo.insertNote(note, tx.now)) continue;
      tx.emit('supervision:noted', { note });
      added += 1;
    }
    return added;
  });
}

export interface UplinkWingOptions {
  readonly link: CentreLink;
  readonly log: UplinkLog;
  readonly random?: () => number;
  readonly newId: () => string;
}

/** Without `options` (no `uplink:` in the configuration) the wing only answers status 'off'. */
export function createUplinkWing(ports: UplinkPorts, options: UplinkWingOptions | undefined): UplinkWing {
  const repo = new UplinkRepo(ports.database.db);
  const settings = ports.config.uplink;
  if (!settings || !options) {
    return { status: () => storedUplinkStatus(repo, { isConfigured: false, hallCode: ports.config.hall.code }), start: () => undefined, stop: async () => undefined };
  }
  const shipper = new UplinkShipper({
    repo,
    link: options.link,
    settings,
    profile: () => hallProfile(ports),
    now: () => ports.time.now(),
    random: options.random ?? Math.random,
    newGenerationId: options.newId,
    recordNotes: (notes) => void recordSupervisionNotes(ports, notes),
    log: options.log,
  });
  const unsubscribe: (() => void)[] = [];
  const logged = new Map<string, string>();
  let pending: DeviceHealthView[] | undefined;
  let settleTimer: NodeJS.Timeout | undefined;

  // Logged once per change of state (a full disk refuses every settle), retried with the next device change.
  const settleJob = new JobGuard('uplink: device health log', { log: () => options.log });
  const logDevices = (): void => {
    settleTimer = undefined;
    const devices = pending ?? [];
    pending = undefined;
    const changed = devices.filter((d) => logged.get(d.id) !== `${d.status}|${d.code ?? ''}`);
    if (changed.length === 0) return;
    settleJob.run(() => {
      ports.writer.commit(SYSTEM, (tx) => {
        for (const device of changed) tx.emit('device:changed', { device });
      });
      for (const d of changed) logged.set(d.id, `${d.status}|${d.code ?? ''}`);
    });
  };

  return {
    status: () => shipper.status(),
    start() {
      unsubscribe.push(
        ports.bus.on('facts', () => shipper.wake()),
        ports.bus.on('devices', (devices) => {
          pending = devices;
          if (!settleTimer) {
            settleTimer = guardedTimeout(settleJob, DEVICE_SETTLE_MS, logDevices);
          }
        }),
      );
      shipper.start();
    },
    async stop() {
      for (const off of unsubscribe) off();
      if (settleTimer) clearTimeout(settleTimer);
      await shipper.stop();
    },
  };
}
