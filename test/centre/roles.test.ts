/**
 * Every route of the centre against every caller: no session, a hall's token, and each console role
 * (city-admin, city-supervisor, hall-viewer on its own hall and on another). The table is checked to cover
 * every route the protocol lists, so a new route cannot be added without saying who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/pg';
import { DISTRICT, PASSWORD, TOWN, VILLAGE, call, hallToken, postBatch, signInAs, startTestCentre, USERS, type Answer } from './support/centre';
import { HallSim } from './support/hall-sim';
import type { RunningCentre } from '../../server/centre/compose';
import { CENTRE_LIVE_PATH, centreRoutes, uplinkRoutes, type HallsGlanceReply, type SupervisionReply } from '../../server/protocol/centre';

type Caller = 'none' | 'hall' | 'admin' | 'supervisor' | 'viewer';
const CALLERS: readonly Caller[] = ['none', 'hall', 'admin', 'supervisor', 'viewer'];

let db: TestDatabase;
let centre: RunningCentre;
const tokens = new Map<Caller, string | undefined>();
const followups = { town: '', village: '' };

interface Case {
  readonly method: string;
  readonly path: string;
  readonly send: (caller: Caller) => Promise<Answer>;
  /** Expected status per caller, and optionally what the answer must show that caller. */
  readonly expect: Record<Caller, number>;
  readonly check?: (caller: Caller, answer: Answer) => void;
}

const as = (caller: Caller, method: string, path: string, body?: unknown): Promise<Answer> => call(centre, method, path, { token: tokens.get(caller), body });
const SESSION_REQUIRED = { none: 401, hall: 401 } as const;

/** A session just for the sign-out case, so the matrix's own sessions stay valid. */
async function freshToken(caller: Caller): Promise<string | undefined> {
  if (caller === 'none') return undefined;
  if (caller === 'hall') return hallToken(TOWN);
  return signInAs(centre, USERS[caller]);
}

const CASES: Record<string, Case> = {
  signIn: {
    method: 'POST', path: centreRoutes.signIn.path,
    send: (c) => as(c, 'POST', centreRoutes.signIn.path, { username: USERS.supervisor, password: PASSWORD }),
    expect: { none: 201, hall: 201, admin: 201, supervisor: 201, viewer: 201 },
  },
  whoAmI: {
    method: 'GET', path: centreRoutes.whoAmI.path, send: (c) => as(c, 'GET', centreRoutes.whoAmI.path),
    expect: { ...SESSION_REQUIRED, admin: 200, supervisor: 200, viewer: 200 },
    check: (c, a) => {
      if (a.status === 200) expect((a.body as { user: { username: string } }).user.username).toBe(USERS[c as 'admin']);
    },
  },
  signOut: {
    method: 'DELETE', path: centreRoutes.signOut.path,
    send: async (c) => {
      const token = await freshToken(c);
      const answer = await call(centre, 'DELETE', centreRoutes.signOut.path, { token });
      if (answer.status === 204) expect((await call(centre, 'GET', centreRoutes.whoAmI.path, { token })).status).toBe(401);
      return answer;
    },
    expect: { ...SESSION_REQUIRED, admin: 204, supervisor: 204, viewer: 204 },
  },
  halls: {
    method: 'GET', path: centreRoutes.halls.path, send: (c) => as(c, 'GET', centreRoutes.halls.path),
    expect: { ...SESSION_REQUIRED, admin: 200, supervisor: 200, viewer: 200 },
    check: (c, a) => {
      if (a.status !== 200) return;
      const codes = (a.body as HallsGlanceReply).levels.flatMap((l) => l.halls.map((h) => h.code));
      expect(codes).toEqual(c === 'viewer' ? [TOWN] : [DISTRICT, TOWN, '330106-102', VILLAGE]);
    },
  },
  hallOwn: {
    method: 'GET', path: centreRoutes.hall.path, send: (c) => as(c, 'GET', `/api/centre/halls/${TOWN}`),
    expect: { ...SESSION_REQUIRED, admin: 200, supervisor: 200, viewer: 200 },
  },
  hallOther: {
    method: 'GET', path: centreRoutes.hall.path, send: (c) => as(c, 'GET', `/api/centre/halls/${VILLAGE}`),
    expect: { ...SESSION_REQUIRED, admin: 200, supervisor: 200, viewer: 403 },
  },
  supervision: {
    method: 'GET', path: centreRoutes.supervision.path, send: (c) => as(c, 'GET', centreRoutes.supervision.path),
    expect: { ...SESSION_REQUIRED, admin: 200, supervisor: 200, viewer: 200 },
    check: (c, a) => {
      if (a.status !== 200) return;
      const halls = (a.body as SupervisionReply).items.map((i) => i.hallCode).sort();
      expect(halls).toEqual(c === 'viewer' ? [TOWN] : [TOWN, VILLAGE]);
    },
  },
  addNoteOwn: {
    method: 'POST', path: centreRoutes.addNote.path, send: (c) => as(c, 'POST', `/api/centre/halls/${TOWN}/followups/${followups.town}/notes`, { text: `note by ${c}` }),
    expect: { ...SESSION_REQUIRED, admin: 201, supervisor: 201, viewer: 403 },
  },
  addNoteOther: {
    method: 'POST', path: centreRoutes.addNote.path, send: (c) => as(c, 'POST', `/api/centre/halls/${VILLAGE}/followups/${followups.village}/notes`, { text: `note by ${c}` }),
    expect: { ...SESSION_REQUIRED, admin: 201, supervisor: 201, viewer: 403 },
  },
  health: {
    method: 'GET', path: centreRoutes.health.path, send: (c) => as(c, 'GET', centreRoutes.health.path),
    expect: { none: 200, hall: 200, admin: 200, supervisor: 200, viewer: 200 },
  },
  live: {
    method: 'GET', path: CENTRE_LIVE_PATH,
    send: async (c) => {
      const abort = new AbortController();
      const token = tokens.get(c);
      const response = await fetch(centre.url + CENTRE_LIVE_PATH, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: abort.signal });
      const answer: Answer = { status: response.status, body: response.status === 200 ? 'stream' : await response.json(), headers: response.headers };
      abort.abort();
      return answer;
    },
    expect: { ...SESSION_REQUIRED, admin: 200, supervisor: 200, viewer: 200 },
  },
  uplinkBatch: {
    method: 'POST', path: uplinkRoutes.batches.path,
    send: (c) => {
      const hall = new HallSim(TOWN, { parent: DISTRICT, generation: `gen-matrix-${c}` });
      hall.issue('A');
      return postBatch(centre, hall.batch(1), tokens.get(c) ?? '');
    },
    expect: { none: 401, hall: 200, admin: 401, supervisor: 401, viewer: 401 },
  },
  uplinkCursor: {
    method: 'GET', path: uplinkRoutes.cursor.path, send: (c) => as(c, 'GET', `${uplinkRoutes.cursor.path}?generation=gen-${TOWN}-1`),
    expect: { none: 401, hall: 200, admin: 401, supervisor: 401, viewer: 401 },
  },
  // This centre has no province: section, so the hall (the one caller let through) is told so: 422.
  uplinkProvinceRecords: {
    method: 'POST', path: uplinkRoutes.provinceRecords.path,
    send: (c) => as(c, 'POST', uplinkRoutes.provinceRecords.path, { protocol: 1, hallCode: TOWN, records: [{ id: `matrix-${c}.1.0`, intent: 'deliver', record: { assessId: `matrix-${c}.1.0`, satisfaction: 5 } }] }),
    expect: { none: 401, hall: 422, admin: 401, supervisor: 401, viewer: 401 },
  },
};

beforeAll(async () => {
  db = await createTestDatabase();
  centre = await startTestCentre(db.url);
  const town = new HallSim(TOWN, { parent: DISTRICT });
  const village = new HallSim(VILLAGE, { level: 'village', parent: TOWN });
  for (const [hall, key] of [[town, 'town'], [village, 'village']] as const) {
    const t = hall.issue('A');
    hall.call(t);
    hall.finish(t);
    followups[key] = hall.followup(t, Date.now() + 86_400_000);
    expect((await postBatch(centre, hall.batch(1))).status).toBe(200);
  }
  tokens.set('none', undefined);
  tokens.set('hall', hallToken(TOWN));
  for (const role of ['admin', 'supervisor', 'viewer'] as const) tokens.set(role, await signInAs(centre, USERS[role]));
});
afterAll(async () => {
  await centre?.close();
  await db?.drop();
});

describe('the role matrix', () => {
  it('covers every route the protocol lists', () => {
    const listed = [...Object.values(centreRoutes), ...Object.values(uplinkRoutes)].map((r) => `${r.method} ${r.path}`);
    listed.push(`GET ${CENTRE_LIVE_PATH}`);
    const covered = new Set(Object.values(CASES).map((c) => `${c.method} ${c.path}`));
    expect(listed.filter((r) => !covered.has(r))).toEqual([]);
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.method} ${c.path}`, async () => {
      for (const caller of CALLERS) {
        const answer = await c.send(caller);
        expect(answer.status, `${caller} → ${JSON.stringify(answer.body)}`).toBe(c.expect[caller]);
        if (answer.status >= 400) expect(answer.body, caller).toMatchObject({ error: expect.any(String), message: expect.any(String) });
        c.check?.(caller, answer);
      }
    });
  }
});
