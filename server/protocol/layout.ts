/**
 * Services and windows in the configuration file's shape: what `hallq.yaml` holds (server/config-schema.ts
 * builds on these) and what an admin edits live in the manager console (GET/PUT /api/admin/layout).
 * Browser-safe: the console's layout form types its draft and its PUT body with these.
 */
import { Type, type Static } from '@sinclair/typebox';

/** An id in the configuration: a service, window, kiosk or device. */
export const ConfigId = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' });
const HourMinute = Type.String({ pattern: '^([01]?\\d|2[0-3]):[0-5]\\d$' });

/**
 * 一次性告知 (办事指南): what a visitor must bring and may expect, shown on the kiosk before the ticket is
 * printed, in short on the ticket, and in full on the phone page. Public text: never anything personal.
 */
export const ServiceGuide = Type.Object(
  {
    materials: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 30, description: '所需材料, one per entry, in the order the visitor should gather them' }),
    basis: Type.Optional(Type.String({ maxLength: 200, description: '办理依据 (the law or rule)' })),
    promiseDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, description: '承诺时限 in working days; 0 = 即办' })),
    fees: Type.Optional(Type.String({ maxLength: 100, description: '收费标准, e.g. 不收费' })),
    notes: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type ServiceGuide = Static<typeof ServiceGuide>;

export const ServiceConfig = Type.Object(
  {
    id: ConfigId,
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
    /** The standard 事项 code and category, so the city centre compares the same service across halls (docs/uplink.md). */
    itemCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    guide: Type.Optional(ServiceGuide),
    /** The department (or area) it belongs to: an id of the hall's `departments:`; the kiosk groups by it. */
    department: Type.Optional(ConfigId),
  },
  { additionalProperties: false },
);

/**
 * A department (or area) of the hall: a large hall's kiosk shows departments first, then their services.
 * Listed order is the kiosk's order.
 */
export const DepartmentConfig = Type.Object(
  {
    id: ConfigId,
    name: Type.String({ minLength: 1, maxLength: 30 }),
    nameEn: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);
export type DepartmentConfig = Static<typeof DepartmentConfig>;

export const WindowConfig = Type.Object(
  {
    id: ConfigId,
    number: Type.Integer({ minimum: 1, maximum: 999 }),
    name: Type.Optional(Type.String({ maxLength: 40 })),
    area: Type.Optional(Type.String({ maxLength: 40 })),
    services: Type.Array(
      Type.Union([ConfigId, Type.Object({ serviceId: ConfigId, weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }) }, { additionalProperties: false })]),
      { minItems: 1, description: 'service ids (or {serviceId, weight}) in priority order; earlier ones get a higher default weight' },
    ),
  },
  { additionalProperties: false },
);

/**
 * What one kiosk of hallq.yaml offers, as the console edits it: these services and every service of these
 * departments (either or both); neither: every service. Its device settings stay in the file; `name` is only shown.
 */
export const KioskOffer = Type.Object(
  {
    id: ConfigId,
    name: Type.Optional(Type.String()),
    services: Type.Optional(Type.Array(ConfigId, { minItems: 1 })),
    departments: Type.Optional(Type.Array(ConfigId, { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type KioskOffer = Static<typeof KioskOffer>;

/**
 * The hall's services and windows as an admin edits them, with its departments and what each kiosk offers
 * (absent: as they are now); checked by the hub with the config file's own rules.
 */
export const Layout = Type.Object(
  {
    services: Type.Array(ServiceConfig, { minItems: 1, maxItems: 100 }),
    windows: Type.Array(WindowConfig, { minItems: 1, maxItems: 300 }),
    departments: Type.Optional(Type.Array(DepartmentConfig, { maxItems: 100 })),
    kiosks: Type.Optional(Type.Array(KioskOffer, { maxItems: 300 })),
  },
  { additionalProperties: false },
);
export type Layout = Static<typeof Layout>;
export type LayoutService = Layout['services'][number];
export type LayoutWindow = Layout['windows'][number];
/** One entry of a window's list: a bare service id, or the id with its call-next weight. */
export type WindowServiceEntry = LayoutWindow['services'][number];
/** One opening period, "HH:MM" local time, `from` inclusive. */
export type OpeningHours = LayoutService['hours'][number];

/**
 * Who owns the layout the hub runs: the config file, or (once an admin saved one in the console) the stored
 * layout, which then overrides hallq.yaml's services and windows at every start until `hallq layout drop`.
 */
export const LayoutSource = Type.Union([
  Type.Object({ source: Type.Literal('file') }, { additionalProperties: false }),
  Type.Object(
    {
      source: Type.Literal('console'),
      editedAt: Type.Integer({ description: 'when the admin last saved the layout (ms since epoch)' }),
      editedBy: Type.String({ description: 'the admin who saved it (username)' }),
    },
    { additionalProperties: false },
  ),
]);
export type LayoutSource = Static<typeof LayoutSource>;
