/**
 * A bench child compiled the way production is (esbuild, the options of scripts/build-server.mjs: one ESM
 * bundle per entry, packages external, Node 20), so figure 4 measures the hub `hallq start` runs rather than
 * TypeScript compiled on the fly by tsx. Written under dist/bench/ so that its external packages resolve from
 * the project's node_modules and PROJECT_ROOT (server/project-root.ts) finds the project.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const compiled = new Map<string, Promise<string>>();

/** The path of `script` (a file in bench/support/) compiled to plain JavaScript, built once per bench run. */
export function builtBenchChild(script: string): Promise<string> {
  let built = compiled.get(script);
  if (!built) {
    const outfile = join(ROOT, 'dist', 'bench', script.replace(/\.ts$/, '.js'));
    built = build({
      absWorkingDir: ROOT,
      entryPoints: [join(import.meta.dirname, script)],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      // As production: maps without the sources' text, which node parses at start (--enable-source-maps).
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'warning',
    }).then(() => outfile);
    compiled.set(script, built);
  }
  return built;
}
