/**
 * The window devices wing, composed: satisfaction keypads (评价器), window LED strips and hardware callers on
 * the configured window buses (built by devices/window-bus-factory.ts), driven by app/window-devices.ts from
 * the hub's ports; the rating pad page's API and the clerk page's day figures (app/window-devices-api.ts,
 * transport/http/window-devices-routes.ts).
 */
import type { Config } from '../config';
import type { HubExtension } from '../compose';
import type { Hub } from '../app/hub';
import { WindowDevices } from '../app/window-devices';
import { WindowDevicesApi } from '../app/window-devices-api';
import { WindowDevicesRepo } from '../storage/window-devices-repo';
import { buildWindowBus } from '../devices/window-bus-factory';
import { registerWindowDeviceRoutes } from '../transport/http/window-devices-routes';

export function windowDevicesExtension(config: Config): HubExtension {
  let devices: WindowDevices | undefined;
  // Routes are registered before the hub starts its extensions: whichever comes first builds the wing.
  const devicesOf = (hub: Hub): WindowDevices =>
    (devices ??= new WindowDevices(hub.ports, hub, new WindowDevicesRepo(hub.ports.database.db), config.windowBuses, buildWindowBus));
  return {
    name: 'window-devices',
    routes(app, hub) {
      const api = new WindowDevicesApi(hub.ports, hub, devicesOf(hub), config.isDemo);
      registerWindowDeviceRoutes(app, hub, api, { isDemo: config.isDemo });
    },
    async start(hub, context) {
      await devicesOf(hub).start(context.log.child({ part: 'window-devices' }));
    },
    async stop() {
      await devices?.stop();
    },
  };
}
