/**
 * The city centre's configuration: pure `loadCentreConfig(input)` → a frozen CentreConfig, or every problem
 * at once with where it is. Only main.ts reads the file and the environment. Example: docs/centre.md.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { HallCode, HallLevel } from '../protocol/uplink';
import { CentreRole } from '../protocol/centre';
import { CentreReportsSettings } from './config-reports';
import { ProvinceHttpJsonAdapter } from '../config-schema';
import { duplicatesAmong } from '../config-problems';

const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256 hex of the hall token (`hallq central hall-token`)' });
const PasswordHash = Type.String({ pattern: '^scrypt\\$\\d+\\$\\d+\\$\\d+\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$', description: '`hallq central password-hash`' });

export const CentreHallEntry = Type.Object(
  {
    code: HallCode,
    name: Type.String({ minLength: 1, maxLength: 60 }),
    level: HallLevel,
    parent: Type.Optional(HallCode),
    tokenHash: Sha256Hex,
    /** Overrides limits.batchesPerMinutePerHall for this hall (a big hall draining a long backlog). */
    batchesPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

export const CentreUserEntry = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    role: CentreRole,
    passwordHash: PasswordHash,
    /** Required for `hall-viewer` (the one hall it sees), refused for the city roles. */
    hallCode: Type.Optional(HallCode),
  },
  { additionalProperties: false },
);

/**
 * Forwarding the halls' 好差评 records to the provincial platform (docs/province.md, hall adapter
 * `city-centre`): one integration for the whole city, with the hall's own http-json adapter and signature.
 */
export const CentreProvinceConfig = Type.Object(
  {
    adapter: ProvinceHttpJsonAdapter,
    batchSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    retryMinSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 600, default: 2 }),
    retryMaxSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 86400, default: 1800 }),
    /** How often a deliverer looks for due records when nothing woke it (records another process took in). */
    pollSeconds: Type.Number({ minimum: 0.01, maximum: 600, default: 5 }),
  },
  { additionalProperties: false },
);
export type CentreProvinceSettings = Static<typeof CentreProvinceConfig>;

export const CentreConfigFile = Type.Object(
  {
    database: Type.Object(
      {
        /** postgres://user:password@host:5432/db (or env HALLQ_CENTRE_DATABASE_URL, which wins). */
        url: Type.String({ pattern: '^postgres(ql)?://' }),
        /** Connections for the halls' batches (and reports). */
        poolSize: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
        /**
         * Connections of their own for the console (sessions, grid, hall view), so a burst of batches never
         * queues it; default 4. 0 shares the batches' pool, as does poolSize 1 (a one-session database such
         * as the embedded demo, where a second connection would interleave with a batch's transaction).
         */
        consolePoolSize: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
      },
      { additionalProperties: false },
    ),
    listen: Type.Object(
      { host: Type.String({ minLength: 1, default: '0.0.0.0' }), port: Type.Integer({ minimum: 0, maximum: 65535, default: 8090 }) },
      { additionalProperties: false, default: {} },
    ),
    sessionHours: Type.Number({ minimum: 0.1, maximum: 24 * 30, default: 12 }),
    limits: Type.Object(
      {
        batchesPerMinutePerHall: Type.Integer({ minimum: 1, maximum: 100_000, default: 600 }),
        signInsPerMinute: Type.Integer({ minimum: 1, maximum: 100_000, default: 20 }),
      },
      { additionalProperties: false, default: {} },
    ),
    link: Type.Object(
      { offlineAfterSeconds: Type.Integer({ minimum: 10, maximum: 86_400, default: 300 }) },
      { additionalProperties: false, default: {} },
    ),
    reports: Type.Optional(CentreReportsSettings),
    province: Type.Optional(CentreProvinceConfig),
    halls: Type.Array(CentreHallEntry, { maxItems: 5000 }),
    users: Type.Array(CentreUserEntry, { maxItems: 5000 }),
  },
  { additionalProperties: false },
);
export type CentreConfigFile = Static<typeof CentreConfigFile>;
export type CentreHall = Static<typeof CentreHallEntry>;
export type CentreUser = Static<typeof CentreUserEntry>;

export interface CentreConfig {
  /** `consolePoolSize` 0: the console shares the batches' pool. */
  readonly database: { readonly url: string; readonly poolSize: number; readonly consolePoolSize: number };
  readonly listen: { readonly host: string; readonly port: number };
  readonly sessionHours: number;
  readonly limits: { readonly batchesPerMinutePerHall: number; readonly signInsPerMinute: number };
  readonly link: { readonly offlineAfterSeconds: number };
  /** Filled with defaults by loadCentreConfig; optional so a Config literal in a test may leave it out. */
  readonly reports?: CentreReportsSettings;
  /** Absent: the centre forwards no 好差评 records (a hall's city-centre adapter is told so). */
  readonly province?: Readonly<CentreProvinceSettings>;
  readonly halls: readonly Readonly<CentreHall>[];
  readonly users: readonly Readonly<CentreUser>[];
}

export interface CentreConfigProblem {
  readonly path: string;
  readonly message: string;
}
export type CentreConfigResult = { ok: true; config: CentreConfig } | { ok: false; problems: CentreConfigProblem[] };

export function loadCentreConfig(input: unknown): CentreConfigResult {
  const withDefaults = Value.Default(CentreConfigFile, structuredClone(input ?? {}));
  const problems: CentreConfigProblem[] = [...Value.Errors(CentreConfigFile, withDefaults)].map((e) => ({ path: e.path || '/', message: e.message }));
  if (problems.length > 0) return { ok: false, problems };
  const file = withDefaults as CentreConfigFile;
  problems.push(...crossCheck(file));
  if (problems.length > 0) return { ok: false, problems };
  const consolePoolSize = file.database.poolSize === 1 ? 0 : (file.database.consolePoolSize ?? 4);
  return { ok: true, config: deepFreeze({ ...file, database: { ...file.database, consolePoolSize } }) as CentreConfig };
}

function crossCheck(file: CentreConfigFile): CentreConfigProblem[] {
  const problems: CentreConfigProblem[] = [];
  const unique = <T>(items: readonly T[], key: (t: T) => string, path: string, what: string): void => {
    problems.push(...duplicatesAmong(items, key, path, what));
  };
  unique(file.halls, (h) => h.code, '/halls', 'hall code');
  // One token per hall: a shared token would let one hall write as the other.
  unique(file.halls, (h) => h.tokenHash, '/halls', 'tokenHash');
  unique(file.users, (u) => u.username, '/users', 'username');
  const province = file.province;
  if (province && (province.adapter.appSecret === undefined) === (province.adapter.appSecretFile === undefined)) {
    problems.push({ path: '/province/adapter', message: 'give the signing secret as exactly one of appSecret or appSecretFile' });
  }
  if (province && province.retryMinSeconds > province.retryMaxSeconds) problems.push({ path: '/province/retryMinSeconds', message: 'retryMinSeconds is above retryMaxSeconds' });
  const byCode = new Map(file.halls.map((h) => [h.code, h]));
  file.halls.forEach((h, i) => {
    if (h.parent === undefined) return;
    if (h.parent === h.code) problems.push({ path: `/halls/${i}/parent`, message: `hall ${h.code} cannot be its own parent` });
    else if (!byCode.has(h.parent)) problems.push({ path: `/halls/${i}/parent`, message: `parent ${h.parent} is not a hall of this registry` });
    else if (hasCycle(h.code, byCode)) problems.push({ path: `/halls/${i}/parent`, message: `the parents of ${h.code} form a loop` });
  });
  file.users.forEach((u, i) => {
    if (u.role === 'hall-viewer' && u.hallCode === undefined) problems.push({ path: `/users/${i}/hallCode`, message: `${u.username} is a hall-viewer: say which hall (hallCode)` });
    if (u.role !== 'hall-viewer' && u.hallCode !== undefined) problems.push({ path: `/users/${i}/hallCode`, message: `${u.username} is ${u.role} and sees every hall: remove hallCode (or make it a hall-viewer)` });
    if (u.hallCode !== undefined && !byCode.has(u.hallCode)) problems.push({ path: `/users/${i}/hallCode`, message: `hall ${u.hallCode} is not in the registry` });
  });
  return problems;
}

function hasCycle(start: string, byCode: ReadonlyMap<string, { parent?: string }>): boolean {
  const seen = new Set<string>([start]);
  let at = byCode.get(start)?.parent;
  while (at !== undefined) {
    if (seen.has(at)) return true;
    seen.add(at);
    at = byCode.get(at)?.parent;
  }
  return false;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
