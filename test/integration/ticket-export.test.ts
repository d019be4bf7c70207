/**
 * One export (issue 20 item 8): the console's ticket export (GET /api/reports/tickets) writes the same columns
 * as `hallq export` (server/app/ticket-files.ts) by the same writer: Chinese headers and words by default,
 * English with lang=en, hall-local times, XLSX too. Real hub on port 0, real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubExtensions } from '../../server/extensions';
import { localParts } from '../../server/domain/calendar';
import { api, issue, login, openWindow, startTestHub, testConfig, type TestHub } from '../support/hub';

let hub: TestHub;
let manager: string;
let day: string;
beforeAll(async () => {
  const config = testConfig();
  hub = await startTestHub({ config, extensions: hubExtensions(config) });
  manager = await login(hub, 'manager');
  const clerk = await openWindow(hub, 'clerk1', 'w1');
  const ticket = await issue(hub, 'A');
  day = ticket.day;
  expect((await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk, body: {} })).status).toBeLessThan(300);
  expect((await api(hub, 'POST', '/api/windows/w1/finish', { token: clerk, body: {} })).status).toBeLessThan(300);
  await issue(hub, 'A');
}, 60_000);
afterAll(() => hub.dispose());

describe('GET /api/reports/tickets', () => {
  it('answers the tickets as CSV with the CLI export\'s Chinese columns and words, in hall time', async () => {
    const answer = await api<string>(hub, 'GET', `/api/reports/tickets?from=${day}&to=${day}`, { token: manager });
    expect(answer.status).toBe(200);
    const lines = answer.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('业务日期,号码,事项编号,事项,优先,状态,结束原因,回流,窗口编号,窗口,工号,窗口人员,取号时间,首次叫号时间,办结时间,等候(分),办理(分),呼叫次数,评价,评价渠道');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},A\d+,A,[^,]+,普通,已办结,,否,w1,1号窗口,clerk1,/);
    expect(lines[2]).toContain(',等候中,');
    // Times are the hall's wall clock (Asia/Shanghai in the demo), not UTC.
    const issuedAt = lines[1]?.split(',')[12] ?? '';
    const p = localParts(Date.now(), 'Asia/Shanghai');
    expect(issuedAt.startsWith(`${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`)).toBe(true);
  });

  it('answers English with lang=en, an XLSX workbook with format=xlsx, and refuses a clerk', async () => {
    const english = await api<string>(hub, 'GET', `/api/reports/tickets?from=${day}&to=${day}&lang=en`, { token: manager });
    expect(english.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Day,Number,Service ID,Service,Priority,Status,/);
    expect(english.body).toContain(',Normal,Done,,no,w1,Window 1,clerk1,');

    const response = await fetch(`${hub.url}/api/reports/tickets?from=${day}&to=${day}&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.getWorksheet('票据')?.getRow(2).getCell(6).value).toBe('已办结');

    const clerk = await login(hub, 'clerk2');
    expect((await api(hub, 'GET', `/api/reports/tickets?from=${day}&to=${day}`, { token: clerk })).status).toBe(403);
  });
});
