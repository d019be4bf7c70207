/**
 * A production-style hall (no demo credentials) whose `province:` section points at a platform simulator
 * run by the test, for the child-process tests of 好差评 delivery (province-crash, province-logs), and the
 * HTTP steps of one visit: take a ticket, call it, attach its 办件编号, finish, rate from the phone.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { hashPassword } from '../../server/app/passwords';
import { loadConfig } from '../../server/config';
import type { HallConfigFile } from '../../server/config-schema';
import { demoConfigFile } from '../../server/demo-config';
import { startProvinceSim, type ProvinceSim } from '../../drivers/sim/province-platform';
import { provinceSection, simSpecFor } from '../support/province-sim';

export const STAFF_PASSWORD = 'province-test-2026';
export const KIOSK = 'province-kiosk-token-0123456789';
export const INTEGRATION_TOKEN = 'integration-token-abcdef-0123456789';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

type Province = NonNullable<HallConfigFile['province']>;

/** Starts the simulator for the mapping `edit` makes of the Zhejiang-style test section. */
export async function startSimFor(edit?: (p: Province) => void): Promise<ProvinceSim> {
  const probe = demoConfigFile();
  probe.province = provinceSection('http://127.0.0.1:1/x', edit);
  const loaded = loadConfig(probe, { isDemo: true });
  if (!loaded.ok || !loaded.config.province) throw new Error(`bad province test section: ${JSON.stringify(loaded.ok ? 'none' : loaded.problems)}`);
  return startProvinceSim(simSpecFor(loaded.config.province));
}

let staffHash: Promise<string> | undefined;

/** Writes <dataDir>/hallq.yaml; answers its path. */
export async function writeProvinceHall(dataDir: string, simUrl: string, edit?: (p: Province) => void): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const hash = await (staffHash ??= hashPassword(STAFF_PASSWORD));
  const file = demoConfigFile();
  file.secrets = { idHashKey: randomBytes(32).toString('hex') };
  file.staff = file.staff.map((s) => ({ ...s, passwordHash: hash }));
  file.kiosks = [{ id: 'kiosk1', name: '取号机', tokenHash: sha256(KIOSK) }];
  file.ratingPads = [];
  file.windowBuses = [];
  file.policy = { ...file.policy!, ticketsPerMinutePerKiosk: 100_000, loginsPerMinute: 100_000, perPersonDailyLimit: 50 };
  file.province = provinceSection(simUrl, (p) => {
    p.integrationTokenHash = sha256(INTEGRATION_TOKEN);
    edit?.(p);
  });
  const path = join(dataDir, 'hallq.yaml');
  writeFileSync(path, stringify(file), { mode: 0o600 });
  return path;
}

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

export async function call<T = Record<string, unknown>>(url: string, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(url + path, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function expectStatus<T>(answer: Promise<Answer<T>>, status: number, what: string): Promise<T> {
  const got = await answer;
  if (got.status !== status) throw new Error(`${what}: ${got.status} ${JSON.stringify(got.body)}`);
  return got.body;
}

/** Signs clerk1 in and opens w1; answers the clerk's token. */
export async function openW1(url: string): Promise<string> {
  const { token } = await expectStatus(call<{ token: string }>(url, 'POST', '/api/auth/login', { body: { username: 'clerk1', password: STAFF_PASSWORD } }), 200, 'sign-in');
  await expectStatus(call(url, 'POST', '/api/windows/w1/open', { token, body: {} }), 200, 'open w1');
  return token;
}

export interface Visit {
  readonly ticketId: string;
  readonly number: string;
  readonly trackToken: string;
}

/** One visit served at w1 with its 办件编号 attached; not rated yet. `issue` extends the kiosk's body. */
export async function servedVisit(url: string, clerk: string, caseNumber: string | undefined, issue: Record<string, unknown> = {}): Promise<Visit> {
  const ticket = await expectStatus(call<{ id: string; number: string; trackToken: string }>(url, 'POST', '/api/tickets', { token: KIOSK, body: { serviceId: 'A', ...issue } }), 201, 'issue');
  await expectStatus(call(url, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} }), 200, 'call-next');
  if (caseNumber) await expectStatus(call(url, 'POST', `/api/tickets/${ticket.id}/cases`, { token: clerk, body: { caseNumber } }), 200, 'attach case');
  await expectStatus(call(url, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} }), 200, 'finish');
  return { ticketId: ticket.id, number: ticket.number, trackToken: ticket.trackToken };
}

export async function rateFromPhone(url: string, visit: Visit, score: number, comment?: string): Promise<void> {
  const body = { score, ...(score <= 2 ? { tags: ['slow'] } : {}), ...(comment ? { comment } : {}) };
  await expectStatus(call(url, 'POST', `/api/track/${visit.trackToken}/rating`, { body }), 201, 'rate');
}
