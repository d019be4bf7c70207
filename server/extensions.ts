/** The optional parts of the hub that a configuration switches on (devices, extra routes). */
import type { Config } from './config';
import type { HubExtension } from './compose';

export function hubExtensions(_config: Config): HubExtension[] {
  return [];
}
