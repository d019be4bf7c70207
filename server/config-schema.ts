/**
 * The hall configuration file (JSON or YAML), as a schema: validated on load and by `hallq check`.
 * Example with every field: docs/config.example.yaml.
 */
import { Type, type Static } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' });
const HourMinute = Type.String({ pattern: '^([01]?\\d|2[0-3]):[0-5]\\d$' });

export const ServiceConfig = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    nameEn: Type.Optional(Type.String({ maxLength: 60 })),
    prefix: Type.String({ pattern: '^[A-Z]{1,2}$', description: 'one or two capital letters, unique in the hall' }),
    rangeStart: Type.Integer({ minimum: 1, maximum: 9999, default: 1 }),
    rangeEnd: Type.Integer({ minimum: 1, maximum: 9999, default: 999 }),
    serviceMinutes: Type.Number({ exclusiveMinimum: 0, maximum: 240, default: 8 }),
    waitLimitMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 30 }),
    serviceLimitMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 20 }),
    dailyCap: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999 })),
    hours: Type.Array(Type.Object({ from: HourMinute, to: HourMinute }, { additionalProperties: false }), { default: [] }),
  },
  { additionalProperties: false },
);

export const WindowConfig = Type.Object(
  {
    id: Id,
    number: Type.Integer({ minimum: 1, maximum: 999 }),
    name: Type.Optional(Type.String({ maxLength: 40 })),
    area: Type.Optional(Type.String({ maxLength: 40 })),
    services: Type.Array(
      Type.Union([Id, Type.Object({ serviceId: Id, weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }) }, { additionalProperties: false })]),
      { minItems: 1, description: 'service ids (or {serviceId, weight}) in priority order; earlier ones get a higher default weight' },
    ),
  },
  { additionalProperties: false },
);

export const StaffConfig = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    role: Type.Union([Type.Literal('clerk'), Type.Literal('manager'), Type.Literal('admin')]),
    passwordHash: Type.String({ description: 'scrypt hash from `hallq staff passwd` or `hallq init`; never a plain password' }),
  },
  { additionalProperties: false },
);

const Transport = Type.Union([
  Type.Object({ type: Type.Literal('simulator') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('tcp'), host: Type.String(), port: Type.Integer({ minimum: 1, maximum: 65535, default: 9100 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('serial'), path: Type.String(), baudRate: Type.Integer({ default: 9600 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('usb'), path: Type.String({ description: 'printer device file, e.g. /dev/usb/lp0' }) }, { additionalProperties: false }),
]);

export const KioskConfig = Type.Object(
  {
    id: Id,
    name: Type.Optional(Type.String()),
    tokenHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the kiosk device token' }),
    printer: Type.Optional(Transport),
    idReader: Type.Optional(Transport),
  },
  { additionalProperties: false },
);

/** A tablet facing the visitor at a window (/rate): only a registered pad may rate that window's visits. */
export const RatingPadConfig = Type.Object(
  {
    id: Id,
    windowId: Id,
    tokenHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the pad device token (`hallq kiosk-token` makes one)' }),
  },
  { additionalProperties: false },
);

export const WindowBusConfig = Type.Object(
  {
    id: Id,
    protocol: Type.Union([Type.Literal('qlp'), Type.Literal('ff68')]),
    link: Transport,
    devices: Type.Array(
      Type.Object(
        {
          id: Id,
          kind: Type.Union([Type.Literal('keypad'), Type.Literal('led-strip'), Type.Literal('caller')]),
          address: Type.Integer({ minimum: 1, maximum: 247 }),
          windowId: Id,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PolicyConfig = Type.Object(
  {
    callOrder: Type.Union([Type.Literal('weighted-wait'), Type.Literal('service-order'), Type.Literal('arrival')], { default: 'weighted-wait' }),
    priorityFirst: Type.Boolean({ default: true }),
    appointmentEarlyMinutes: Type.Integer({ minimum: 0, maximum: 240, default: 15 }),
    appointmentLateMinutes: Type.Integer({ minimum: 0, maximum: 240, default: 15 }),
    recallLimit: Type.Integer({ minimum: 0, maximum: 10, default: 3 }),
    parkMinutes: Type.Integer({ minimum: 1, maximum: 240, default: 10 }),
    ratingTimeoutSeconds: Type.Integer({ minimum: 10, maximum: 3600, default: 60 }),
    phoneRatingHours: Type.Integer({ minimum: 1, maximum: 720, default: 72 }),
    greenChannelAge: Type.Optional(Type.Integer({ minimum: 50, maximum: 120 })),
    perPersonDailyLimit: Type.Integer({ minimum: 1, maximum: 50, default: 3 }),
    sessionHours: Type.Integer({ minimum: 1, maximum: 24, default: 12 }),
    /** Whether clerks may call a chosen ticket out of order (指定叫号); managers and admins always may. Always audited. */
    clerksMayCallOutOfOrder: Type.Boolean({ default: true }),
    /** Flood limits per kiosk (or per client address without a token); a real kiosk issues a few a minute. */
    ticketsPerMinutePerKiosk: Type.Integer({ minimum: 1, maximum: 100000, default: 60 }),
    loginsPerMinute: Type.Integer({ minimum: 1, maximum: 100000, default: 20 }),
  },
  { additionalProperties: false },
);

export const HallConfigFile = Type.Object(
  {
    hall: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 60 }),
        timeZone: Type.String({ default: 'Asia/Shanghai' }),
        language: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { default: 'zh-CN' }),
        publicUrl: Type.Optional(Type.String({ description: 'base URL printed in ticket QR codes, e.g. http://192.168.1.10:8080' })),
      },
      { additionalProperties: false },
    ),
    secrets: Type.Object(
      { idHashKey: Type.String({ minLength: 32, description: 'secret for the keyed hash of ID numbers; keep it, or person limits reset' }) },
      { additionalProperties: false },
    ),
    policy: Type.Optional(PolicyConfig),
    services: Type.Array(ServiceConfig, { minItems: 1 }),
    windows: Type.Array(WindowConfig, { minItems: 1 }),
    staff: Type.Array(StaffConfig, { default: [] }),
    kiosks: Type.Array(KioskConfig, { default: [] }),
    ratingPads: Type.Array(RatingPadConfig, { default: [] }),
    windowBuses: Type.Array(WindowBusConfig, { default: [] }),
    notices: Type.Array(Type.String({ maxLength: 200 }), { default: [] }),
  },
  { additionalProperties: false },
);
export type HallConfigFile = Static<typeof HallConfigFile>;
