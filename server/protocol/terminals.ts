/**
 * Terminal health (issue 19, item 5): the hall's own pages — wall displays, kiosk pages, rating pads, clerk PCs —
 * say who they are on their socket (`terminal:hello`), report their own faults (`terminal:fault`), and may be
 * asked to reload (`terminal:reload`). Presence is the socket itself: socket.io's ping notices a dark screen
 * within ~20 s. Faults carry a grade (故障分级响应, server/domain/terminal-rules.ts). Browser-safe schemas only.
 */
import { Type, type Static } from '@sinclair/typebox';

export const TERMINAL_KINDS = ['display', 'kiosk', 'pad', 'clerk'] as const;
export type TerminalKind = (typeof TERMINAL_KINDS)[number];

/** What a page can tell about itself; the hub's own devices (printers, readers) report through device health. */
export const TERMINAL_FAULT_CODES = ['speech-unavailable', 'sound-blocked', 'printer-unreachable', 'id-reader-unreachable', 'page-error'] as const;
export type TerminalFaultCode = (typeof TERMINAL_FAULT_CODES)[number];

/** 故障分级: A the hall cannot serve, B one screen or kiosk lost, C an inconvenience. */
export const FAULT_GRADES = ['A', 'B', 'C'] as const;
export type FaultGrade = (typeof FAULT_GRADES)[number];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/**
 * One grade's response target (响应时限): within so many minutes, or within so many working days. The hall's
 * configuration sets them (`policy.faultResponse`, server/config-schema.ts holds the defaults: A 30 min, B 2 h,
 * C one working day); the hub sends them with the terminal list, so a page words the hall's own targets.
 */
export const FaultResponseTarget = Type.Object({ minutes: Type.Optional(Type.Integer()), workingDays: Type.Optional(Type.Integer()) });
export type FaultResponseTarget = Static<typeof FaultResponseTarget>;
export const FaultResponseTargets = Type.Object({ A: FaultResponseTarget, B: FaultResponseTarget, C: FaultResponseTarget });
export type FaultResponseTargets = Readonly<Record<FaultGrade, FaultResponseTarget>>;

/** A page's own id (display, clerk PC): letters, digits and `_.-`, chosen by the installer or stored by the page. */
export const TerminalLocalId = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' });
/** The hub's id of a terminal: `<kind>:<id>`. */
export const TerminalId = Type.String({ minLength: 3, maxLength: 64, pattern: '^(display|kiosk|pad|clerk):[A-Za-z0-9_.-]+$' });

export const TerminalHello = Type.Object(
  {
    kind: literals(TERMINAL_KINDS),
    /** The page's id; a kiosk and a pad are named by their device token instead (the hub ignores this for them). */
    id: Type.Optional(TerminalLocalId),
    /** A label for managers (「一楼大屏」); never a person's name. Control characters are refused. */
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\u0000-\\u001f\\u007f]+$' })),
    /** The release the page was built from (ui-client/page-version.ts). */
    pageVersion: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_.+-]+$' }),
  },
  { additionalProperties: false },
);
export type TerminalHello = Static<typeof TerminalHello>;

export const TerminalHelloReply = Type.Object({ terminalId: TerminalId, hubVersion: Type.String() });
export type TerminalHelloReply = Static<typeof TerminalHelloReply>;

/** A fault the page found (`isActive: true`) or that has ended (`false`); free text never crosses the wire. */
export const TerminalFault = Type.Object({ code: literals(TERMINAL_FAULT_CODES), isActive: Type.Boolean() }, { additionalProperties: false });
export type TerminalFault = Static<typeof TerminalFault>;

/** The hub asks one page to reload itself (a manager's 「刷新页面」). */
export const TerminalReload = Type.Object({ terminalId: TerminalId });
export type TerminalReload = Static<typeof TerminalReload>;

export const TerminalFaultView = Type.Object({
  code: literals(TERMINAL_FAULT_CODES),
  grade: literals(FAULT_GRADES),
  /** Whether the page still reports it. */
  isActive: Type.Boolean(),
  at: Type.Integer(),
});
export type TerminalFaultView = Static<typeof TerminalFaultView>;

export const TerminalView = Type.Object({
  id: TerminalId,
  kind: literals(TERMINAL_KINDS),
  name: Type.String(),
  isOnline: Type.Boolean(),
  /** Dark on purpose (a clerk signed out, the page closed its connection): listed, never an alert. */
  hasLeft: Type.Boolean(),
  /** Online since, or dark since (hub clock, epoch ms); kept across a hub restart. */
  since: Type.Integer(),
  pageVersion: Type.String(),
  /** The page was built from another release than the hub runs: it should reload. */
  isVersionDifferent: Type.Boolean(),
  /** The grade of it being dark now (A when every kiosk is dark), absent while online. */
  darkGrade: Type.Optional(literals(FAULT_GRADES)),
  lastFault: Type.Optional(TerminalFaultView),
});
export type TerminalView = Static<typeof TerminalView>;

export const TerminalList = Type.Object({
  hubVersion: Type.String(),
  terminals: Type.Array(TerminalView),
  /** The hall's response target per grade (policy.faultResponse), for the grade's words. */
  faultResponse: FaultResponseTargets,
});
export type TerminalList = Static<typeof TerminalList>;

export const TerminalParams = Type.Object({ terminalId: TerminalId });
