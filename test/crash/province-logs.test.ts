/**
 * No personal data in the logs (issue 17): the real hub as a child process at debug level goes through
 * issuing with an ID number and a name (an appointment booked with both, checked in at the kiosk) and
 * with a typed ID number, the business system attaching a 办件, ratings with a written comment that holds a
 * phone number, and delivery to the platform with a failure, a rejection and a manager's resend — the
 * records carry the masked name and the comment. Then stdout and stderr must not contain the ID numbers,
 * the name (whole or any unmasked part), the phone number, the track tokens, the app secret, a request
 * signature or the integration token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProvinceSim } from '../../drivers/sim/province-platform';
import { SIM_SECRET } from '../support/province-sim';
import { sleep, spawnHub, waitReady, type HubProcess } from './hub-process';
import { call, INTEGRATION_TOKEN, KIOSK, openW1, rateFromPhone, servedVisit, startSimFor, STAFF_PASSWORD, writeProvinceHall, type Visit } from './province-hall';

const NAME = '欧阳娜娜';
const BOOKED_ID = '11010519491231002X';
const TYPED_ID = '33010619900101123X';
const PHONE = '13912345678';
const BAD_CASE = '330106209999999999';
// The masked name leaves the hall (a province that asks for userName); it must still not be logged.
const FIELDS = {
  recordId: 'assessId', regionCode: 'areaCode', deptCode: 'deptCode', taskCode: 'taskCode', caseNumber: 'projectNo', channel: 'pf', level: 'satisfaction',
  reasons: 'evalDetail', comment: 'writingEvaluation', ratedAt: 'assessTime', assessNumber: 'assessNumber', raterName: 'userName',
};

const dataDir = mkdtempSync(join(tmpdir(), 'hallq-province-logs-'));
let sim: ProvinceSim | undefined;
let hub: HubProcess | undefined;
afterAll(async () => {
  if (hub && hub.child.exitCode === null) hub.child.kill('SIGKILL');
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${hub?.stderr() ?? ''}`);
    await sleep(25);
  }
}

describe('province delivery: no personal data in logs', () => {
  it('logs none of the ID numbers, name, phone, track tokens, secrets or signatures', { timeout: 180_000 }, async () => {
    const s = (sim = await startSimFor((p) => (p.fields = FIELDS)));
    const configPath = await writeProvinceHall(dataDir, s.url, (p) => {
      p.fields = FIELDS;
      p.retryMinSeconds = 0.2;
      p.retryMaxSeconds = 0.5;
    });
    hub = await spawnHub(dataDir, { HALLQ_CONFIG: configPath, HALLQ_LOG_LEVEL: 'debug' });
    await waitReady(hub);
    const url = hub.url;
    const manager = (await call<{ token: string }>(url, 'POST', '/api/auth/login', { body: { username: 'manager', password: STAFF_PASSWORD } })).body.token;
    const clerk = await openW1(url);
    const visits: Visit[] = [];

    // Booked with ID number and name; checked in at the kiosk; the business system attaches the 办件 by window.
    const booked = await call<{ code: string }>(url, 'POST', '/api/appointments', { token: manager, body: { serviceId: 'A', slotStart: Date.now() + 60_000, slotEnd: Date.now() + 1_800_000, idNumber: BOOKED_ID, name: NAME } });
    expect(booked.status).toBe(201);
    s.switches.mode = 'down';
    const first = await servedVisit(url, clerk, undefined, { appointmentCode: booked.body.code });
    const attached = await call(url, 'POST', '/api/province/cases', { token: INTEGRATION_TOKEN, body: { windowId: 'w1', caseNumber: '330106202611270101' } });
    expect(attached.status).toBe(200);
    visits.push(first);
    await rateFromPhone(url, first, 1, `太慢了，请回电 ${PHONE}`);
    await until(async () => (await call<{ lastError?: string }>(url, 'GET', '/api/manager/province', { token: manager })).body.lastError !== undefined, 'a failed attempt');

    // Typed ID number; a case number the platform does not know: rejected, corrected, resent.
    s.switches.mode = 'ok';
    s.switches.reject = (r) => (r.projectNo === BAD_CASE ? '办件编号不存在' : undefined);
    const second = await servedVisit(url, clerk, BAD_CASE, { idNumber: TYPED_ID });
    visits.push(second);
    await rateFromPhone(url, second, 2, `电话 ${PHONE}`);
    type Overview = { records: { id: string; state: string }[] };
    let rejectedId = '';
    await until(async () => {
      const view = await call<Overview>(url, 'GET', '/api/manager/province?state=rejected', { token: manager });
      rejectedId = view.body.records[0]?.id ?? '';
      return rejectedId !== '';
    }, 'the rejection');
    expect((await call(url, 'POST', `/api/manager/province/records/${rejectedId}/resend`, { token: manager, body: { caseNumber: '330106202611270102' } })).status).toBe(200);
    await until(() => s.stored.size === 2, 'both records at the platform');
    // The records did carry the personal data the mapping names: the test looks for something that was there.
    expect([...s.stored.values()].map((r) => r.userName)).toContain('欧***');
    expect([...s.stored.values()].some((r) => String(r.writingEvaluation).includes(PHONE))).toBe(true);

    hub.child.kill('SIGTERM');
    await hub.exited;
    const output = hub.output();
    expect(output.length).toBeGreaterThan(1000);
    expect(output).toMatch(/"level":20/);
    // The requests that carried the secrets were logged, in their redacted form.
    expect(output).toContain('/api/track/[token]/rating');
    expect(output).toContain('province: batch answered');
    const secrets: [string, string][] = [
      ['booked ID number', BOOKED_ID], ['booked ID number (lower case)', BOOKED_ID.toLowerCase()], ['typed ID number', TYPED_ID], ['typed ID number (lower case)', TYPED_ID.toLowerCase()],
      ['name', NAME], ['unmasked part of the name', NAME.slice(1)], ['unmasked part of the name', NAME.slice(2)],
      ['phone', PHONE], ['app secret', SIM_SECRET], ['integration token', INTEGRATION_TOKEN], ['kiosk token', KIOSK],
      ...visits.map((v): [string, string] => ['track token', v.trackToken]),
      ...[...new Set(s.signatures)].map((sig): [string, string] => ['request signature', sig]),
    ];
    const found = secrets.filter(([, value]) => output.includes(value)).map(([what, value]) => {
      const at = output.indexOf(value);
      return `${what}: …${output.slice(Math.max(0, at - 200), at + value.length + 50)}…`;
    });
    expect(found).toEqual([]);
  });
});
