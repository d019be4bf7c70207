#!/usr/bin/env node
// The `hallq` binary: `npx hallq`, the package bin, the systemd unit and `node server/cli/hallq.mjs` all land here.
// Production runs the compiled CLI, dist/server/cli/hallq.js (`npm run build`, scripts/build-server.mjs): plain
// node, no TypeScript compiler in memory or at start (issue 20). A development checkout whose sources are
// newer than that build (or that was never built) falls back to registering tsx and running hallq.ts itself,
// so an edit is never silently ignored by a stale dist/. The release archive ships no .ts sources: always built.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, '..', '..', 'dist', 'server', 'cli', 'hallq.js');

/** The newest modification time of the server's .ts sources (0 where there are none, as in a release). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isBuildCurrent() {
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return [join(here, '..'), join(here, '..', '..', 'drivers')].every((dir) => !existsSync(dir) || newestSource(dir) <= builtAt);
}

if (isBuildCurrent()) {
  // Stack traces in the journal then name server/*.ts lines (the build writes source maps).
  process.setSourceMapsEnabled(true);
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./hallq.ts');
}
