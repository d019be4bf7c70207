/**
 * Examples for the routes an integrator builds against first (the province's 一窗受理 system, a city
 * platform): issue a ticket, attach a 办件编号, and the hall's uplink batch. They appear in /docs (route-kit
 * puts them on the request and reply schemas) and in docs/api/events.md; test/integration/protocol-contract
 * validates each against its schema, so an example cannot drift from the contract. No real person's data.
 */
const AT = Date.parse('2026-11-27T01:30:00Z'); // 09:30 in Asia/Shanghai

const ticket = {
  id: 'tk_01JDX4M7Q2', number: 'A012', serviceId: 'A', day: '2026-11-27', status: 'waiting', priority: 'normal',
  arrivedAt: AT, issuedAt: AT, callCount: 0, waitingAhead: 4, estimatedWaitMinutes: 18,
} as const;

export const ISSUE_TICKET_EXAMPLE = {
  body: { serviceId: 'A', language: 'zh-CN', idempotencyKey: 'kiosk1-20261127-0930-7f3a' },
  reply: { ...ticket, printed: true, trackToken: 'Zt4xq9LmP2vR8sKd', trackUrl: 'https://hall.example/t/Zt4xq9LmP2vR8sKd', isUnstaffed: false, isGuess: false },
} as const;

const cases = { ticketId: ticket.id, number: ticket.number, cases: [{ caseNumber: '330106202611270001', userProp: 1, source: 'window', attachedAt: AT + 25 * 60_000 }] } as const;

export const ATTACH_CASE_EXAMPLE = { body: { caseNumber: '330106202611270001', userProp: 1 }, reply: cases } as const;

/** The business system names the window; the hub attaches the number to the ticket that window serves. */
export const INTEGRATION_CASE_EXAMPLE = {
  body: { windowId: 'w3', caseNumber: '330106202611270001', userProp: 1 },
  reply: { ...cases, cases: [{ ...cases.cases[0], source: 'integration' }] },
} as const;

export const UPLINK_BATCH_EXAMPLE = {
  protocol: 1,
  hall: {
    code: '330106-001', name: '西湖区政务服务中心', level: 'district', parent: '330100-000', timeZone: 'Asia/Shanghai',
    services: [{ id: 'A', name: '社保医保', itemCode: '330106-SB-001', category: '社会保障', waitLimitMinutes: 30 }],
    windows: [{ id: 'w3', number: 3, name: '社保窗口' }],
  },
  generation: { id: 'gen_01JDX1B8', forkSeq: 0 },
  fromSeq: 1201,
  toSeq: 1202,
  backlog: 0,
  sentAt: AT + 2_000,
  events: [
    { seq: 1201, at: AT, type: 'ticket:issued', data: { ticket: { id: ticket.id, number: 'A012', serviceId: 'A', day: '2026-11-27', status: 'waiting', priority: 'normal', arrivedAt: AT, issuedAt: AT, callCount: 0, waitingAhead: 4, estimatedWaitMinutes: 18 } } },
    { seq: 1202, at: AT + 1_000, type: 'window:updated', data: { window: { id: 'w3', number: 3, state: 'open', since: AT + 1_000, services: ['A'] } } },
  ],
} as const;
