/**
 * The core HTTP routes of a hall hub: sign-in, the hall's public state, tickets, the visitor's link and the
 * window verbs. Registered by server/transport/http/api-routes.ts, called by the pages through ui-client/api.ts.
 */
import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route-map';
import {
  IssueTicketBody, IssuedTicket, LoginBody, LoginReply, NoBody, RatingBody, ReleaseWindowBody, TicketParams, TrackParams, WindowCommandReply, WindowParams, WindowVerbBodies,
  type WindowVerb,
} from '../http';
import { HallSnapshot, RatingView, ServiceView, StaffRole, StaffSnapshot, TicketView, TrackView, WindowView } from '../model';
import { ISSUE_TICKET_EXAMPLE } from '../api-examples';

/** Who the bearer token belongs to (`GET /api/auth/me`). */
export const MeReply = Type.Union([
  Type.Object({ kind: Type.Literal('staff'), user: Type.Object({ username: Type.String(), name: Type.String(), role: StaffRole }) }),
  Type.Object({ kind: Type.Literal('kiosk'), kioskId: Type.String() }),
  Type.Object({ kind: Type.Literal('public') }),
]);

export const coreRoutes = {
  login: defineRoute({
    method: 'POST', path: '/api/auth/login', tags: ['auth'], access: 'anyone', body: LoginBody, reply: LoginReply,
    summary: 'Sign in as staff',
    description: 'Answers a session token for the `Authorization: Bearer` header of later calls and for the socket handshake. Rate-limited per address.',
  }),
  logout: defineRoute({
    method: 'POST', path: '/api/auth/logout', tags: ['auth'], access: 'staff', body: NoBody, reply: Type.Null(), status: 204,
    summary: 'Sign out', description: 'Ends the session of the bearer token (a missing token is not an error).',
  }),
  me: defineRoute({
    method: 'GET', path: '/api/auth/me', tags: ['auth'], access: 'anyone', reply: MeReply, summary: 'Who the bearer token belongs to',
    description: "A staff session (`kind: staff` with username, name and role), a kiosk's device token (`kind: kiosk`), or nobody (`kind: public`). Never refused: a page uses it to decide whether to show sign-in.",
  }),
  services: defineRoute({
    method: 'GET', path: '/api/services', tags: ['hall'], access: 'anyone', reply: Type.Array(ServiceView), summary: "The hall's services with their waiting counts and estimates",
    description: 'Each service with its prefix, waiting count, wait estimate (`isGuess`: few visits timed yet; `isUnstaffed`: no open window serves it) and whether a ticket can be taken now. Live updates: the `queues:updated` socket event (docs/api/events.md).',
  }),
  windows: defineRoute({
    method: 'GET', path: '/api/windows', tags: ['hall'], access: 'anyone', reply: Type.Array(WindowView), summary: "The hall's windows and their states",
    description: 'Number, name, area, the services each calls, and its state (closed, open, paused with a reason, serving with the current number). No clerk names. Live updates: the `window:updated` fact.',
  }),
  hall: defineRoute({
    method: 'GET', path: '/api/hall', tags: ['hall'], access: 'anyone', reply: HallSnapshot, summary: 'The public snapshot of the hall (what displays show)',
    description: "Services, windows, the recent calls and the notices at one sequence number (`seq`); follow it with the socket's `hub:public-events` from that number (`hall:sync`).",
  }),
  hallStaff: defineRoute({
    method: 'GET', path: '/api/hall/staff', tags: ['hall'], access: 'staff', reply: StaffSnapshot,
    summary: 'The staff snapshot of the hall', description: 'Everything staff pages show: the public snapshot plus active tickets and device health.',
  }),
  issueTicket: defineRoute({
    method: 'POST', path: '/api/tickets', tags: ['tickets'], access: ['kiosk', 'staff'], body: IssueTicketBody, reply: IssuedTicket, status: 201, isIdempotent: true,
    summary: 'Take a ticket (取号)',
    description: 'A kiosk (device token) or staff member issues a ticket for a service. The kiosk gets the track link for the QR code; staff do not.',
    examples: ISSUE_TICKET_EXAMPLE,
  }),
  ticket: defineRoute({
    method: 'GET', path: '/api/tickets/:ticketId', tags: ['tickets'], access: 'staff', params: TicketParams, reply: TicketView, summary: 'One ticket, by id',
    description: 'Its state, times, window and clerk, position and estimate. Personal data only masked (`personMasked`, `nameMasked`); never the track token.',
  }),
  track: defineRoute({
    method: 'GET', path: '/api/track/:trackToken', tags: ['visitor'], access: 'visitor-link', params: TrackParams, reply: TrackView,
    summary: "The visitor's phone view of their ticket", description: 'Position, estimate, the window once called, and whether the visit can still be rated. No personal data.',
  }),
  rateByLink: defineRoute({
    method: 'POST', path: '/api/track/:trackToken/rating', tags: ['visitor'], access: 'visitor-link', params: TrackParams, body: RatingBody, reply: RatingView, status: 201, isIdempotent: true,
    summary: 'Rate the visit from the phone (好差评)', description: 'One rating per visit, within the rating window after the visit is finished.',
  }),
  releaseWindow: defineRoute({
    method: 'POST', path: '/api/windows/:windowId/release', tags: ['windows'], access: 'manager', params: WindowParams, body: ReleaseWindowBody, reply: WindowCommandReply, isIdempotent: true,
    summary: 'Release a window left open (强制关窗)', description: 'The visitor at the counter goes back to the front of the queue; audited.',
  }),
} as const;

const VERB_SUMMARIES: Record<WindowVerb, string> = {
  'open': 'Open the window (开窗) and sign the clerk in at it',
  'close': 'Close the window (关窗)',
  'pause': 'Pause the window (暂停) with a reason',
  'resume': 'Resume a paused window',
  'call-next': 'Call the next visitor by the call policy (叫号)',
  'call': 'Call a chosen waiting ticket (指定叫号)',
  'recall': 'Call the current visitor again (重呼)',
  'no-show': 'Mark the current visitor absent (过号)',
  'undo-no-show': 'Put a visitor marked absent a moment ago back at the counter (撤销过号)',
  'park': 'Park the current visitor for some minutes (挂起)',
  'finish': 'Finish the current visit (办结)',
  'transfer': 'Transfer the current visitor to a service or window (转移)',
  'auto-call': 'Turn automatic calling on or off',
};

function verbRoute<V extends WindowVerb>(verb: V) {
  return defineRoute({
    method: 'POST', path: `/api/windows/:windowId/${verb}` as const, tags: ['windows'], access: 'staff', params: WindowParams,
    body: WindowVerbBodies[verb], reply: Type.Union([WindowCommandReply, Type.Null()]), isIdempotent: true,
    summary: VERB_SUMMARIES[verb],
    description: `${VERB_SUMMARIES[verb]}. Only the clerk signed in at the window (after \`open\`); answers 204 when there was nothing to do.`,
  });
}

/** The window verbs, one route each: `POST /api/windows/:windowId/<verb>`. */
export const windowVerbRoutes = {
  'open': verbRoute('open'),
  'close': verbRoute('close'),
  'pause': verbRoute('pause'),
  'resume': verbRoute('resume'),
  'call-next': verbRoute('call-next'),
  'call': verbRoute('call'),
  'recall': verbRoute('recall'),
  'no-show': verbRoute('no-show'),
  'undo-no-show': verbRoute('undo-no-show'),
  'park': verbRoute('park'),
  'finish': verbRoute('finish'),
  'transfer': verbRoute('transfer'),
  'auto-call': verbRoute('auto-call'),
} as const satisfies Record<WindowVerb, unknown>;
