#!/usr/bin/env node
/**
 * Compiles the hub, the CLI and the city centre to dist/server (the second half of `npm run build`; the
 * first, `vite build`, makes the pages in dist/ui). Production runs this JavaScript with plain node:
 * tsx compiled every module at every start and kept its compiler in memory (issue 20: ~155 MiB idle).
 *
 * esbuild rather than tsc: the sources import each other without extensions (moduleResolution "Bundler"),
 * which tsc would emit as specifiers Node's ESM loader cannot resolve; esbuild resolves and bundles them in
 * about a second and is already installed (tsx and vite run on it). Type checking stays `npm run typecheck`.
 * Every package stays external (`packages: 'external'`): native modules (better-sqlite3, serialport) and
 * the rest load from node_modules as they do under tsx, so the release archive ships node_modules as npm
 * installed them. ESM with code splitting: the CLI's lazily imported commands stay lazy, and shared code
 * is one chunk, not a copy per entry. Source maps next to the files (node --enable-source-maps, or the CLI
 * shim turns them on) so a stack trace in the journal names server/*.ts lines.
 */
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir <dir>`: the release (scripts/release.ts) builds into its staging directory, not the checkout's dist/.
const outArg = process.argv.indexOf('--outdir');
const target = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(root, 'dist', 'server');
// Built beside the old output and swapped in only when complete: a failed build leaves the last good one.
const outdir = `${target}.building`;
rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'server/main.ts', 'cli/hallq': 'server/cli/hallq.ts', 'centre/main': 'server/centre/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // Stack traces need only the mappings: without the sources' text the maps node parses at every start (and
  // keeps) are a quarter of the size, ~6 MiB less RSS (issue 20). The sources are in the repository.
  sourcesContent: false,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  metafile: true,
});
rmSync(target, { recursive: true, force: true });
renameSync(outdir, target);
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
process.stdout.write(`${target}: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
