/**
 * The audit log for managers (issue 19 item 4): GET /api/manager/audit searches the real event log by time,
 * actor, window, ticket number and kind, pages by id, exports CSV/XLSX in words with hall-local times, and
 * never shows a visitor's ID number or masked data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../drivers/identity';
import { hashPassword } from '../../server/app/passwords';
import { hubExtensions } from '../../server/extensions';
import type { AuditPage } from '../../server/protocol/audit';
import { auditSentence } from '../../server/protocol/audit-words';
import type { ErrorBody } from '../../server/protocol/errors';
import { api, issue, login, openWindow, startTestHub, testConfig, TestClock, type TestHub } from '../support/hub';

const ID_NUMBER = ((first17: string) => first17 + idCheckCharacter(first17))('32010219800101123');
const DAY = '2026-11-27'; // TestClock starts at 09:00 in Shanghai on this day

describe('the audit log (操作日志)', () => {
  let hub: TestHub;
  let clock: TestClock;
  let manager: string;

  beforeEach(async () => {
    clock = new TestClock();
    const config = testConfig();
    hub = await startTestHub({ config, clock, extensions: hubExtensions(config) });
    hub.hub.ports.accounts.auth.upsertStaff({ username: 'mgr', name: '值班主任', role: 'manager', passwordHash: await hashPassword('mgr-password-1') });
    manager = await login(hub, 'mgr', 'mgr-password-1');
  });
  afterEach(async () => hub.dispose());

  const search = async (query: Record<string, string>): Promise<AuditPage> => {
    const answer = await api<AuditPage>(hub, 'GET', `/api/manager/audit?${new URLSearchParams({ from: DAY, to: DAY, ...query }).toString()}`, { token: manager });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  /** clerk1 (王芳) opens window 1, calls A001 and finishes it; a visitor with an ID card takes A002; the manager releases window 1. */
  const aDay = async (): Promise<void> => {
    await issue(hub, 'A');
    clock.advance(60_000);
    await issue(hub, 'A', { idNumber: ID_NUMBER });
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    clock.advance(60_000);
    expect((await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} })).status).toBe(200);
    clock.advance(5 * 60_000);
    expect((await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} })).status).toBe(200);
    clock.advance(60_000);
    expect((await api(hub, 'POST', '/api/windows/w1/release', { token: manager, body: {} })).status).toBe(200);
  };

  it('shows who did what where, in words, newest first, and finds entries by actor, window, number and kind', async () => {
    await aDay();
    const all = await search({});
    expect(all.timeZone).toBe('Asia/Shanghai');
    expect(all.entries.map((e) => e.id)).toEqual([...all.entries.map((e) => e.id)].sort((a, b) => b - a));
    const call = all.entries.find((e) => e.kind === 'ticket:called');
    expect(call).toMatchObject({ actor: { kind: 'staff', id: 'clerk1', name: '王芳', role: 'clerk' }, windowId: 'w1', windowNumber: 1, number: 'A001' });
    expect(auditSentence(call!, 'zh-CN')).toBe('王芳 在 1号窗口 呼叫 A001');
    const release = all.entries.find((e) => e.kind === 'window:released');
    expect(auditSentence(release!, 'zh-CN')).toMatch(/^值班主任 强制关闭 1号窗口，签退 王芳/);

    const byActor = await search({ actor: 'clerk1' });
    expect(byActor.entries.length).toBeGreaterThan(0);
    expect(byActor.entries.every((e) => e.actor.id === 'clerk1')).toBe(true);
    const byNumber = await search({ number: 'a001' });
    expect(new Set(byNumber.entries.map((e) => e.number))).toEqual(new Set(['A001']));
    expect(byNumber.entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['ticket:issued', 'ticket:called', 'ticket:updated']));
    const byKind = await search({ kind: 'window:released' });
    expect(byKind.entries.map((e) => e.kind)).toEqual(['window:released']);
    const byWindow = await search({ windowId: 'w2' });
    expect(byWindow.entries.filter((e) => e.kind !== 'config:updated')).toEqual([]);
    expect((await search({ windowId: 'w1' })).entries.every((e) => e.windowId === 'w1')).toBe(true);

    // A time range inside the day: of the tickets, only the kiosk's first issue at 09:00.
    const early = await search({ from: `${DAY}T09:00`, to: `${DAY}T09:00` });
    expect(early.entries.filter((e) => e.kind.startsWith('ticket:')).map((e) => [e.kind, e.number])).toEqual([['ticket:issued', 'A001']]);
    expect(early.entries.every((e) => e.at >= clock.current - 9 * 60_000 && e.at < Date.parse('2026-11-27T01:01:00Z'))).toBe(true);
    expect((await search({ from: '2026-11-28', to: '2026-11-28' })).entries).toEqual([]);
  });

  it('pages backwards by id without gaps or repeats', async () => {
    await aDay();
    const all = await search({ limit: '200' });
    const seen: number[] = [];
    let before: number | undefined;
    for (let i = 0; i < 50; i += 1) {
      const page = await search({ limit: '3', ...(before ? { before: String(before) } : {}) });
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((e) => e.id));
      if (page.next === undefined) break;
      before = page.next;
    }
    expect(seen).toEqual(all.entries.map((e) => e.id));
  });

  it("never shows a visitor's ID number or masked data, in the page or in the file", async () => {
    await aDay();
    const ticket = (await search({ number: 'A002', kind: 'ticket:issued' })).entries[0];
    expect(ticket).toBeDefined();
    const json = JSON.stringify(await search({ limit: '200' }));
    const csv = await api<string>(hub, 'GET', `/api/manager/audit?from=${DAY}&to=${DAY}&format=csv`, { token: manager });
    expect(csv.status).toBe(200);
    for (const text of [json, String(csv.body)]) {
      expect(text).not.toContain(ID_NUMBER);
      expect(text).not.toContain(ID_NUMBER.slice(-4));
      expect(text).not.toMatch(/personMasked|nameMasked|trackToken/);
    }
  });

  it('exports the search in words with hall-local times and Chinese headers', async () => {
    await aDay();
    const file = (format: string): Promise<Response> =>
      fetch(`${hub.url}/api/manager/audit?from=${DAY}&to=${DAY}&format=${format}`, { headers: { authorization: `Bearer ${manager}` } });
    const csv = await file('csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.split('\r\n')[0]).toBe('\uFEFF序号,时间,操作人,角色,类型,窗口,号码,内容');
    expect(text).toContain(`${DAY} 09:02:00,王芳,窗口人员,叫号,1号窗口,A001,在 1号窗口 呼叫 A001`);
    expect(text).not.toMatch(/ticket:called|staff:clerk1|\b1795\d{9}\b/);
    const xlsx = await file('xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('refuses an empty or too long range with a sentence, and a clerk altogether', async () => {
    const empty = await api<ErrorBody>(hub, 'GET', '/api/manager/audit?from=2026-11-28&to=2026-11-27', { token: manager });
    expect(empty).toMatchObject({ status: 400, body: { error: 'invalid-request', message: expect.stringMatching(/"from" must come before "to"/) } });
    const long = await api<ErrorBody>(hub, 'GET', '/api/manager/audit?from=2024-01-01&to=2026-11-27', { token: manager });
    expect(long).toMatchObject({ status: 400, body: { message: expect.stringMatching(/at most 400 days/) } });
    const clerk = await login(hub, 'clerk1');
    expect((await api(hub, 'GET', `/api/manager/audit?from=${DAY}&to=${DAY}`, { token: clerk })).status).toBe(403);
  });
});
