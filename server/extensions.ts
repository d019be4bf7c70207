/** The optional parts of the hub that a configuration switches on (devices, extra routes). */
import type { Config } from './config';
import type { HubExtension } from './compose';
import { windowDevicesExtension } from './window-devices/index';
import { kioskExtension } from './kiosk/kiosk-extension';
import { managerExtension } from './manager/extension';

export function hubExtensions(_config: Config): HubExtension[] {
  return [kioskExtension(_config), windowDevicesExtension(_config), managerExtension(_config)];
}
