/**
 * The kiosk part of the hub (issue #3): printers and ID card readers per configured kiosk, identity
 * (一证通办) and appointment check-in on POST /api/tickets, printing after issue, appointment routes.
 */
import type { Config } from '../config';
import type { HubExtension } from '../compose';
import type { Hub } from '../app/hub';
import type { IssueTicketBody } from '../protocol/http';
import { KioskRuntime } from './kiosk-runtime';
import { kioskIssueExtras } from './issue-extras';
import { registerKioskRoutes } from './kiosk-routes';
import { openKioskDevices, type KioskDevices } from './kiosk-devices';

export interface KioskExtensionOptions {
  /** Printer status poll period (ms); 0 turns polling off. Default 5000. */
  readonly printerPollMs?: number;
}

/** The extension, plus access to a kiosk's devices (tests flip the simulators' fault switches). */
export interface KioskExtension extends HubExtension {
  devices(kioskId: string): KioskDevices | undefined;
}

export function kioskExtension(config: Config, options: KioskExtensionOptions = {}): KioskExtension {
  let runtime: KioskRuntime | undefined;
  // api() and routes() run before start(): whichever comes first creates the runtime.
  const runtimeFor = (hub: Hub): KioskRuntime => (runtime ??= new KioskRuntime(hub.core));

  return {
    name: 'kiosk',
    devices: (kioskId) => runtime?.devices.get(kioskId),
    api(hub) {
      const kiosk = runtimeFor(hub);
      return {
        issueExtras: (body) =>
          kioskIssueExtras({ core: hub.core, cards: kiosk.cards, appointments: kiosk.appointments, rememberLanguage: (id, lang) => kiosk.rememberLanguage(id, lang) }, body as IssueTicketBody),
        afterIssue: (ticket, kioskId, trackUrl) => kiosk.print(ticket, kioskId, trackUrl),
      };
    },
    routes(app, hub) {
      return registerKioskRoutes(app, hub, runtimeFor(hub));
    },
    async start(hub, context) {
      const kiosk = runtimeFor(hub);
      for (const k of config.kiosks) {
        const devices = await openKioskDevices(k, {
          dataDir: context.dataDir,
          now: () => hub.core.now(),
          report: (health) => hub.core.reportDevice(health),
          // Card data stays inside acceptCard: it is never logged.
          onCard: (kioskId, card) => kiosk.acceptCard(kioskId, card),
          ...(options.printerPollMs !== undefined ? { printerPollMs: options.printerPollMs } : {}),
        });
        kiosk.devices.set(k.id, devices);
      }
      if (config.isDemo) kiosk.seedDemo();
      context.log.info({ kiosks: config.kiosks.map((k) => k.id) }, 'kiosk devices started');
    },
    async stop() {
      await runtime?.closeDevices();
    },
  };
}
