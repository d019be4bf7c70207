/**
 * The version this hub runs, from package.json (read once at start): `hallq --version`, `/healthz` and
 * `hallq status` say the same thing, and an IT person can tell which release a hall is on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './project-root';

function readVersion(): string {
  try {
    const text = readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8');
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  } catch {
    // A release without its package.json still runs; it just cannot say which it is.
  }
  return 'unknown';
}

export const HALLQ_VERSION = readVersion();
