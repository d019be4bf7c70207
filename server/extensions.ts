/** The optional parts of the hub that a configuration switches on (devices, extra routes). */
import type { Config } from './config';
import type { HubExtension } from './compose';
import { windowDevicesExtension } from './wings/window-devices';
import { kioskExtension } from './wings/kiosk';
import { managerExtension } from './wings/manager';
import { provinceExtension } from './wings/province';

export function hubExtensions(_config: Config): HubExtension[] {
  return [kioskExtension(_config), windowDevicesExtension(_config), managerExtension(_config), provinceExtension(_config)];
}
