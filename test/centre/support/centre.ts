/**
 * The centre for tests: a registry of three halls (a district centre, a town under it, a village point under
 * that), three console users (one per role), a configuration on a fresh database, the real centre in this
 * process on port 0 (or as a child process: centre-process.ts), and a small JSON client.
 */
import { createHash } from 'node:crypto';
import { hashPassword } from '../../../server/app/passwords';
import { loadCentreConfig, type CentreConfig, type CentreConfigFile } from '../../../server/centre/config';
import { buildCentre, type RunningCentre } from '../../../server/centre/compose';
import type { Clock } from '../../../server/centre/app/errors';
import type { UplinkBatch } from '../../../server/protocol/uplink';

export const DISTRICT = '330106-001';
export const TOWN = '330106-101';
export const VILLAGE = '330106-201';
export const OTHER_TOWN = '330106-102';
export const HALL_CODES = [DISTRICT, TOWN, VILLAGE, OTHER_TOWN] as const;

export const hallToken = (code: string): string => `test-token-${code}-0123456789abcdef`;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const PASSWORD = 'city-pass-2026';
export const USERS = { admin: 'admin', supervisor: 'dc-zhang', viewer: 'town-viewer' } as const;

let passwordHash: Promise<string> | undefined;
/** scrypt is slow on purpose: one hash per test file. */
export const testPasswordHash = (): Promise<string> => (passwordHash ??= hashPassword(PASSWORD));

export async function centreConfigFile(databaseUrl: string, edit?: (file: CentreConfigFile) => void): Promise<CentreConfigFile> {
  const hash = await testPasswordHash();
  const file: CentreConfigFile = {
    database: { url: databaseUrl, poolSize: 5 },
    listen: { host: '127.0.0.1', port: 0 },
    sessionHours: 12,
    limits: { batchesPerMinutePerHall: 10_000, signInsPerMinute: 10_000 },
    link: { offlineAfterSeconds: 300 },
    halls: [
      { code: DISTRICT, name: '西湖区政务服务中心', level: 'district', tokenHash: sha256(hallToken(DISTRICT)) },
      { code: TOWN, name: '转塘街道便民服务中心', level: 'town', parent: DISTRICT, tokenHash: sha256(hallToken(TOWN)) },
      { code: VILLAGE, name: '龙坞村便民服务点', level: 'village', parent: TOWN, tokenHash: sha256(hallToken(VILLAGE)) },
      { code: OTHER_TOWN, name: '留下街道便民服务中心', level: 'town', parent: DISTRICT, tokenHash: sha256(hallToken(OTHER_TOWN)) },
    ],
    users: [
      { username: USERS.admin, name: '市管理员', role: 'city-admin', passwordHash: hash },
      { username: USERS.supervisor, name: '督查科 张科长', role: 'city-supervisor', passwordHash: hash },
      { username: USERS.viewer, name: '转塘查看', role: 'hall-viewer', hallCode: TOWN, passwordHash: hash },
    ],
  };
  edit?.(file);
  return file;
}

export async function centreConfig(databaseUrl: string, edit?: (file: CentreConfigFile) => void): Promise<CentreConfig> {
  const result = loadCentreConfig(await centreConfigFile(databaseUrl, edit));
  if (!result.ok) throw new Error(`bad centre test config: ${JSON.stringify(result.problems)}`);
  return result.config;
}

export async function startTestCentre(databaseUrl: string, options: { clock?: Clock; edit?: (file: CentreConfigFile) => void } = {}): Promise<RunningCentre> {
  return buildCentre({ config: await centreConfig(databaseUrl, options.edit), clock: options.clock, host: '127.0.0.1', port: 0 });
}

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export async function call<T = unknown>(base: { url: string }, method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(base.url + path, { method, headers, body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/** POST a batch as the hall whose token is given (default: the batch's own hall). */
export function postBatch<T = unknown>(base: { url: string }, batch: UplinkBatch, token = hallToken(batch.hall.code)): Promise<Answer<T>> {
  return call<T>(base, 'POST', '/api/uplink/batches', { token, body: batch });
}

export async function signInAs(base: { url: string }, username: string): Promise<string> {
  const answer = await call<{ token: string }>(base, 'POST', '/api/centre/session', { body: { username, password: PASSWORD } });
  if (answer.status !== 201) throw new Error(`sign-in ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

export class ManualClock implements Clock {
  constructor(public current = Date.parse('2026-03-02T02:00:00Z')) {}
  now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}
