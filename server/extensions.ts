/** The optional parts of the hub that a configuration switches on (devices, extra routes). */
import type { Config } from './config';
import type { HubExtension } from './compose';
import { windowDevicesExtension } from './window-devices/index';

export function hubExtensions(_config: Config): HubExtension[] {
  return [windowDevicesExtension(_config)];
}
