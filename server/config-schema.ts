/**
 * The hall configuration file (JSON or YAML), as a schema: validated on load and by `hallq check`.
 * Example with every field: docs/config.example.yaml.
 */
import { Type, type Static } from '@sinclair/typebox';
// Services and windows are also what an admin edits live (PUT /api/admin/layout): their schemas are the contract's.
import { ConfigId as Id, DepartmentConfig, ServiceConfig, WindowConfig } from './protocol/layout';
import { HttpConfig, TlsConfig } from './network-config';
import { GreenReason } from './protocol/desk';

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
    /**
     * Which services this kiosk offers: these service ids and every service of these departments (either or
     * both). Absent: every service. The hub sends the kiosk only these and refuses a ticket for any other.
     */
    services: Type.Optional(Type.Array(Id, { minItems: 1 })),
    departments: Type.Optional(Type.Array(Id, { minItems: 1 })),
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

/** One grade's response target: `{ minutes: 30 }` or `{ workingDays: 1 }` (config.ts refuses both or neither). */
const FaultResponseTarget = (byDefault: { minutes: number } | { workingDays: number }) =>
  Type.Object(
    {
      minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60, description: 'respond within this many minutes' })),
      workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, description: 'respond within this many working days' })),
    },
    { additionalProperties: false, default: byDefault },
  );

export const PolicyConfig = Type.Object(
  {
    callOrder: Type.Union([Type.Literal('weighted-wait'), Type.Literal('service-order'), Type.Literal('arrival')], { default: 'weighted-wait' }),
    priorityFirst: Type.Boolean({ default: true }),
    appointmentEarlyMinutes: Type.Integer({ minimum: 0, maximum: 240, default: 15 }),
    appointmentLateMinutes: Type.Integer({ minimum: 0, maximum: 240, default: 15 }),
    recallLimit: Type.Integer({ minimum: 0, maximum: 10, default: 3 }),
    parkMinutes: Type.Integer({ minimum: 1, maximum: 240, default: 10 }),
    /** How long after a no-show (过号) the clerk may put the visitor back at the counter (0: never). */
    noShowUndoMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 30, default: 2 })),
    /** The visitor's phone says 「快轮到您了」 (and vibrates where it may) once this many people or fewer are ahead. */
    phoneNoticeAhead: Type.Optional(Type.Integer({ minimum: 0, maximum: 50, default: 3 })),
    ratingTimeoutSeconds: Type.Integer({ minimum: 10, maximum: 3600, default: 60 }),
    phoneRatingHours: Type.Integer({ minimum: 1, maximum: 720, default: 72 }),
    greenChannelAge: Type.Optional(Type.Integer({ minimum: 50, maximum: 120 })),
    /** Why staff at the front desk may grant the 绿色通道 (desk-ui/): the list they choose from. */
    greenReasons: Type.Optional(Type.Array(GreenReason, { minItems: 1, maxItems: 30 })),
    perPersonDailyLimit: Type.Integer({ minimum: 1, maximum: 50, default: 3 }),
    sessionHours: Type.Integer({ minimum: 1, maximum: 24, default: 12 }),
    /** Whether clerks may call a chosen ticket out of order (指定叫号); managers and admins always may. Always audited. */
    clerksMayCallOutOfOrder: Type.Boolean({ default: true }),
    /** Flood limits per kiosk (or per client address without a token); a real kiosk issues a few a minute. */
    ticketsPerMinutePerKiosk: Type.Integer({ minimum: 1, maximum: 100000, default: 60 }),
    loginsPerMinute: Type.Integer({ minimum: 1, maximum: 100000, default: 20 }),
    /**
     * 故障分级响应: how soon a terminal's fault of each grade must be answered (domain/terminal-rules.ts grades
     * them), in minutes or in working days, one of the two. The only place these defaults live.
     */
    faultResponse: Type.Optional(
      Type.Object(
        {
          A: FaultResponseTarget({ minutes: 30 }),
          B: FaultResponseTarget({ minutes: 120 }),
          C: FaultResponseTarget({ workingDays: 1 }),
        },
        { additionalProperties: false, default: {} },
      ),
    ),
    /** 红旗窗口 / 服务明星 weighting (server/domain/clerk-ranking.ts); absent: its defaults. */
    ranking: Type.Optional(
      Type.Object(
        {
          satisfaction: Type.Number({ minimum: 0, maximum: 100, default: 40 }),
          served: Type.Number({ minimum: 0, maximum: 100, default: 30 }),
          handling: Type.Number({ minimum: 0, maximum: 100, default: 15 }),
          noShowRate: Type.Number({ minimum: 0, maximum: 100, default: 15 }),
          minServed: Type.Integer({ minimum: 0, maximum: 100000, default: 30 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The hall's code for the city centre: 行政区划代码 + a number, e.g. 330106-001 (server/protocol/uplink.ts HallCode). */
const HallCodePattern = Type.String({ pattern: '^[0-9A-Z][0-9A-Z-]{2,31}$', description: 'e.g. 330106-001' });

/** The link to the city centre (docs/uplink.md). Absent: the hall works on its own, as always. */
export const UplinkConfig = Type.Object(
  {
    url: Type.String({ pattern: '^https?://[^\\s]+$', description: 'the centre, e.g. https://city.example.cn' }),
    /** The hall token the centre issued; a file (mode 600) keeps it out of the configuration. One of the two. */
    tokenFile: Type.Optional(Type.String({ minLength: 1 })),
    token: Type.Optional(Type.String({ minLength: 16, maxLength: 256 })),
    /** Optional client certificate (mutual TLS) and the centre's CA, PEM files. */
    certFile: Type.Optional(Type.String({ minLength: 1 })),
    keyFile: Type.Optional(Type.String({ minLength: 1 })),
    caFile: Type.Optional(Type.String({ minLength: 1 })),
    /**
     * Facts per batch at most. Large by default: the centre's cost per batch is several times a bare INSERT's,
     * so a backlog drains cheapest in full batches (docs/performance.md, figure 6); a slow link that times out
     * is sent smaller batches by itself (domain/uplink-link.ts paceAfter).
     */
    batchSize: Type.Integer({ minimum: 1, maximum: 1000, default: 1000 }),
    retryMinSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 600, default: 1 }),
    retryMaxSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 3600, default: 300 }),
    /** A heartbeat (an empty batch) this often when there is nothing to send: last contact and 督办 notes. */
    heartbeatSeconds: Type.Number({ minimum: 1, maximum: 3600, default: 30 }),
    requestTimeoutSeconds: Type.Number({ minimum: 1, maximum: 300, default: 15 }),
  },
  { additionalProperties: false },
);

/** Canonical fields of a 好差评 record (server/domain/province-record.ts); `province.fields` names them for a platform. */
export const PROVINCE_FIELDS = [
  'recordId', 'regionCode', 'regionName', 'deptCode', 'deptName', 'taskCode', 'taskName', 'caseNumber', 'handler',
  'channel', 'level', 'reasons', 'comment', 'ratedAt', 'assessNumber', 'userProp', 'raterName', 'ticketNumber', 'windowNumber',
] as const;
const PlatformField = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' });
const ProvinceFieldKey = Type.Union(PROVINCE_FIELDS.map((f) => Type.Literal(f)));

/** The `http-json` province adapter: also the city centre's own (server/centre/config.ts `province.adapter`). */
export const ProvinceHttpJsonAdapter = Type.Object(
  {
    type: Type.Literal('http-json'),
    url: Type.String({ pattern: '^https?://[^\\s]+$' }),
    appKey: Type.String({ minLength: 1, maxLength: 128 }),
    /** The signing secret, or a file holding it (mode 600). One of the two. */
    appSecret: Type.Optional(Type.String({ minLength: 8, maxLength: 256 })),
    appSecretFile: Type.Optional(Type.String({ minLength: 1 })),
    headers: Type.Object(
      {
        appKey: Type.String({ default: 'X-App-Key' }),
        timestamp: Type.String({ default: 'X-Timestamp' }),
        nonce: Type.String({ default: 'X-Nonce' }),
        signature: Type.String({ default: 'X-Signature' }),
      },
      { additionalProperties: false, default: {} },
    ),
    timeoutSeconds: Type.Number({ minimum: 1, maximum: 300, default: 15 }),
  },
  { additionalProperties: false },
);

/** Delivery of ratings to the provincial 好差评 platform (docs/province.md). Absent: no delivery. */
export const ProvinceConfig = Type.Object(
  {
    adapter: Type.Union([
      ProvinceHttpJsonAdapter,
      Type.Object({ type: Type.Literal('file'), dir: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      /** Through the city centre (docs/province.md): the `uplink:` URL and token; no personal field may be mapped. */
      Type.Object(
        { type: Type.Literal('city-centre'), pollSeconds: Type.Number({ minimum: 1, maximum: 3600, default: 30, description: 'how often to ask the centre for the platform\'s answer' }) },
        { additionalProperties: false },
      ),
    ]),
    regionCode: Type.String({ pattern: '^[0-9]{6,12}$', description: '行政区划代码' }),
    regionName: Type.Optional(Type.String({ maxLength: 60 })),
    department: Type.Object({ code: Type.String({ pattern: '^[0-9A-Z]{18}$' }), name: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false }),
    /** Per service id: its 事项 code and name, and its department when it is not the hall's. */
    services: Type.Record(
      Type.String(),
      Type.Object(
        {
          taskCode: Type.String({ minLength: 1, maxLength: 64 }),
          taskName: Type.Optional(Type.String({ maxLength: 120 })),
          deptCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{18}$' })),
          deptName: Type.Optional(Type.String({ maxLength: 80 })),
        },
        { additionalProperties: false },
      ),
      { default: {} },
    ),
    clerk: Type.Union([Type.Literal('username'), Type.Literal('name')], { default: 'username' }),
    channels: Type.Object(
      { pad: Type.String({ default: '4' }), keypad: Type.String({ default: '5' }), phone: Type.String({ default: '3' }), system: Type.String({ default: '7' }) },
      { additionalProperties: false, default: {} },
    ),
    /** The hall's rating tags → the platform's 测评内容 codes; a tag without a code is not sent. */
    reasons: Type.Record(Type.String(), Type.String(), { default: { 'slow': '511', 'attitude': '512', 'unclear-guidance': '513', 'repeated-visits': '514', 'long-wait': '515', 'process': '516', 'other': '517' } }),
    dateFormat: Type.Union([Type.Literal('yyyy-MM-dd HH:mm:ss'), Type.Literal('iso'), Type.Literal('epoch-ms')], { default: 'yyyy-MM-dd HH:mm:ss' }),
    /** Canonical field → the platform's name. A field not named here is not sent (personal ones included). */
    fields: Type.Partial(Type.Record(ProvinceFieldKey, PlatformField), {
      default: {
        recordId: 'assessId', regionCode: 'areaCode', regionName: 'areaName', deptCode: 'deptCode', deptName: 'proDepart', taskCode: 'taskCode',
        taskName: 'taskName', caseNumber: 'projectNo', handler: 'proManager', channel: 'pf', level: 'satisfaction', reasons: 'evalDetail',
        comment: 'writingEvaluation', ratedAt: 'assessTime', assessNumber: 'assessNumber', userProp: 'userProp',
      },
    }),
    /** Fields every record carries as they are, e.g. proStatus: "3", dataSource: "001". */
    constants: Type.Record(PlatformField, Type.Union([Type.String(), Type.Number()]), { default: {} }),
    /** Platform fields a record must have before it is sent (else it waits for a correction). */
    required: Type.Array(ProvinceFieldKey, { default: ['caseNumber', 'taskCode', 'deptCode', 'level', 'channel', 'ratedAt'] }),
    rules: Type.Object(
      {
        callbackWorkingDays: Type.Integer({ minimum: 0, maximum: 30, default: 1 }),
        remedyWorkingDays: Type.Integer({ minimum: 1, maximum: 60, default: 5 }),
        /** Report a finished visit still unrated after this many working days with `defaultLevel`; 0 = off. */
        defaultRatingAfterDays: Type.Integer({ minimum: 0, maximum: 30, default: 0 }),
        /** 5 非常满意 unless the province says otherwise (Guangdong: 3 基本满意). */
        defaultLevel: Type.Integer({ minimum: 1, maximum: 5, default: 5 }),
        /** 一次一评 (国办发〔2019〕51号) is national: hallq rates each visit once; `false` is refused by `hallq check`. */
        oncePerVisit: Type.Boolean({ default: true }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** SHA-256 of the token the business system (一窗受理) sends to attach 办件 (POST /api/province/cases). */
    integrationTokenHash: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
    batchSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    retryMinSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 600, default: 2 }),
    retryMaxSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 86400, default: 1800 }),
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
        code: Type.Optional(HallCodePattern),
        level: Type.Optional(Type.Union([Type.Literal('district'), Type.Literal('town'), Type.Literal('village')], { description: '区/市 centre, 镇/街道 centre, 村/社区 point' })),
        parent: Type.Optional(HallCodePattern),
      },
      { additionalProperties: false },
    ),
    secrets: Type.Object(
      { idHashKey: Type.String({ minLength: 32, description: 'secret for the keyed hash of ID numbers; keep it, or person limits reset' }) },
      { additionalProperties: false },
    ),
    policy: Type.Optional(PolicyConfig),
    /** Departments (or areas) the services belong to (`department:` of a service); the kiosk groups by them. */
    departments: Type.Optional(Type.Array(DepartmentConfig)),
    services: Type.Array(ServiceConfig, { minItems: 1 }),
    windows: Type.Array(WindowConfig, { minItems: 1 }),
    staff: Type.Array(StaffConfig, { default: [] }),
    kiosks: Type.Array(KioskConfig, { default: [] }),
    ratingPads: Type.Array(RatingPadConfig, { default: [] }),
    windowBuses: Type.Array(WindowBusConfig, { default: [] }),
    notices: Type.Array(Type.String({ maxLength: 200 }), { default: [] }),
    uplink: Type.Optional(UplinkConfig),
    province: Type.Optional(ProvinceConfig),
    /** Timeouts, per-address caps and the plain-HTTP policy (server/network-config.ts). */
    http: Type.Optional(HttpConfig),
    /** HTTPS and WSS with this certificate (`hallq cert` makes one for a hall without a PKI). */
    tls: Type.Optional(TlsConfig),
  },
  { additionalProperties: false },
);
export type HallConfigFile = Static<typeof HallConfigFile>;
