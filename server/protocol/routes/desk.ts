/**
 * The front desk's routes (导办台 / 咨询台): registered by server/transport/http/desk-routes.ts, called by
 * desk-ui/ through ui-client/api.ts. Every staff role may use them; every change is a fact in the event log.
 */
import { TicketView } from '../model';
import { defineRoute } from '../route-map';
import { DeskConfig, DeskIssueBody, DeskIssued, DeskTicketParams, GreenChannelBody, TicketLookup, TicketNumberParams } from '../desk';

export const deskRoutes = {
  config: defineRoute({
    method: 'GET', path: '/api/desk/config', tags: ['desk'], access: 'staff', reply: DeskConfig,
    summary: "The front desk page's configuration",
    description: "The hall's green-channel reasons (policy.greenReasons, or the defaults) and the kiosk printers the desk may print on, with their health.",
  }),
  issue: defineRoute({
    method: 'POST', path: '/api/desk/tickets', tags: ['desk'], access: 'staff', body: DeskIssueBody, reply: DeskIssued, status: 201, isIdempotent: true,
    summary: "Issue a ticket on a visitor's behalf (代取号)",
    description: 'No phone or ID needed. Optionally the green channel with a reason from the list, a short 代办 note, and printing on a chosen kiosk. The reply has no track token; the printed QR code carries it. Audited as the staff member\'s ticket:issued.',
  }),
  green: defineRoute({
    method: 'POST', path: '/api/desk/tickets/:ticketId/green', tags: ['desk'], access: 'staff', params: DeskTicketParams, body: GreenChannelBody, reply: TicketView, isIdempotent: true,
    summary: 'Move a waiting ticket to the green channel (绿色通道)',
    description: 'For a reason from the list, in one transaction; audited as ticket:updated (green-channel) with who granted it. Sending the same reason again changes nothing.',
  }),
  lookup: defineRoute({
    method: 'GET', path: '/api/desk/lookup/:number', tags: ['desk'], access: 'staff', params: TicketNumberParams, reply: TicketLookup,
    summary: "Look up today's ticket by its number (还要等多久)",
    description: "Where it stands, the hub's estimate, and whether no open window serves it now (then there is no time to promise).",
  }),
} as const;
