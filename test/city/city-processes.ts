/**
 * A small city for the multi-process link tests: the real centre (`server/centre/main.ts`) as a child process
 * on a fresh PostgreSQL database, and real hubs (`server/main.ts` with a YAML configuration that has an
 * `uplink:` section and no demo credentials) as child processes, each on its own data directory. Helpers
 * read what each side holds: the hall's SQLite log and the centre's events table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { stringify } from 'yaml';
import { demoConfigFile } from '../../server/demo-config';
import { hashPassword } from '../../server/app/passwords';
import { UPLINK_FACTS } from '../../server/domain/uplink-projection';
import type { HallConfigFile } from '../../server/config-schema';
import type { UplinkStatus } from '../../server/protocol/uplink';
import { freePort, sleep } from '../crash/hub-process';

const ROOT = join(import.meta.dirname, '..', '..');
export const STAFF_PASSWORD = 'city-link-test-2026';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface CityHall {
  readonly code: string;
  readonly name: string;
  readonly level: 'district' | 'town' | 'village';
  readonly parent?: string;
  readonly token: string;
  readonly kioskToken: string;
}

export function cityHall(code: string, name: string, level: CityHall['level'], parent?: string): CityHall {
  return { code, name, level, ...(parent ? { parent } : {}), token: `hall-${code}-${randomBytes(12).toString('hex')}`, kioskToken: `kiosk-${randomBytes(12).toString('hex')}` };
}

export interface Child {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

function spawnChild(args: string[], env: Record<string, string>, port: number, preload: string[] = []): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HALLQ_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (tail = (tail + chunk).slice(-6000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { url: `http://127.0.0.1:${port}`, port, child, exited, stderr: () => tail };
}

async function waitAnswering(target: Child, path: string, isReady: (status: number) => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasExited = false;
  void target.exited.then(() => (hasExited = true));
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`the process exited during start-up:\n${target.stderr()}`);
    try {
      const response = await fetch(target.url + path, { signal: AbortSignal.timeout(1000) });
      if (isReady(response.status)) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`no answer within ${timeoutMs} ms:\n${target.stderr()}`);
}

export async function stopGracefully(target: Child): Promise<void> {
  if (target.child.exitCode === null && target.child.signalCode === null) target.child.kill('SIGTERM');
  await target.exited;
}

export async function killHard(target: Child): Promise<void> {
  if (target.child.exitCode === null && target.child.signalCode === null) target.child.kill('SIGKILL');
  await target.exited;
}

/** Writes the centre's configuration (the registry of `halls`, no console users) under `dir`. */
export function writeCentreConfig(dir: string, databaseUrl: string, halls: readonly CityHall[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'centre.yaml');
  writeFileSync(file, stringify({
    database: { url: databaseUrl, poolSize: 4 },
    listen: { host: '127.0.0.1', port: 0 },
    limits: { batchesPerMinutePerHall: 100_000, signInsPerMinute: 1000 },
    halls: halls.map((h) => ({ code: h.code, name: h.name, level: h.level, ...(h.parent ? { parent: h.parent } : {}), tokenHash: sha256(h.token) })),
    users: [],
  }));
  return file;
}

export async function spawnCentre(configFile: string, port?: number): Promise<Child> {
  const chosen = port ?? (await freePort());
  const centre = spawnChild([join(ROOT, 'server', 'centre', 'main.ts'), '--config', configFile, '--port', String(chosen), '--host', '127.0.0.1'], {}, chosen);
  // Up when the uplink route answers (401 without a token).
  await waitAnswering(centre, '/api/uplink/cursor?generation=probe-probe', (s) => s === 401);
  return centre;
}

let staffHash: Promise<string> | undefined;

/** A production-style hall configuration (no demo credentials) with the uplink to `centreUrl`; returns its path. */
export async function writeHallConfig(dataDir: string, hall: CityHall, centreUrl: string, uplink: Partial<NonNullable<HallConfigFile['uplink']>> = {}): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const hash = await (staffHash ??= hashPassword(STAFF_PASSWORD));
  const file = demoConfigFile();
  file.hall = { ...file.hall, name: hall.name, code: hall.code, level: hall.level, ...(hall.parent ? { parent: hall.parent } : {}) };
  file.secrets = { idHashKey: randomBytes(32).toString('hex') };
  file.staff = file.staff.map((s) => ({ ...s, passwordHash: hash }));
  file.kiosks = [{ id: 'kiosk1', name: '取号机', tokenHash: sha256(hall.kioskToken) }];
  file.ratingPads = [];
  file.windowBuses = [];
  file.policy = { ...file.policy!, ticketsPerMinutePerKiosk: 100_000, loginsPerMinute: 100_000, perPersonDailyLimit: 50 };
  const tokenFile = join(dataDir, 'uplink-token');
  writeFileSync(tokenFile, `${hall.token}\n`, { mode: 0o600 });
  file.uplink = { url: centreUrl, tokenFile, batchSize: 50, retryMinSeconds: 0.1, retryMaxSeconds: 1, heartbeatSeconds: 2, requestTimeoutSeconds: 5, ...uplink };
  const path = join(dataDir, 'hallq.yaml');
  writeFileSync(path, stringify(file));
  return path;
}

/** `hallq start` as production runs it; `skewMs` moves the hall's clock (a test preload, not hub code). */
export async function spawnHall(dataDir: string, configPath: string, options: { port?: number; skewMs?: number } = {}): Promise<Child> {
  const port = options.port ?? (await freePort());
  const preload = options.skewMs ? [join(import.meta.dirname, 'skewed-clock.mjs')] : [];
  const hall = spawnChild(
    [join(ROOT, 'server', 'main.ts')],
    { HALLQ_CONFIG: configPath, HALLQ_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ...(options.skewMs ? { HALLQ_TEST_CLOCK_SKEW_MS: String(options.skewMs) } : {}) },
    port,
    preload,
  );
  await waitAnswering(hall, '/api/hall', (s) => s === 200);
  return hall;
}

async function json<T>(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function signIn(hall: Child, username: string): Promise<string> {
  const answer = await json<{ token: string }>(`${hall.url}/api/auth/login`, { method: 'POST', body: { username, password: STAFF_PASSWORD } });
  if (answer.status !== 200) throw new Error(`sign-in ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

/** `count` visits at window w1: issued at the kiosk, called, finished. */
export async function visits(hall: Child, info: CityHall, clerkToken: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const issued = await json(`${hall.url}/api/tickets`, { method: 'POST', token: info.kioskToken, body: { serviceId: 'A' } });
    if (issued.status !== 201) throw new Error(`issue: ${issued.status} ${JSON.stringify(issued.body)}`);
    await json(`${hall.url}/api/windows/w1/call-next`, { method: 'POST', token: clerkToken, body: {} });
    await json(`${hall.url}/api/windows/w1/finish`, { method: 'POST', token: clerkToken, body: {} });
  }
}

export async function openW1(hall: Child): Promise<string> {
  const token = await signIn(hall, 'clerk1');
  const opened = await json(`${hall.url}/api/windows/w1/open`, { method: 'POST', token, body: {} });
  if (opened.status !== 200) throw new Error(`open w1: ${opened.status} ${JSON.stringify(opened.body)}`);
  return token;
}

export async function linkStatus(hall: Child, managerToken: string): Promise<UplinkStatus> {
  return (await json<UplinkStatus>(`${hall.url}/api/uplink/status`, { token: managerToken })).body;
}

/** Waits until the hall says the centre holds all of it. */
export async function drained(hall: Child, managerToken: string, timeoutMs = 60_000): Promise<UplinkStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: UplinkStatus | undefined;
  while (Date.now() < deadline) {
    last = await linkStatus(hall, managerToken).catch(() => undefined);
    if (last && last.state === 'ok' && last.backlog === 0 && last.ackedSeq === last.lastSeq) return last;
    await sleep(100);
  }
  throw new Error(`the hall did not drain: ${JSON.stringify(last)}\n${hall.stderr()}`);
}

/** The hall's log as the centre should hold it: every fact of a type that leaves the hall, with its seq and time. */
export function hallFacts(dataDir: string, after = 0, upTo = Number.MAX_SAFE_INTEGER): { seq: number; at: number; type: string }[] {
  const db = new Database(join(dataDir, 'hallq.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT seq, at, type FROM events WHERE seq > ? AND seq <= ? ORDER BY seq').all(after, upTo) as { seq: number; at: number; type: string }[];
    return rows.filter((r) => Object.hasOwn(UPLINK_FACTS, r.type));
  } finally {
    db.close();
  }
}

export interface CentreEvent {
  seq: number;
  at: number;
  type: string;
  receivedAt: number;
}

/** What the centre stored for one of a hall's generations, in sequence order. */
export async function centreEvents(databaseUrl: string, hallCode: string, generation: string): Promise<CentreEvent[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ seq: string; at: Date; type: string; received_at: Date }>(
      'SELECT seq, at, type, received_at FROM events WHERE hall_code = $1 AND generation = $2 ORDER BY seq',
      [hallCode, generation],
    );
    return result.rows.map((r) => ({ seq: Number(r.seq), at: r.at.getTime(), type: r.type, receivedAt: r.received_at.getTime() }));
  } finally {
    await client.end();
  }
}

export async function centreQuery<T extends pg.QueryResultRow>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
