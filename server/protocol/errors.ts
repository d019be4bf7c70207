/**
 * The one error vocabulary of hallq. HTTP renders a code as a status, sockets ack `{ ok: false, error }`,
 * and the UIs translate by code. Messages are sentences a person can act on; an unknown error's raw
 * message never goes on the wire.
 */
export const ERROR_STATUS = {
  'invalid-request': 400,
  'unauthenticated': 401,
  'bad-credentials': 401,
  'session-expired': 401,
  /** A live connection's session was ended (sign-out, expiry, account disabled, role changed, password reset). */
  'session-ended': 401,
  'forbidden': 403,
  'not-signed-in-here': 403,
  /** A ticket's priority asked for without the right to it (green without the age or staff, appointment without an on-time code). */
  'priority-not-allowed': 403,
  /** Plain HTTP where the hall asks for HTTPS (http.plainHttp): staff and device requests must use the https:// address. */
  'tls-required': 403,
  'not-found': 404,
  'unknown-service': 404,
  'unknown-window': 404,
  'unknown-ticket': 404,
  'unknown-appointment': 404,
  'service-closed': 409,
  'daily-cap-reached': 409,
  'numbers-exhausted': 409,
  'person-limit-reached': 409,
  'window-closed': 409,
  'window-paused': 409,
  'window-busy': 409,
  'window-taken': 409,
  /** The clerk opening a window still holds another one (not: someone else holds this one). */
  'signed-in-elsewhere': 409,
  /** A transfer names a window that is closed: nobody there could call the visitor. */
  'target-window-closed': 409,
  /** A transfer to a service that no open window serves: nobody could call the visitor. */
  'no-window-serves': 409,
  /** A no-show can be put back at the counter only for a short time after (policy.noShowUndoMinutes). */
  'undo-expired': 409,
  'no-current-ticket': 409,
  'ticket-not-waiting': 409,
  'ticket-not-here': 409,
  'ticket-not-finished': 409,
  'ticket-state': 409,
  'already-rated': 409,
  'rating-closed': 409,
  'appointment-used': 409,
  'appointment-not-today': 409,
  'appointment-other-person': 409,
  'idempotency-conflict': 409,
  'already-acknowledged': 409,
  /** A new staff account was asked for under a username that exists (the console's 新增人员). */
  'account-exists': 409,
  'followup-closed': 409,
  'appeal-not-allowed': 409,
  /** A manager asked a dark terminal to reload: it cannot hear until it is back (protocol/terminals.ts). */
  'terminal-dark': 409,
  /** A manager asked to forget (移除) a terminal that is online: a page that is on cannot be forgotten. */
  'terminal-online': 409,
  'config-invalid': 422,
  'payload-too-large': 413,
  /** The request's headers or body did not arrive within http.headersTimeoutSeconds / requestTimeoutSeconds. */
  'request-timeout': 408,
  'rate-limited': 429,
  /** City uplink: the batch starts past what the centre holds; resend from `resendFrom`. */
  'uplink-gap': 409,
  /** City uplink: the same database generation sent different facts (a copied or rewound database). */
  'uplink-generation-conflict': 409,
  /** The page was built for another protocol version than the hub's: reload it. */
  'protocol-outdated': 426,
  'internal': 500,
  'unavailable': 503,
  /** The hub's disk is full or failing: it serves reads but saves nothing until space returns (docs/reliability.md). */
  'storage-unavailable': 503,
  /** Too many sign-ins are being checked at once (scrypt work is bounded): try again in a few seconds. */
  'busy': 503,
  /** /readyz: the hub runs but should not be relied on (e.g. its disk is nearly full). */
  'not-ready': 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The wire shape of every refusal, over HTTP and in socket acks. */
export interface ErrorBody {
  /** Machine-readable code from ERROR_STATUS. */
  error: ErrorCode;
  /** A sentence for a person: what went wrong and what to do. */
  message: string;
  /** The refusal's facts, for a page to word in its own language without parsing `message`. */
  details?: ErrorDetails;
}

/** Structured facts beside a refusal's sentence; each field belongs to the code that sends it. */
export interface ErrorDetails {
  /** `config-invalid` of a layout: every problem, as the sentence lists them (server/config.ts). */
  readonly problems?: readonly ConfigProblemDetail[];
}

/** One problem of a configuration or layout: where, in English, and for some the facts themselves. */
export interface ConfigProblemDetail {
  /** A JSON pointer into the configuration (`/services/1/prefix`, `/kiosks/0`). */
  readonly path: string;
  readonly message: string;
  /** A kiosk limited to some services or departments (hallq.yaml) that would offer none of them. */
  readonly emptyKiosk?: EmptyKioskDetail;
}

export interface EmptyKioskDetail {
  readonly kiosk: string;
  readonly kioskName?: string;
  /** What the kiosk is limited to, in its configured order: departments first, then services. */
  readonly offers: readonly { readonly kind: 'department' | 'service'; readonly id: string; readonly name?: string }[];
}
