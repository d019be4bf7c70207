/**
 * Route × role matrix (issue #7): EVERY route and method of the OpenAPI document of a hub with all its
 * extensions (kiosk, window devices, manager) against every role — anonymous, kiosk device, rating pad of
 * w1, the clerk signed in at w1, another clerk, a manager and an admin. Who may reach a route comes from the
 * explicit table below (read from the route code), not from the routes themselves: a role outside it must be
 * refused with 401/403, a role inside it must not be (a state refusal such as 404/409 is fine), nobody gets a
 * 5xx. Every request carries a valid body, so the answer is about rights, not about schema validation. A route
 * missing from the table fails the test: a new route has to say who it is for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubExtensions } from '../../server/extensions';
import { hashPassword } from '../../server/app/passwords';
import { api, DEMO_PASSWORD, issue, KIOSK_TOKEN, login, startTestHub, testConfig, type TestHub } from '../support/hub';

type Role = 'public' | 'kiosk' | 'pad' | 'clerk' | 'otherClerk' | 'manager' | 'admin';
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
// The clerk of w1 goes last on every route, so a window verb by someone else meets w1 as the clerk left it.
const ROLES: readonly Role[] = ['public', 'kiosk', 'pad', 'otherClerk', 'manager', 'admin', 'clerk'];
const ALL = ROLES;
const STAFF: readonly Role[] = ['clerk', 'otherClerk', 'manager', 'admin'];
const MANAGEMENT: readonly Role[] = ['manager', 'admin'];
const PAD_TOKEN = 'demo-pad-1';

interface Rule {
  readonly method: Method | '*';
  readonly path: RegExp;
  readonly allowed: readonly Role[];
}

/** Who each route is for. First match wins; paths are the OpenAPI templates (`{param}`). */
const RULES: readonly Rule[] = [
  // Signing in and out, the public hall views and the visitor's phone (the track token is the credential).
  { method: 'POST', path: /^\/api\/auth\/(login|logout)$/, allowed: ALL },
  { method: 'GET', path: /^\/api\/(auth\/me|services|windows|hall)$/, allowed: ALL },
  // Health for monitoring (server/protocol/routes/health.ts): public, nothing personal.
  { method: 'GET', path: /^\/(healthz|readyz)$/, allowed: ALL },
  // Sign-in locks (server/app/sign-in-locks.ts): a manager sees and clears them.
  { method: '*', path: /^\/api\/auth\/locks(\/clear)?$/, allowed: MANAGEMENT },
  { method: '*', path: /^\/api\/track\//, allowed: ALL },
  { method: 'GET', path: /^\/api\/hall\/staff$/, allowed: STAFF },
  { method: 'POST', path: /^\/api\/tickets$/, allowed: ['kiosk', ...STAFF] },
  { method: 'GET', path: /^\/api\/tickets\/\{ticketId\}$/, allowed: STAFF },
  // Window devices: the clerk's day (staff), the rating pad (page public; rating only by w1's own pad).
  { method: 'GET', path: /^\/api\/windows\/\{windowId\}\/today$/, allowed: STAFF },
  // The window's waiting list in call order (server/app/window-queue.ts): any staff member may read it.
  { method: 'GET', path: /^\/api\/windows\/\{windowId\}\/queue$/, allowed: STAFF },
  { method: 'GET', path: /^\/api\/windows\/\{windowId\}\/rating-pad$/, allowed: ALL },
  { method: 'POST', path: /^\/api\/windows\/\{windowId\}\/rating-pad$/, allowed: ['pad'] },
  // Opening is how staff sign in at a window (w1 is taken: the others get window-taken, a state refusal).
  { method: 'POST', path: /^\/api\/windows\/\{windowId\}\/open$/, allowed: STAFF },
  // 强制关窗: a hall manager frees a window its clerk left open; never a clerk, not even their own window.
  { method: 'POST', path: /^\/api\/windows\/\{windowId\}\/release$/, allowed: MANAGEMENT },
  { method: 'POST', path: /^\/api\/windows\/\{windowId\}\/[a-z-]+$/, allowed: ['clerk'] },
  // Kiosk extension.
  { method: 'GET', path: /^\/api\/kiosk\/config$/, allowed: ALL },
  { method: '*', path: /^\/api\/kiosk\/identity$/, allowed: ['kiosk'] },
  { method: 'GET', path: /^\/api\/kiosk\/(devices|menu)$/, allowed: ['kiosk'] },
  { method: 'GET', path: /^\/api\/appointments\/\{code\}$/, allowed: ['kiosk', ...STAFF] },
  { method: 'POST', path: /^\/api\/appointments(\/import)?$/, allowed: MANAGEMENT },
  // The front desk (导办台, server/protocol/routes/desk.ts): every staff role; never a kiosk, pad or visitor.
  { method: '*', path: /^\/api\/desk\//, allowed: STAFF },
  // Simulated devices of the demo hall: registered only in demo mode (checked below), open to its pages.
  { method: '*', path: /^\/api\/demo\//, allowed: ALL },
  // Manager console. A clerk may appeal a 差评 (only of their own tickets: followups.ts decides).
  { method: 'POST', path: /^\/api\/followups\/\{followupId\}\/appeal$/, allowed: STAFF },
  // The window page lists the signed-in clerk's own 差评 to appeal them (server/app/followups.ts mine()).
  { method: 'GET', path: /^\/api\/followups\/mine$/, allowed: STAFF },
  // 人员考核 and 红旗窗口 / 服务明星 name every clerk's figures: management only, never a clerk.
  { method: 'GET', path: /^\/api\/reports\/(clerks|honours)$/, allowed: MANAGEMENT },
  // 操作日志 (server/app/audit-log.ts): the hall's managers read the audit log; never a clerk.
  { method: 'GET', path: /^\/api\/manager\/audit$/, allowed: MANAGEMENT },
  // Terminal health (server/app/terminals.ts): the 终端 list, 「刷新页面」 and 「移除」 are a manager's; never a clerk or a device.
  { method: '*', path: /^\/api\/manager\/terminals(\/\{terminalId\}(\/reload)?)?$/, allowed: MANAGEMENT },
  { method: '*', path: /^\/api\/(manager\/|alerts|followups|reports|ratings\/)/, allowed: MANAGEMENT },
  // 办件 on a ticket: its clerk or management; the business system's route takes only its integration token.
  { method: 'POST', path: /^\/api\/tickets\/\{ticketId\}\/cases$/, allowed: ['clerk', 'manager', 'admin'] },
  { method: 'GET', path: /^\/api\/tickets\/\{ticketId\}\/cases$/, allowed: STAFF },
  { method: 'POST', path: /^\/api\/province\/cases$/, allowed: [] },
  // Admin: managers may read the configuration and backup status; only an admin changes or downloads.
  { method: 'GET', path: /^\/api\/admin\/backups\/\{name\}$/, allowed: ['admin'] },
  { method: 'GET', path: /^\/api\/admin\//, allowed: MANAGEMENT },
  // The city link's state (server/transport/http/uplink-routes.ts).
  { method: 'GET', path: /^\/api\/uplink\/status$/, allowed: MANAGEMENT },
  { method: '*', path: /^\/api\/admin\//, allowed: ['admin'] },
];

function ruleFor(method: string, template: string): Rule | undefined {
  return RULES.find((r) => (r.method === '*' || r.method === method) && r.path.test(template));
}

let hub: TestHub;
const token: Record<Role, string | undefined> = { public: undefined, kiosk: KIOSK_TOKEN, pad: PAD_TOKEN, clerk: '', otherClerk: '', manager: '', admin: '' };
let ticketId = '';
let trackToken = '';
const today = new Date().toISOString().slice(0, 10);
const current: Record<string, unknown> = {};

beforeAll(async () => {
  const config = testConfig();
  hub = await startTestHub({ config, extensions: hubExtensions(config) });
  hub.hub.ports.accounts.auth.upsertStaff({ username: 'mgr', name: '经理', role: 'manager', passwordHash: await hashPassword('mgr-password-1') });
  token.clerk = await login(hub, 'clerk1');
  token.otherClerk = await login(hub, 'clerk2');
  token.manager = await login(hub, 'mgr', 'mgr-password-1');
  token.admin = await login(hub, 'manager');
  expect((await api(hub, 'POST', '/api/windows/w1/open', { token: token.clerk, body: {} })).status).toBe(200);
  const t = await issue(hub, 'A');
  ticketId = t.id;
  trackToken = t.trackToken;
  // Admin edits send back what is there, so the matrix changes rights, not the hall.
  for (const part of ['layout', 'notices', 'holidays', 'settings']) current[part] = (await api(hub, 'GET', `/api/admin/${part}`, { token: token.admin })).body;
}, 60_000);
afterAll(() => hub.dispose());

const PARAMS: Record<string, () => string> = {
  windowId: () => 'w1', ticketId: () => ticketId, trackToken: () => trackToken, code: () => 'NOCODE1', kioskId: () => 'kiosk1',
  number: () => 'A001', alertId: () => 'alert-none', followupId: () => 'followup-none', username: () => 'matrix1', name: () => 'hallq-2000-01-01.db',
  terminalId: () => 'display:none',
};
const QUERIES: Record<string, string> = {
  '/api/reports': `?from=${today}&to=${today}`,
  '/api/ratings/export': `?from=${today}&to=${today}`,
  '/api/ratings/satisfaction': `?by=window&period=day&from=${today}&to=${today}`,
  '/api/ratings/ranking': '?quarter=2026-Q4',
  '/api/manager/audit': `?from=${today}&to=${today}`,
  '/api/reports/clerks': `?from=${today}&to=${today}`,
  '/api/reports/tickets': `?from=${today}&to=${today}`,
  '/api/reports/honours': '?quarter=2026-Q4',
};
const VERB_BODIES: Record<string, unknown> = { pause: { reason: 'break' }, call: { ticketId: '' }, transfer: { toServiceId: 'B' }, 'auto-call': { enabled: false } };

/** A valid request for a route: the answer then depends on who asks, not on the input. */
function validRequest(method: Method, template: string): { path: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } {
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => (PARAMS[name] ?? (() => 'x'))()) + (QUERIES[template] ?? '');
  if (method === 'GET' || method === 'DELETE') return { path };
  const verb = /^\/api\/windows\/\{windowId\}\/([a-z-]+)$/.exec(template)?.[1];
  if (verb && verb !== 'rating-pad') return { path, body: verb === 'call' || verb === 'undo-no-show' ? { ticketId } : (VERB_BODIES[verb] ?? {}) };
  const bodies: Record<string, unknown> = {
    '/api/auth/login': { username: 'clerk3', password: DEMO_PASSWORD },
    '/api/auth/locks/clear': { username: 'clerk3', address: '127.0.0.9' },
    '/api/tickets': { serviceId: 'B' },
    '/api/desk/tickets': { serviceId: 'B' },
    '/api/desk/tickets/{ticketId}/green': { reason: 'elderly' },
    '/api/tickets/{ticketId}/cases': { caseNumber: '330106202611270001' },
    '/api/province/cases': { ticketId: 'none', caseNumber: '330106202611270001' },
    '/api/manager/province/records/{recordId}/resend': {},
    '/api/track/{trackToken}/rating': { score: 5 },
    '/api/windows/{windowId}/rating-pad': { number: 'A999', score: 5 },
    '/api/appointments': { serviceId: 'A', slotStart: Date.now() + 3_600_000, slotEnd: Date.now() + 5_400_000 },
    '/api/demo/kiosks/{kioskId}/card': { person: 'adult' },
    '/api/demo/windows/{windowId}/keypad': { level: 5 },
    '/api/demo/windows/{windowId}/caller': { key: 'recall' },
    '/api/alerts/{alertId}/acknowledge': { note: 'checked' },
    '/api/followups/{followupId}/record': { step: 'callback', note: 'called back' },
    '/api/followups/{followupId}/appeal': { reason: 'not my visitor' },
    '/api/followups/{followupId}/appeal/decision': { decision: 'rejected', note: 'no' },
    '/api/admin/layout': current.layout,
    '/api/admin/notices': current.notices,
    '/api/admin/holidays': current.holidays,
    '/api/admin/settings': current.settings,
    '/api/admin/staff': { username: 'matrix2', name: '矩阵二', role: 'clerk', password: 'matrix-pass-3' },
    '/api/admin/staff/{username}': { name: '矩阵', role: 'clerk', password: 'matrix-pass-1' },
    '/api/admin/staff/{username}/password': { password: 'matrix-pass-2' },
  };
  if (template === '/api/appointments/import') return { path, rawBody: '# nothing to import\n', headers: { 'content-type': 'text/csv' } };
  return { path, body: bodies[template] ?? {} };
}

const isRefused = (status: number): boolean => status === 401 || status === 403;

describe('every route of the API document × every role', () => {
  it('refuses each role outside a route\'s table entry and lets each role inside it through', async () => {
    const spec = hub.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes: Array<{ method: Method; template: string }> = [];
    for (const [template, methods] of Object.entries(spec.paths)) {
      for (const m of Object.keys(methods)) routes.push({ method: m.toUpperCase() as Method, template });
    }
    // Logging out ends the session it is sent with: last.
    routes.sort((a, b) => Number(a.template === '/api/auth/logout') - Number(b.template === '/api/auth/logout'));
    const problems: string[] = [];
    let checks = 0;
    for (const { method, template } of routes) {
      const rule = ruleFor(method, template);
      if (!rule) {
        problems.push(`${method} ${template}: not in the table — say who it is for`);
        continue;
      }
      for (const role of ROLES) {
        const request = validRequest(method, template);
        const answer = await api(hub, method, request.path, { token: token[role], body: request.body, rawBody: request.rawBody, headers: request.headers });
        checks++;
        const what = `${method} ${request.path} as ${role} → ${answer.status} ${String(JSON.stringify(answer.body) ?? "").slice(0, 160)}`;
        if (answer.status >= 500) problems.push(`5xx: ${what}`);
        else if (rule.allowed.includes(role) && isRefused(answer.status)) problems.push(`refused, should be allowed: ${what}`);
        else if (!rule.allowed.includes(role) && !isRefused(answer.status)) problems.push(`reached, should be refused: ${what}`);
        // The clerk's own verbs must leave them signed in at w1 for the next route.
        if (role === 'clerk' && template.endsWith('/close')) await api(hub, 'POST', '/api/windows/w1/open', { token: token.clerk, body: {} });
        // A manager's release signs the clerk out of w1 (the admin's then finds it closed): back in after the clerk's try.
        if (role === 'clerk' && template.endsWith('/release')) await api(hub, 'POST', '/api/windows/w1/open', { token: token.clerk, body: {} });
      }
    }
    expect(problems).toEqual([]);
    expect(routes.length).toBeGreaterThan(50);
    process.stdout.write(`route matrix: ${routes.length} routes × ${ROLES.length} roles = ${checks} checks\n`);
  }, 60_000);

  it('the demo-only routes do not exist outside demo mode', async () => {
    const config = testConfig(undefined, { isDemo: false });
    const plain = await startTestHub({ config, extensions: hubExtensions(config) });
    try {
      const spec = plain.app.swagger() as { paths: Record<string, unknown> };
      expect(Object.keys(spec.paths).filter((p) => p.startsWith('/api/demo/'))).toEqual([]);
      expect((await api(plain, 'POST', '/api/demo/windows/w1/caller', { body: { key: 'call-next' } })).status).toBe(404);
      expect((await api(plain, 'POST', '/api/demo/kiosks/kiosk1/card', { body: { person: 'adult' } })).status).toBe(404);
    } finally {
      await plain.dispose();
    }
  });
});
