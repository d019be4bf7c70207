/**
 * The kiosk wing (issue #3), composed: its use cases (app/kiosk-service.ts) built from the hub's ports, its
 * routes (transport/http/kiosk-routes.ts), its hooks on the issue path (HTTP and socket alike), and each
 * configured kiosk's printer and ID card reader (devices/kiosk-devices.ts) opened when the hub starts.
 */
import type { Config } from '../config';
import type { HubExtension } from '../compose';
import type { Hub } from '../app/hub';
import { KioskService } from '../app/kiosk-service';
import { AppointmentsRepo } from '../storage/appointments-repo';
import { registerKioskRoutes } from '../transport/http/kiosk-routes';
import { openKioskDevices, type KioskDevices } from '../devices/kiosk-devices';

export interface KioskExtensionOptions {
  /** Printer status poll period (ms); 0 turns polling off. Default 5000. */
  readonly printerPollMs?: number;
}

/** The extension, plus access to a kiosk's devices (tests flip the simulators' fault switches). */
export interface KioskExtension extends HubExtension {
  devices(kioskId: string): KioskDevices | undefined;
}

export function kioskExtension(config: Config, options: KioskExtensionOptions = {}): KioskExtension {
  let service: KioskService | undefined;
  // api() and routes() run before start(): whichever comes first builds the service.
  const serviceFor = (hub: Hub): KioskService => {
    const { ports } = hub;
    // The appointments table is written inside the writer's transactions: the repository opens on its connection.
    service ??= new KioskService(ports, new AppointmentsRepo(ports.database.db));
    return service;
  };

  return {
    name: 'kiosk',
    devices: (kioskId) => service?.devices.get(kioskId),
    api(hub) {
      return serviceFor(hub).issueHooks();
    },
    routes(app, hub) {
      return registerKioskRoutes(app, hub, serviceFor(hub), { isDemo: config.isDemo });
    },
    async start(hub, context) {
      const kiosk = serviceFor(hub);
      for (const k of config.kiosks) {
        const devices = await openKioskDevices(k, {
          dataDir: context.dataDir,
          now: () => hub.ports.time.now(),
          report: (health) => hub.ports.devices.reportDevice(health),
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
      await service?.closeDevices();
    },
  };
}
