/**
 * The kiosk's side of the contract (取号机, 一证通办, 预约取号): the page's configuration, the ID card held
 * for it, its own devices, and appointments as the kiosk and staff see them. Routes: protocol/routes/kiosk.ts.
 * Only masked personal data ever appears here; never an ID number, a full name or a track token.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Language } from './model';
import { ServiceGuide } from './layout';

/** An appointment code: letters, digits, _ or -, so it can be typed on the kiosk keypad. */
export const AppointmentCode = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' });
export const AppointmentParams = Type.Object({ code: AppointmentCode });

export const APPOINTMENT_STATUSES = ['early', 'on-time', 'late', 'used', 'not-today'] as const;
/** 'early' and 'on-time' keep appointment priority; 'late' becomes a normal ticket; 'used' and 'not-today' are refused. */
export const AppointmentStatus = Type.Union(APPOINTMENT_STATUSES.map((s) => Type.Literal(s)));
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** What staff and the kiosk see of an appointment: the person masked only. */
export const AppointmentView = Type.Object({
  code: Type.String(),
  serviceId: Type.String(),
  slotStart: Type.Integer(),
  slotEnd: Type.Integer(),
  nameMasked: Type.Optional(Type.String()),
  personMasked: Type.Optional(Type.String()),
  status: AppointmentStatus,
});
export type AppointmentView = Static<typeof AppointmentView>;

const AppointmentTime = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 40, description: "hall-local 'YYYY-MM-DD HH:mm' or ISO with offset" })]);

/** A manager books (or changes an unused) appointment. The ID number is kept only masked and as a keyed hash. */
export const AppointmentBody = Type.Object(
  {
    code: Type.Optional(AppointmentCode),
    serviceId: Type.String({ minLength: 1, maxLength: 32 }),
    slotStart: AppointmentTime,
    slotEnd: AppointmentTime,
    idNumber: Type.Optional(Type.String({ maxLength: 20 })),
    name: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);
export type AppointmentBody = Static<typeof AppointmentBody>;

/** The import file (docs/kiosk.md): CSV (UTF-8, with or without BOM, or GBK) `code,serviceId,slotStart,slotEnd,idNumber?,name?`, sent as text/csv. */
export const AppointmentsCsv = Type.String({ maxLength: 1024 * 1024, description: 'text/csv: code,serviceId,slotStart,slotEnd,idNumber?,name?' });

/** All or nothing: a file with a bad line imports nothing; appointments already checked in are kept as they were. */
export const AppointmentsImportReply = Type.Object({ imported: Type.Integer({ minimum: 0 }), keptUsed: Type.Array(Type.String()) });
export type AppointmentsImportReply = Static<typeof AppointmentsImportReply>;

export const DEMO_APPOINTMENT_KINDS = ['on-time', 'late', 'later-today'] as const;

/** A made-up person of the demo strip, as data: the kiosk page words it (「李秀英（78岁，绿色通道）」). */
export const DemoPerson = Type.Object({
  key: Type.String(),
  name: Type.String(),
  /** The name in pinyin, for the English page. */
  nameEn: Type.String(),
  age: Type.Integer({ minimum: 0 }),
  /** Reaches the hall's green-channel age today. */
  isGreenChannel: Type.Boolean(),
});
export type DemoPerson = Static<typeof DemoPerson>;

/** What the kiosk page needs to know of its hall; `demo` only in the demo hall (made-up people and appointments). */
export const KioskConfig = Type.Object({
  hallName: Type.String(),
  language: Language,
  timeZone: Type.String(),
  isDemo: Type.Boolean(),
  greenChannelAge: Type.Union([Type.Integer(), Type.Null()]),
  perPersonDailyLimit: Type.Integer(),
  /** 一次性告知 by service id (only services that have one): shown before the ticket is printed, and on the phone page. */
  guides: Type.Optional(Type.Record(Type.String(), ServiceGuide)),
  demo: Type.Optional(
    Type.Object({
      people: Type.Array(DemoPerson),
      appointments: Type.Array(
        Type.Object({ code: Type.String(), serviceId: Type.String(), slotStart: Type.Integer(), what: Type.Union(DEMO_APPOINTMENT_KINDS.map((k) => Type.Literal(k))) }),
      ),
      /** Kiosks whose ID card reader is simulated: the demo lays cards on them. */
      kiosks: Type.Array(Type.String()),
    }),
  ),
});
export type KioskConfig = Static<typeof KioskConfig>;

/**
 * What this kiosk offers (GET /api/kiosk/menu, by its device token): the hub decides the subset
 * (hallq.yaml `kiosks[].services` / `departments`) and refuses a ticket for any other service. The page shows
 * departments first when `isTwoLevel` (many services in several departments), else one flat grid.
 */
export const KioskMenu = Type.Object({
  serviceIds: Type.Array(Type.String(), { description: "the offered services, in the hall's order" }),
  isTwoLevel: Type.Boolean(),
  departments: Type.Array(
    Type.Object({
      id: Type.String({ description: "'' for the services without a department (the page words it)" }),
      name: Type.Optional(Type.String()),
      nameEn: Type.Optional(Type.String()),
      serviceIds: Type.Array(Type.String()),
    }),
  ),
});
export type KioskMenu = Static<typeof KioskMenu>;

/** The ID card just read on this kiosk, as its page may see it: an opaque handle, the masked name and the flag. */
export const HeldCardView = Type.Object({
  handle: Type.String(),
  nameMasked: Type.Optional(Type.String()),
  isGreenChannel: Type.Boolean(),
  expiresAt: Type.Integer(),
});
export type HeldCardView = Static<typeof HeldCardView>;

/** One of the calling kiosk's devices; null when none is configured. No reason text: the page words it by code. */
export const OwnDevice = Type.Union([Type.Object({ status: Type.String(), code: Type.Optional(Type.String()) }), Type.Null()]);
export type OwnDevice = Static<typeof OwnDevice>;

/** This kiosk's own printer and ID card reader (GET /api/kiosk/devices): a fault is shown before a ticket is taken. */
export const KioskDevicesReport = Type.Object({ printer: OwnDevice, idReader: OwnDevice });
export type KioskDevicesReport = Static<typeof KioskDevicesReport>;

export const DemoCardParams = Type.Object({ kioskId: Type.String({ maxLength: 32 }) });
export const DemoCardBody = Type.Object({ person: Type.String({ maxLength: 32 }) }, { additionalProperties: false });
export const DemoCardReply = Type.Object({ inserted: Type.String() });
