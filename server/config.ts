/**
 * Pure configuration loader: unknown input → a frozen Config, or every problem at once with where it is.
 * Only main.ts reads files and the environment.
 */
import { Value } from '@sinclair/typebox/value';
import { closest, duplicatesAmong, schemaProblems } from './config-problems';
import { HallConfigFile, type ProvinceConfig, type UplinkConfig } from './config-schema';
import type { HallPolicy, Service, Window } from './domain/types';
import type { RankingWeights } from './domain/clerk-ranking';
import type { GreenReason } from './protocol/desk';
import type { FaultResponseTargets } from './protocol/terminals';
import type { EmptyKioskDetail } from './protocol/errors';
import type { Static } from '@sinclair/typebox';

/** `uplink:` of the config file with its defaults filled in. */
export type UplinkSettings = Readonly<Static<typeof UplinkConfig>>;
/** `province:` of the config file with its defaults filled in (docs/province.md). */
export type ProvinceSettings = Readonly<Static<typeof ProvinceConfig>>;
import { parseHourMinute } from './domain/calendar';
import { isOffered } from './domain/kiosk-menu';
import { httpSettings, networkProblems, type HttpSettings, type TlsSettings } from './network-config';

export interface Config {
  readonly hall: {
    readonly name: string; readonly timeZone: string; readonly language: 'zh-CN' | 'en'; readonly publicUrl?: string;
    /** The hall's identity for the city centre (docs/uplink.md). */
    readonly code?: string; readonly level?: 'district' | 'town' | 'village'; readonly parent?: string;
  };
  readonly idHashKey: string;
  readonly policy: HallPolicy & {
    readonly sessionHours: number;
    readonly ticketsPerMinutePerKiosk: number;
    readonly loginsPerMinute: number;
    readonly clerksMayCallOutOfOrder: boolean;
    readonly noShowUndoMinutes: number;
    /** 「快轮到您了」 on the phone at this many people ahead (the schema's default: 3). */
    readonly phoneNoticeAhead: number;
    /** The front desk's green-channel reasons; absent: DEFAULT_GREEN_REASONS (server/protocol/desk.ts). */
    readonly greenReasons?: readonly GreenReason[];
    /** 红旗窗口 / 服务明星 weighting; absent: DEFAULT_RANKING_WEIGHTS (server/domain/clerk-ranking.ts). */
    readonly ranking?: RankingWeights;
    /** 故障分级响应 targets per grade, defaults from the schema (A 30 min, B 2 h, C one working day). */
    readonly faultResponse: FaultResponseTargets;
  };
  readonly services: readonly Service[];
  readonly windows: readonly Window[];
  /** The hall's departments in kiosk order (services name theirs by id); none in a small hall. */
  readonly departments: NonNullable<HallConfigFile['departments']>;
  readonly staff: HallConfigFile['staff'];
  readonly kiosks: HallConfigFile['kiosks'];
  readonly ratingPads: HallConfigFile['ratingPads'];
  readonly windowBuses: HallConfigFile['windowBuses'];
  readonly notices: readonly string[];
  /** Standard 事项 code and category by service id, for the city centre (admin layout edits keep them). */
  readonly serviceCodes?: Readonly<Record<string, { readonly itemCode?: string; readonly category?: string }>>;
  /** The link to the city centre, with defaults applied; absent: no uplink. */
  readonly uplink?: UplinkSettings;
  /** Delivery to the provincial 好差评 platform, with defaults applied; absent: none. */
  readonly province?: ProvinceSettings;
  /** Timeouts and per-address caps with defaults applied (absent in a hand-built Config: the defaults). */
  readonly http?: HttpSettings;
  /** HTTPS and WSS: the certificate files; absent: plain HTTP. */
  readonly tls?: TlsSettings;
  /** The demo hall: simulated devices, published credentials. */
  readonly isDemo: boolean;
}

export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
  /** The facts of a kiosk left with no service, for the console to word (manager-ui/layout-words.ts). */
  readonly emptyKiosk?: EmptyKioskDetail;
}

export interface LoadOptions {
  readonly isDemo?: boolean;
  /**
   * The services before a console layout edit, the file's included (server/app/admin.ts): a kiosk may still
   * list one the edit removes, as long as it keeps another, and a refusal names it by its name.
   */
  readonly earlierServices?: readonly { readonly id: string; readonly name: string }[];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

export function loadConfig(input: unknown, options: LoadOptions = {}): ConfigResult {
  const withDefaults = Value.Default(HallConfigFile, structuredClone(input ?? {}));
  const problems: ConfigProblem[] = schemaProblems(HallConfigFile, withDefaults);
  const file = withDefaults as HallConfigFile;
  problems.push(...crossCheckAnyway(file, problems.length > 0, options.earlierServices ?? []));
  if (problems.length > 0) return { ok: false, problems };

  const policy = Value.Default(HallConfigFile.properties.policy, file.policy ?? {}) as Required<NonNullable<HallConfigFile['policy']>>;
  const services: Service[] = file.services.map((s) => ({
    id: s.id,
    name: s.name,
    nameEn: s.nameEn ?? s.name,
    prefix: s.prefix,
    rangeStart: s.rangeStart,
    rangeEnd: s.rangeEnd,
    defaultServiceMinutes: s.serviceMinutes,
    waitLimitMinutes: s.waitLimitMinutes,
    serviceLimitMinutes: s.serviceLimitMinutes,
    dailyCap: s.dailyCap,
    hours: s.hours,
    ...(s.guide ? { guide: s.guide } : {}),
    ...(s.department ? { department: s.department } : {}),
  }));
  const windows: Window[] = file.windows.map((w) => ({
    id: w.id,
    number: w.number,
    name: w.name ?? `${w.number}号窗口`,
    area: w.area,
    // Listed order is priority: without explicit weights, the first service weighs most.
    serves: w.services.map((s, i) =>
      typeof s === 'string' ? { serviceId: s, weight: w.services.length - i } : { serviceId: s.serviceId, weight: s.weight },
    ),
  }));
  const config: Config = {
    hall: file.hall,
    idHashKey: file.secrets.idHashKey,
    policy,
    services,
    windows,
    departments: file.departments ?? [],
    staff: file.staff,
    kiosks: file.kiosks,
    ratingPads: file.ratingPads,
    windowBuses: file.windowBuses,
    notices: file.notices,
    serviceCodes: Object.fromEntries(file.services.map((s) => [s.id, { ...(s.itemCode ? { itemCode: s.itemCode } : {}), ...(s.category ? { category: s.category } : {}) }])),
    ...(file.uplink ? { uplink: file.uplink } : {}),
    ...(file.province ? { province: file.province } : {}),
    http: httpSettings(file.http ?? {}),
    ...(file.tls ? { tls: file.tls } : {}),
    isDemo: options.isDemo ?? false,
  };
  return { ok: true, config: deepFreeze(config) };
}

/** Each grade's target is minutes or working days: both would be two deadlines, neither none. */
function faultResponseProblems(file: HallConfigFile): ConfigProblem[] {
  const targets: Readonly<Record<string, { minutes?: number; workingDays?: number }>> = file.policy?.faultResponse ?? {};
  return Object.entries(targets).flatMap(([grade, t]) =>
    (t.minutes === undefined) === (t.workingDays === undefined)
      ? [{ path: `/policy/faultResponse/${grade}`, message: `grade ${grade} needs its response target as minutes or as workingDays, one of the two (e.g. { minutes: 30 } or { workingDays: 1 })` }]
      : [],
  );
}

/**
 * The cross-checks (a window serving an unknown service, a prefix used twice …) run on a file with schema errors
 * too, so one `hallq check` lists every problem; a part too broken to check is left to its schema error.
 */
function crossCheckAnyway(file: HallConfigFile, hasSchemaErrors: boolean, earlierServices: NonNullable<LoadOptions['earlierServices']>): ConfigProblem[] {
  if (!hasSchemaErrors) return crossCheck(file, earlierServices);
  try {
    return crossCheck(file, earlierServices);
  } catch {
    return [];
  }
}

function crossCheck(file: HallConfigFile, earlierServices: NonNullable<LoadOptions['earlierServices']>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const duplicates = <T>(items: readonly T[], key: (t: T) => string | number, path: string, what: string): void => {
    problems.push(...duplicatesAmong(items, key, path, what));
  };
  duplicates(file.services, (s) => s.id, '/services', 'service id');
  duplicates(file.services, (s) => s.prefix, '/services', 'ticket prefix');
  duplicates(file.windows, (w) => w.id, '/windows', 'window id');
  duplicates(file.windows, (w) => w.number, '/windows', 'window number');
  duplicates(file.staff, (s) => s.username, '/staff', 'username');
  duplicates(file.kiosks, (k) => k.id, '/kiosks', 'kiosk id');
  // One token per kiosk: a shared token would make two kiosks indistinguishable to the hub.
  duplicates(file.kiosks, (k) => k.tokenHash, '/kiosks', 'kiosk tokenHash');
  duplicates(file.ratingPads, (p) => p.id, '/ratingPads', 'rating pad id');
  duplicates([...file.kiosks, ...file.ratingPads], (d) => d.tokenHash, '/devices', 'device tokenHash (kiosks and rating pads)');
  duplicates(file.windowBuses, (b) => b.id, '/windowBuses', 'window bus id');
  problems.push(...uplinkProblems(file));
  problems.push(...faultResponseProblems(file));
  problems.push(...provinceProblems(file));
  problems.push(...networkProblems(file));
  if (!isTimeZone(file.hall.timeZone)) problems.push({ path: '/hall/timeZone', message: `unknown time zone ${file.hall.timeZone} (e.g. Asia/Shanghai)` });
  const serviceIds = new Set(file.services.map((s) => s.id));
  const windowIds = new Set(file.windows.map((w) => w.id));
  file.services.forEach((s, i) => {
    if (s.rangeStart > s.rangeEnd) problems.push({ path: `/services/${i}/rangeStart`, message: `rangeStart ${s.rangeStart} is after rangeEnd ${s.rangeEnd}` });
    s.hours.forEach((h, j) => {
      if (parseHourMinute(h.from) >= parseHourMinute(h.to)) problems.push({ path: `/services/${i}/hours/${j}`, message: `opening ${h.from} is not before closing ${h.to}` });
    });
  });
  file.windows.forEach((w, i) => {
    w.services.forEach((s, j) => {
      const id = typeof s === 'string' ? s : s.serviceId;
      if (!serviceIds.has(id)) problems.push({ path: `/windows/${i}/services/${j}`, message: `unknown service ${id}` });
    });
  });
  problems.push(...departmentProblems(file, earlierServices));
  file.staff.forEach((s, i) => {
    if (!/^scrypt\$/.test(s.passwordHash)) problems.push({ path: `/staff/${i}/passwordHash`, message: 'not a scrypt hash: set passwords with `hallq staff passwd`' });
  });
  const ports = new Map<string, string>();
  const claimPort = (transport: { type: string; path?: string; host?: string; port?: number } | undefined, path: string): void => {
    if (!transport || transport.type === 'simulator') return;
    const key = transport.type === 'tcp' ? `tcp:${transport.host}:${transport.port}` : `${transport.type}:${transport.path}`;
    const first = ports.get(key);
    if (first) problems.push({ path, message: `${key} is also used at ${first}` });
    else ports.set(key, path);
  };
  file.ratingPads.forEach((p, i) => {
    if (!windowIds.has(p.windowId)) problems.push({ path: `/ratingPads/${i}/windowId`, message: `unknown window ${p.windowId}` });
  });
  file.kiosks.forEach((k, i) => {
    claimPort(k.printer, `/kiosks/${i}/printer`);
    claimPort(k.idReader, `/kiosks/${i}/idReader`);
  });
  file.windowBuses.forEach((b, i) => {
    claimPort(b.link, `/windowBuses/${i}/link`);
    // Two devices of one kind at one address would both answer the same poll on the bus.
    duplicates(b.devices, (d) => `${d.kind}@${d.address}`, `/windowBuses/${i}/devices`, 'device');
    duplicates(b.devices, (d) => d.id, `/windowBuses/${i}/devices`, 'device id');
    b.devices.forEach((d, j) => {
      if (!windowIds.has(d.windowId)) problems.push({ path: `/windowBuses/${i}/devices/${j}/windowId`, message: `unknown window ${d.windowId}` });
    });
  });
  return problems;
}

/** A service's department and a kiosk's subset must name what exists (with "did you mean" for a typo). */
function departmentProblems(file: HallConfigFile, earlierServices: NonNullable<LoadOptions['earlierServices']>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const departments = file.departments ?? [];
  problems.push(...duplicatesAmong(departments, (d) => d.id, '/departments', 'department id'));
  const departmentIds = departments.map((d) => d.id);
  const serviceIds = file.services.map((s) => s.id);
  const kioskServiceIds = [...new Set([...serviceIds, ...earlierServices.map((s) => s.id)])];
  const unknown = (id: string, known: readonly string[], what: string, path: string): void => {
    if (known.includes(id)) return;
    const guess = closest(id, known);
    // No ';' inside: the console splits a refusal into its problems at semicolons (manager-ui/layout-words.ts).
    problems.push({ path, message: `unknown ${what} ${id}${guess ? `, did you mean "${guess}"?` : ''}${known.length > 0 ? ` (known: ${known.join(', ')})` : ' (add it under departments:)'}` });
  };
  file.services.forEach((s, i) => {
    if (s.department !== undefined) unknown(s.department, departmentIds, 'department', `/services/${i}/department`);
  });
  file.kiosks.forEach((k, i) => {
    k.services?.forEach((id, j) => unknown(id, kioskServiceIds, 'service', `/kiosks/${i}/services/${j}`));
    k.departments?.forEach((id, j) => unknown(id, departmentIds, 'department', `/kiosks/${i}/departments/${j}`));
    // A kiosk whose subset matches nothing would stand there with an empty screen: moving the only 公安 service
    // to another department in the console, or deleting it, left the 公安 kiosk a blank start screen.
    const isLimited = k.services !== undefined || k.departments !== undefined;
    if (isLimited && !file.services.some((s) => isOffered(k, s))) {
      const serviceName = (id: string): string | undefined => (file.services.find((s) => s.id === id) ?? earlierServices.find((s) => s.id === id))?.name;
      const emptyKiosk: EmptyKioskDetail = {
        kiosk: k.id,
        ...(k.name ? { kioskName: k.name } : {}),
        offers: [
          ...(k.departments ?? []).map((id) => ({ kind: 'department' as const, id, name: departments.find((d) => d.id === id)?.name })),
          ...(k.services ?? []).map((id) => ({ kind: 'service' as const, id, name: serviceName(id) })),
        ].map(({ name, ...o }) => (name ? { ...o, name } : o)),
      };
      problems.push({ path: `/kiosks/${i}`, message: emptyKioskSentence(emptyKiosk), emptyKiosk });
    }
  });
  return problems;
}

/** "kiosk kiosk1 (一楼取号机) would offer no service: it offers only department police (公安服务)". */
function emptyKioskSentence(k: EmptyKioskDetail): string {
  const named = (what: string, id: string, name: string | undefined): string => `${what} ${id}${name ? ` (${name})` : ''}`;
  // No ';' inside: a layout refusal lists its problems separated by semicolons.
  return `${named('kiosk', k.kiosk, k.kioskName)} would offer no service: it offers only ${k.offers.map((o) => named(o.kind, o.id, o.name)).join(', ')}`;
}

/** An uplink needs a hall identity and exactly one token source; back-off bounds in order. */
function uplinkProblems(file: HallConfigFile): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (file.hall.parent !== undefined && file.hall.parent === file.hall.code) problems.push({ path: '/hall/parent', message: 'a hall cannot be its own parent' });
  const uplink = file.uplink;
  if (!uplink) return problems;
  if (!file.hall.code) problems.push({ path: '/hall/code', message: 'the uplink needs the hall code (行政区划代码 + number, e.g. 330106-001)' });
  if (!file.hall.level) problems.push({ path: '/hall/level', message: 'the uplink needs the hall level: district, town or village' });
  if ((uplink.token === undefined) === (uplink.tokenFile === undefined)) problems.push({ path: '/uplink', message: 'give the hall token as exactly one of tokenFile or token' });
  if ((uplink.certFile === undefined) !== (uplink.keyFile === undefined)) problems.push({ path: '/uplink', message: 'a client certificate needs both certFile and keyFile' });
  if (uplink.retryMinSeconds > uplink.retryMaxSeconds) problems.push({ path: '/uplink/retryMinSeconds', message: 'retryMinSeconds is above retryMaxSeconds' });
  return problems;
}

/** A province adapter needs exactly one secret source; every configured service must exist. */
function provinceProblems(file: HallConfigFile): ConfigProblem[] {
  const province = file.province;
  if (!province) return [];
  const problems: ConfigProblem[] = [];
  const adapter = province.adapter;
  if (adapter.type === 'http-json' && (adapter.appSecret === undefined) === (adapter.appSecretFile === undefined)) {
    problems.push({ path: '/province/adapter', message: 'give the signing secret as exactly one of appSecret or appSecretFile' });
  }
  // Through the city centre nothing personal may travel (docs/province.md): refuse rather than drop silently.
  if (adapter.type === 'city-centre') {
    if (!file.uplink) problems.push({ path: '/province/adapter', message: 'the city-centre adapter sends through the uplink: add an uplink: section (url and token)' });
    if ((province.fields as Partial<Record<string, string>>).raterName !== undefined) problems.push({ path: '/province/fields/raterName', message: 'the rater\'s name may not pass through the city centre: remove fields.raterName (or deliver with http-json)' });
    if (province.clerk === 'name') problems.push({ path: '/province/clerk', message: 'staff names may not pass through the city centre: use clerk: username (or deliver with http-json)' });
  }
  const serviceIds = new Set(file.services.map((s) => s.id));
  for (const id of Object.keys(province.services)) if (!serviceIds.has(id)) problems.push({ path: `/province/services/${id}`, message: `unknown service ${id}` });
  if (province.retryMinSeconds > province.retryMaxSeconds) problems.push({ path: '/province/retryMinSeconds', message: 'retryMinSeconds is above retryMaxSeconds' });
  if (!province.rules.oncePerVisit) problems.push({ path: '/province/rules/oncePerVisit', message: '一次一评 is the national rule: each visit is rated once; remove oncePerVisit or set it to true' });
  return problems;
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
