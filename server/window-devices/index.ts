/**
 * The window devices extension: satisfaction keypads (评价器), window LED strips and hardware callers on
 * the configured window buses, the rating pad page's API, and the clerk page's day figures.
 */
import type { Config } from '../config';
import type { HubExtension } from '../compose';
import { registerWindowDeviceRoutes } from './routes';
import { WindowDevices } from './window-devices';

export function windowDevicesExtension(config: Config): HubExtension {
  let devices: WindowDevices | undefined;
  return {
    name: 'window-devices',
    routes(app, hub) {
      devices ??= new WindowDevices(hub, config.windowBuses);
      registerWindowDeviceRoutes(app, hub, devices, { isDemo: config.isDemo });
    },
    async start(hub, context) {
      devices ??= new WindowDevices(hub, config.windowBuses);
      await devices.start(context.log.child({ part: 'window-devices' }));
    },
    async stop() {
      await devices?.stop();
    },
  };
}
