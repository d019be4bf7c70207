/**
 * The hallq installation's root directory (where package.json and dist/ui live), found from this module's
 * own location. Not a fixed `../..`: the same code runs from server/*.ts under tsx in a checkout and from a
 * bundle chunk in dist/server/ (scripts/build-server.mjs) in production and in the release archive.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(start, '..');
  }
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);
