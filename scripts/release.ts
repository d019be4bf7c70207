/**
 * `npm run release [-- --out <dir>]`: hallq-<version>-linux-x64.tar.gz for a hall without registry access
 * (docs/deploy.md, "Offline install"). It holds the compiled hub and CLI, the built pages, the production
 * dependencies with their native modules already built for this Node's ABI, the docs, the systemd unit and
 * install.sh. Nothing in it needs npm, a compiler or the network to run.
 *
 * Built in a staging directory (the checkout's own dist/ is left alone: tests and other work use it):
 * pages and server are built there, `npm ci --omit=dev --ignore-scripts` installs the production packages
 * from the lock file, and the one native module that compiles at install (better-sqlite3) gets the binary
 * this checkout built for the running Node (serialport ships prebuilt binaries inside its package). The
 * archive is then unpacked nowhere: release.test.ts does that, offline.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const log = (text: string): void => void process.stderr.write(`release: ${text}\n`);

interface PackageJson {
  readonly version: string;
  readonly scripts?: Record<string, string>;
  readonly [key: string]: unknown;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  execFileSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

function outDir(argv: readonly string[]): string {
  const at = argv.indexOf('--out');
  return resolve(at >= 0 && argv[at + 1] ? argv[at + 1]! : join(ROOT, 'dist', 'release'));
}

/** The release's package.json: `npm start` runs the built hub directly, with no build step (no vite there). */
function releasePackageJson(pkg: PackageJson): PackageJson {
  return { ...pkg, scripts: { start: 'node --enable-source-maps --max-semi-space-size=2 dist/server/main.js' } };
}

function copyNativeModules(stage: string): void {
  const binary = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(join(ROOT, binary))) {
    mkdirSync(join(stage, binary, '..'), { recursive: true });
    cpSync(join(ROOT, binary), join(stage, binary));
  } else {
    log('no better-sqlite3 binary in this checkout: building it in the staging directory');
    run('npm', ['rebuild', 'better-sqlite3'], stage);
  }
  // Proof that it loads under this Node before anything is packed: a wrong ABI fails here, not in the hall.
  run(process.execPath, ['-e', "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get(); require('@serialport/bindings-cpp')"], stage, {
    PATH: process.env.PATH ?? '',
  });
}

function main(): void {
  if (platform() !== 'linux' || arch() !== 'x64') throw new Error(`the release archive is linux-x64 and is built on linux-x64 (this is ${platform()}-${arch()})`);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  const name = `hallq-${pkg.version}-linux-x64`;
  const out = outDir(process.argv.slice(2));
  const stage = join(out, name);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });

  log(`building the pages and the server into ${stage}`);
  run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--outDir', join(stage, 'dist', 'ui'), '--emptyOutDir'], ROOT);
  run(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs'), '--outdir', join(stage, 'dist', 'server')], ROOT);

  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(releasePackageJson(pkg), null, 2)}\n`);
  cpSync(join(ROOT, 'package-lock.json'), join(stage, 'package-lock.json'));
  for (const path of ['README.md', 'docs']) cpSync(join(ROOT, path), join(stage, path), { recursive: true });
  // The bin shim (package.json "bin", the systemd unit's ExecStart): with no .ts beside it, it runs dist/.
  mkdirSync(join(stage, 'server', 'cli'), { recursive: true });
  cpSync(join(ROOT, 'server', 'cli', 'hallq.mjs'), join(stage, 'server', 'cli', 'hallq.mjs'));
  cpSync(join(ROOT, 'docs', 'deploy', 'install.sh'), join(stage, 'install.sh'));
  chmodSync(join(stage, 'install.sh'), 0o755);

  log('installing the production dependencies (npm ci --omit=dev)');
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], stage);
  copyNativeModules(stage);
  // What install.sh compares with the hall's node: another major Node has another ABI and cannot load it.
  const release = { name: 'hallq', version: pkg.version, platform: 'linux-x64', node: process.version, abi: process.versions.modules };
  writeFileSync(join(stage, 'RELEASE.json'), `${JSON.stringify(release, null, 2)}\n`);

  const archive = join(out, `${name}.tar.gz`);
  log(`packing ${archive}`);
  run('tar', ['-czf', archive, '--owner=0', '--group=0', '-C', out, name], ROOT);
  rmSync(stage, { recursive: true, force: true });
  process.stdout.write(`${archive}\n`);
}

main();
