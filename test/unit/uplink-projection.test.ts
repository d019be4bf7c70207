/**
 * What leaves the hall (issue 16, "What leaves the hall is defined and tested"): every fact type, with
 * personal data planted in the personal fields, in extra keys at every level, as the whole value of an
 * identifier and inside free text, is projected; the JSON that would cross the link contains none of it,
 * and only the key paths listed here (written independently of the projection's own allow-list).
 *
 * A visitor's track token can reach the projection only under its own key (legacy log rows) or inside
 * text: TicketView cannot hold it elsewhere (protocol/model.ts). It is planted there, not as an id.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { projectForUplink, scrubText, UPLINK_FACTS } from '../../server/domain/uplink-projection';

const STAFF_NAMES = ['王芳', '李伟', '欧阳娜娜', 'Wang Fang', 'LiuZhuren'];
const ctx = { staffNames: new Set(STAFF_NAMES) };

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const phone = fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), digits(9)).map(([a, b]) => `1${a}${b}`);
const idNumber = fc.tuple(digits(17), fc.constantFrom('0', '7', 'X')).map(([a, b]) => a + b);
const maskedId = idNumber.map((id) => `${id.slice(0, 6)}********${id.slice(-4)}`);
const maskedName = fc.tuple(fc.constantFrom('张', '李', '欧阳', '司马'), fc.constantFrom('*', '**')).map(([a, b]) => a + b);
const personHash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const trackToken = fc.uint8Array({ minLength: 18, maxLength: 18 }).map((b) => Buffer.from(b).toString('base64url'));
const scrypt = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => `scrypt$32768$8$1$${Buffer.from(b).toString('base64')}$${Buffer.from(b).reverse().toString('base64')}`);
const email = fc.tuple(fc.constantFrom('zhang.san', 'visitor88'), fc.constantFrom('example.cn', 'qq.com')).map(([a, b]) => `${a}@${b}`);
const staffName = fc.constantFrom(...STAFF_NAMES);

/** Personal values that are wrong in any identifier field. */
const personalAsId = fc.oneof(phone, idNumber, maskedId, maskedName, personHash, scrypt, email, staffName);
/** Everything personal, for personal fields, extra keys and free text. */
const personal = fc.oneof(personalAsId, trackToken);

const uuid = fc.uuid();
const configId = fc.constantFrom('A', 'B', 'w1', 'w5', 'kiosk1-printer');
const username = fc.constantFrom('clerk1', 'clerk2', 'manager');
const ticketNumber = fc.integer({ min: 1, max: 999 }).map((n) => `A${String(n).padStart(3, '0')}`);
const at = fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 });

const ticket = fc.record({
  id: uuid, number: ticketNumber, serviceId: configId, day: fc.constant('2026-11-27'), status: fc.constantFrom('waiting', 'called', 'done'),
  priority: fc.constantFrom('normal', 'green'), arrivedAt: at, issuedAt: at, windowId: configId, staffId: username, callCount: fc.nat(5),
  waitingAhead: fc.nat(50), estimatedWaitMinutes: fc.nat(90), closeReason: fc.constantFrom('no-show', 'transferred'),
  // Personal, or typed by staff about the visit: never leave.
  note: personal, personMasked: maskedId, nameMasked: maskedName, trackToken, personHash, priorityReason: fc.constant('pregnant'),
});
const windowView = fc.record({
  id: configId, number: fc.integer({ min: 1, max: 99 }), name: fc.constant('1号窗口 综合受理'), services: fc.array(configId, { maxLength: 3 }),
  weights: fc.array(fc.record({ serviceId: configId, weight: fc.integer({ min: 1, max: 5 }) }), { maxLength: 2 }),
  state: fc.constantFrom('open', 'paused', 'serving'), since: at, isAutoCall: fc.boolean(),
  current: fc.record({ ticketId: uuid, number: ticketNumber, serviceId: configId, calledAt: at }),
  pauseNote: personal, clerkName: staffName, staffName,
});
const call = fc.record({ seq: fc.nat(), ticketId: uuid, number: ticketNumber, serviceId: configId, windowId: configId, windowNumber: fc.nat(99), isRecall: fc.boolean(), callCount: fc.nat(3), at });
const rating = fc.record({
  id: uuid, ticketId: uuid, number: ticketNumber, serviceId: configId, windowId: configId, staffId: username, score: fc.integer({ min: 1, max: 5 }),
  tags: fc.subarray(['slow', 'attitude', 'long-wait']), channel: fc.constantFrom('pad', 'phone'), finishedAt: at, ratedAt: at,
  comment: personal, trackToken,
});
const alert = fc.record({
  id: uuid, kind: fc.constantFrom('wait-overdue', 'device-offline'), subjectId: uuid, subject: ticketNumber, windowId: configId, since: at, raisedAt: at,
  acknowledgedBy: username, note: personal,
});
const followup = fc.record({
  id: uuid, ratingId: uuid, ticketId: uuid, number: ticketNumber, serviceId: configId, windowId: configId, assignee: username, score: fc.integer({ min: 1, max: 2 }),
  tags: fc.constant(['attitude']), comment: fc.constant('等了很久'), ratedAt: at, dueAt: at, status: fc.constantFrom('open', 'closed'), isOverdue: fc.boolean(),
  callbackAt: at, callbackNote: personal, remedyNote: personal, feedbackNote: personal, appealStatus: fc.constant('pending'), appealReason: personal,
  appealBy: username, appealDecisionNote: personal,
});
const figures = { issued: fc.nat(99), served: fc.nat(99), noShows: fc.nat(9), transferred: fc.nat(9), cancelled: fc.nat(9), ratings: fc.nat(99), satisfied: fc.nat(99), bad: fc.nat(9), waitP50Seconds: fc.nat(9999) };

const FACTS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'ticket:issued': fc.record({ ticket }),
  'ticket:called': fc.record({ call, ticket, isChosen: fc.boolean() }),
  'ticket:updated': fc.record({ ticket, reason: fc.constantFrom('finished', 'transferred') }),
  'window:updated': fc.record({ window: windowView }),
  'window:released': fc.record({ windowId: configId, windowNumber: fc.nat(99), by: username, clerk: username, ticketId: uuid, number: ticketNumber, byName: staffName }),
  'rating:recorded': fc.record({ rating }),
  'notices:updated': fc.record({ notices: fc.array(personal, { minLength: 1 }) }),
  'day:rolled': fc.record({ day: fc.constant('2026-11-28') }),
  'day:summary': fc.record({
    summary: fc.record({
      day: fc.constant('2026-11-27'), totals: fc.record(figures), services: fc.array(fc.record({ serviceId: configId, ...figures }), { maxLength: 2 }),
      windows: fc.array(fc.record({ windowId: configId, ...figures }), { maxLength: 2 }), clerks: fc.array(fc.record({ staffId: username, ...figures, name: staffName }), { maxLength: 2 }),
    }),
  }),
  'config:updated': fc.record({
    services: fc.array(fc.record({ id: configId, name: fc.constant('综合受理'), prefix: fc.constant('A'), waiting: fc.nat(9), waitLimitMinutes: fc.nat(60), hours: fc.constant([{ from: '08:30', to: '12:00' }]) }), { maxLength: 2 }),
    windows: fc.array(windowView, { maxLength: 2 }),
  }),
  'alert:raised': fc.record({ alert }),
  'alert:cleared': fc.record({ alert }),
  'alert:acknowledged': fc.record({ alert }),
  'followup:updated': fc.record({ followup }),
  'admin:changed': fc.record({ area: fc.constantFrom('staff', 'settings'), summary: personal }),
  'device:changed': fc.record({ device: fc.record({ id: fc.constant('kiosk1-printer'), kind: fc.constant('printer'), status: fc.constantFrom('online', 'error'), code: fc.constant('paper-out'), since: at, reason: personal, owner: fc.constant('kiosk1') }) }),
  'supervision:noted': fc.record({ note: fc.record({ id: uuid, followupId: uuid, text: personal, by: fc.constant('supervisor'), at }) }),
};

const TICKET = ['id', 'number', 'serviceId', 'day', 'status', 'priority', 'arrivedAt', 'issuedAt', 'dueAt', 'windowId', 'staffId', 'targetWindowId', 'calledAt', 'firstCalledAt', 'callCount', 'finishedAt', 'parkedUntil', 'closeReason', 'waitingAhead', 'estimatedWaitMinutes'];
const WINDOW = ['id', 'number', 'name', 'area', 'services[]', 'weights[].serviceId', 'weights[].weight', 'state', 'pauseReason', 'since', 'isAutoCall', 'current.ticketId', 'current.number', 'current.serviceId', 'current.calledAt'];
const ALERT = ['id', 'kind', 'subjectId', 'subject', 'serviceId', 'windowId', 'limitMinutes', 'since', 'raisedAt', 'clearedAt', 'acknowledgedAt', 'acknowledgedBy'];
const FIGURES = ['issued', 'served', 'noShows', 'transferred', 'cancelled', 'waitP50Seconds', 'waitP90Seconds', 'serviceP50Seconds', 'serviceP90Seconds', 'ratings', 'satisfied', 'bad'];
const prefix = (p: string, keys: readonly string[]) => keys.map((k) => `${p}.${k}`);

/** The key paths allowed to leave, by fact type; a fact type absent here must not leave at all. */
const ALLOWED: Record<string, readonly string[]> = {
  'ticket:issued': prefix('ticket', TICKET),
  'ticket:called': [...prefix('call', ['seq', 'ticketId', 'number', 'serviceId', 'windowId', 'windowNumber', 'isRecall', 'callCount', 'at']), ...prefix('ticket', TICKET), 'isChosen'],
  'ticket:updated': [...prefix('ticket', TICKET), 'reason'],
  'window:updated': prefix('window', WINDOW),
  'window:released': ['windowId', 'windowNumber', 'by', 'clerk', 'ticketId', 'number'],
  'rating:recorded': prefix('rating', ['id', 'ticketId', 'number', 'serviceId', 'windowId', 'staffId', 'score', 'tags[]', 'channel', 'finishedAt', 'ratedAt']),
  'day:rolled': ['day'],
  'day:summary': ['summary.day', ...prefix('summary.totals', FIGURES), ...prefix('summary.services[]', ['serviceId', ...FIGURES]), ...prefix('summary.windows[]', ['windowId', ...FIGURES]), ...prefix('summary.clerks[]', ['staffId', ...FIGURES])],
  'config:updated': [
    ...prefix('services[]', ['id', 'name', 'nameEn', 'prefix', 'waiting', 'estimatedWaitMinutes', 'isAvailable', 'issuedToday', 'dailyCap', 'hours[].from', 'hours[].to', 'waitLimitMinutes', 'serviceLimitMinutes']),
    ...prefix('windows[]', WINDOW),
  ],
  'alert:raised': prefix('alert', ALERT),
  'alert:cleared': prefix('alert', ALERT),
  'alert:acknowledged': prefix('alert', ALERT),
  'followup:updated': prefix('followup', [
    'id', 'ratingId', 'ticketId', 'number', 'serviceId', 'windowId', 'assignee', 'score', 'tags[]', 'comment', 'ratedAt', 'dueAt', 'status', 'isOverdue',
    'callbackAt', 'remedyAt', 'feedbackAt', 'closedAt', 'appealStatus', 'appealBy', 'appealAt', 'appealDecidedBy', 'appealDecidedAt',
  ]),
  'admin:changed': ['area'],
  'device:changed': prefix('device', ['id', 'kind', 'status', 'code', 'since', 'owner']),
};

function keyPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, `${path}[]`));
  if (typeof value !== 'object' || value === null) return path ? [path] : [];
  return Object.entries(value).flatMap(([k, v]) => keyPaths(v, path ? `${path}.${k}` : k));
}

/** Every object inside a payload, to plant extra keys in, and every string leaf with its parent, to overwrite. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  return [object, ...Object.values(object).flatMap(objectsIn)];
}
function stringSlots(value: unknown): { holder: Record<string, unknown> | unknown[]; key: string | number }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => (typeof v === 'string' ? [{ holder: value, key: i }] : stringSlots(v)));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [{ holder: value as Record<string, unknown>, key: k }] : stringSlots(v)));
}

/** Fields whose text may leave (scrubbed); elsewhere a planted value replaces an identifier whole. */
const TEXT_FIELDS = new Set(['name', 'nameEn', 'area', 'subject', 'comment']);

const plantings = fc.record({
  extras: fc.array(fc.tuple(fc.nat(), fc.constantFrom('idNumber', 'phone', 'name', 'trackToken', 'passwordHash', 'personHash', 'x-extra'), personal), { maxLength: 6 }),
  overwrites: fc.array(fc.tuple(fc.nat(), personalAsId, personal), { maxLength: 4 }),
});

describe('uplink projection', () => {
  it('has an independent allow-list for every fact type it lets out, and only those', () => {
    expect(Object.keys(UPLINK_FACTS).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  for (const [type, payload] of Object.entries(FACTS)) {
    it(`lets nothing personal out of ${type}`, () => {
      fc.assert(
        fc.property(payload, plantings, at, (legit, plant, when) => {
          const data = structuredClone(legit);
          const planted = new Set<string>();
          // Whatever the generator put in personal fields counts as planted too.
          const personalKeys = ['note', 'personMasked', 'nameMasked', 'trackToken', 'personHash', 'pauseNote', 'clerkName', 'staffName', 'byName', 'callbackNote', 'remedyNote', 'feedbackNote', 'appealReason', 'appealDecisionNote', 'summary', 'reason', 'text', 'notices', 'priorityReason'];
          for (const object of objectsIn(data)) {
            for (const key of personalKeys) {
              const v = object[key];
              if (typeof v === 'string' && !/^(finished|transferred|pregnant)$/.test(v) && v.length > 2) planted.add(v);
              if (Array.isArray(v)) for (const s of v) if (typeof s === 'string') planted.add(s);
            }
            if (type === 'rating:recorded' && typeof object.comment === 'string') planted.add(object.comment);
          }
          const objects = objectsIn(data);
          for (const [i, key, value] of plant.extras) {
            const target = objects[i % objects.length];
            if (target) {
              target[key] = value;
              planted.add(value);
            }
          }
          const slots = stringSlots(data);
          for (const [i, asId, inText] of plant.overwrites) {
            const slot = slots[i % Math.max(1, slots.length)];
            if (!slot) continue;
            const isText = typeof slot.key === 'string' && TEXT_FIELDS.has(slot.key);
            const value = isText ? `请联系${inText}，谢谢` : asId;
            (slot.holder as Record<string | number, unknown>)[slot.key] = value;
            planted.add(isText ? inText : asId);
          }
          const out = projectForUplink({ seq: 7, at: when, type, data }, ctx);
          if (!ALLOWED[type]) {
            expect(out).toBeUndefined();
            return;
          }
          expect(out).toBeDefined();
          const json = JSON.stringify(out);
          for (const p of planted) expect(json, `planted ${p}`).not.toContain(p);
          const allowed = new Set(ALLOWED[type]);
          for (const path of keyPaths(out?.data)) expect(allowed.has(path), `${type}: ${path}`).toBe(true);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('keeps what is meant to leave', () => {
    const data = {
      ticket: { id: '0197f3a2-5b1c-7d2e-8f3a-1234567890ab', number: 'A012', serviceId: 'A', day: '2026-11-27', status: 'done', priority: 'green', issuedAt: 1, arrivedAt: 1, callCount: 1, staffId: 'clerk1', waitingAhead: 0, estimatedWaitMinutes: 3, note: '带了户口本', personMasked: '330106********1234' },
      reason: 'finished',
    };
    expect(projectForUplink({ seq: 3, at: 9, type: 'ticket:updated', data }, ctx)).toEqual({
      seq: 3, at: 9, type: 'ticket:updated',
      data: { ticket: { id: data.ticket.id, number: 'A012', serviceId: 'A', day: '2026-11-27', status: 'done', priority: 'green', issuedAt: 1, arrivedAt: 1, callCount: 1, staffId: 'clerk1', waitingAhead: 0, estimatedWaitMinutes: 3 }, reason: 'finished' },
    });
    expect(projectForUplink({ seq: 4, at: 9, type: 'admin:changed', data: { area: 'staff', summary: 'added 王芳 (clerk3)' } }, ctx)?.data).toEqual({ area: 'staff' });
  });

  it('cuts numbers, masks, tokens and staff names out of free text and keeps the words', () => {
    const text = scrubText('王芳态度好，张*先生说电话13812345678，身份证330106199001011234，邮箱a.b@qq.com，A012号', ctx);
    expect(text).toContain('态度好');
    expect(text).toContain('A012');
    for (const gone of ['王芳', '张*', '13812345678', '330106199001011234', 'a.b@qq.com']) expect(text).not.toContain(gone);
  });
});
