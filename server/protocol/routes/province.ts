/** 好差评 delivery routes of the hall (docs/province.md): 办件 on tickets, and the delivery queue for managers. */
import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route-map';
import { AttachCaseBody, IntegrationCaseBody, ProvinceCorrectionBody, ProvinceListQuery, ProvinceOverview, ProvinceRecordView, SendNowReply, TicketCases, TicketCasesReply } from '../province';
import { NoBody } from '../http';
import { ATTACH_CASE_EXAMPLE, INTEGRATION_CASE_EXAMPLE } from '../api-examples';

export const provinceRoutes = {
  attachCase: defineRoute({
    method: 'POST', path: '/api/tickets/:ticketId/cases', tags: ['province'], access: 'staff', params: Type.Object({ ticketId: Type.String() }), body: AttachCaseBody, reply: TicketCases,
    summary: 'Attach a 办件编号 to a ticket (typed or scanned at the window)',
    description: 'The clerk who served the ticket (or a manager) attaches the case number of the business system. Several numbers make one 一件事: the one rating is delivered once per number. Attaching the same number again changes nothing.',
    examples: ATTACH_CASE_EXAMPLE,
  }),
  ticketCases: defineRoute({
    method: 'GET', path: '/api/tickets/:ticketId/cases', tags: ['province'], access: 'staff', params: Type.Object({ ticketId: Type.String() }), reply: TicketCasesReply,
    summary: 'The 办件编号 attached to a ticket',
    description: "What the window page lists on the serving card after a reload (later attachments arrive as `province:case-attached` facts), and whether the hall delivers to a province (`isConfigured`: the page shows the field only then). Case numbers are no personal data: every staff member's stream carries them.",
  }),
  integrationCase: defineRoute({
    method: 'POST', path: '/api/province/cases', tags: ['province'], access: 'device', body: IntegrationCaseBody, reply: TicketCases,
    summary: 'The business system (一窗受理) attaches a 办件编号, by ticket or by window',
    description: "With the integration token of `province.integrationTokenHash`. By window: the ticket that window serves now (or served last).",
    examples: INTEGRATION_CASE_EXAMPLE,
  }),
  overview: defineRoute({
    method: 'GET', path: '/api/manager/province', tags: ['province'], access: 'manager', query: ProvinceListQuery, reply: ProvinceOverview,
    summary: '好差评 delivery to the province: each record’s state',
    description: "Counts per state, the adapter's last attempt, success and error, and the newest records (or those of one state) with the platform's reason for a rejected one.",
  }),
  correct: defineRoute({
    method: 'POST', path: '/api/manager/province/records/:recordId/resend', tags: ['province'], access: 'manager', params: Type.Object({ recordId: Type.String() }), body: ProvinceCorrectionBody, reply: ProvinceRecordView,
    summary: 'Correct a held or rejected record and send it again',
    description: 'Sets the 办件编号 and/or corrected fields, and queues the record at once under the same record id (the platform never stored it). An acknowledged record cannot be changed.',
  }),
  sendNow: defineRoute({
    method: 'POST', path: '/api/manager/province/send-now', tags: ['province'], access: 'manager', body: NoBody, reply: SendNowReply,
    summary: 'Send the waiting records now',
    description: "Makes every pending or retrying record due at once and wakes the deliverer (instead of waiting out the back-off, e.g. after the platform came back). Held and rejected records need a correction first. Replaces the old manual upload (POST /api/ratings/upload).",
  }),
};
