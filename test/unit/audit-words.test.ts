/**
 * Every audited kind has words (issue 19 item 4): each kind, with every code its entry can carry (why a ticket
 * changed, window states, pause reasons, alert kinds, appeal states, rating reasons, device kinds and faults,
 * staff actions, admin areas), reads in zh-CN without a single code, and in English too.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_KINDS, type AuditEntry, type AuditKind } from '../../server/protocol/audit';
import { AUDIT_WORDS, auditSentence, STAFF_ACTIONS } from '../../server/protocol/audit-words';
import { CONSOLE_WORDS, deviceStateWords } from '../../server/protocol/console-words';
import { ALERT_KINDS, APPEAL_STATUSES } from '../../server/protocol/manager-model';
import { PAUSE_REASONS, RATING_TAGS, WINDOW_STATES } from '../../server/protocol/model';

const REASONS = ['finished', 'no-show', 'no-show-undone', 'green-channel', 'parked', 'returned', 'transferred', 'cancelled', 'day-closed', 'moved', 'released'];
const DEVICE_KINDS = Object.keys(CONSOLE_WORDS['zh-CN'].deviceKinds);
const DEVICE_CODES = Object.keys(CONSOLE_WORDS['zh-CN'].deviceCodes);

/** Codes a zh-CN sentence must never show. Ids the hall chose itself (A042, window numbers) are not codes. */
const CODES = [
  ...AUDIT_KINDS, ...REASONS, ...WINDOW_STATES, ...PAUSE_REASONS, ...ALERT_KINDS, ...APPEAL_STATUSES, ...RATING_TAGS, ...STAFF_ACTIONS,
  ...DEVICE_KINDS, ...DEVICE_CODES, 'online', 'offline', 'error', 'clerk', 'manager', 'admin', 'staff', 'holidays', 'settings', 'backup',
  'appointments', 'system', 'kiosk', 'device', 'public', 'green', 'appointment', 'normal', 'undefined', 'NaN', 'null', 'open', 'closed',
];

const base = (kind: AuditKind, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 1, at: 0, kind, actor: { kind: 'staff', id: 'clerk1', name: '王芳', role: 'clerk' }, windowId: 'w1', windowNumber: 1, number: 'A042', ...extra,
});

/** Every entry the projection (server/app/audit-log.ts) can produce, one per code. */
function samples(): AuditEntry[] {
  const all: AuditEntry[] = [];
  for (const kind of AUDIT_KINDS) all.push(base(kind));
  for (const detail of ['normal', 'green', 'appointment']) all.push(base('ticket:issued', { detail, actor: { kind: 'kiosk', id: 'K1' } }));
  for (const flags of [{ isRecall: true }, { isChosen: true }]) all.push(base('ticket:called', flags));
  for (const detail of REASONS) all.push(base('ticket:updated', { detail }), base('ticket:updated', { detail, windowNumber: undefined, actor: { kind: 'system' } }));
  for (const detail of WINDOW_STATES) for (const detail2 of PAUSE_REASONS) all.push(base('window:updated', { detail, detail2 }));
  all.push(base('window:released', { subject: 'clerk1', subjectName: '王芳', actor: { kind: 'staff', id: 'mgr', role: 'manager' } }));
  for (const value of [1, 2, 3, 4, 5]) all.push(base('rating:recorded', { value, tags: [...RATING_TAGS], actor: { kind: 'public' } }));
  all.push(base('rating:recorded', { value: 2, tags: ['slow'], actor: { kind: 'device', id: 'K9' } }));
  for (const detail of ['open', 'closed']) for (const detail2 of APPEAL_STATUSES) all.push(base('followup:updated', { detail, detail2 }));
  for (const kind of ['alert:raised', 'alert:cleared', 'alert:acknowledged'] as const) {
    for (const detail of ALERT_KINDS) all.push(base(kind, { detail }), base(kind, { detail, number: undefined }));
  }
  for (const detail of ['staff', 'holidays', 'settings', 'backup', 'appointments']) all.push(base('admin:changed', { detail }));
  for (const action of STAFF_ACTIONS) for (const role of ['clerk', 'manager', 'admin']) {
    all.push(base('admin:changed', { detail: 'staff', subject: 'clerk9', subjectName: '李明', detail2: role, tags: [action] }));
  }
  for (const detail2 of DEVICE_KINDS) for (const detail of ['online', 'offline', 'error']) for (const text of [undefined, ...DEVICE_CODES]) {
    all.push(base('device:changed', { subject: 'P1', detail, detail2, text, actor: { kind: 'system' } }));
  }
  all.push(base('device:changed', { subject: 'X1', detail: 'error', detail2: 'new-kind', text: 'new-code' }));
  all.push(base('province:case-attached', { text: '330106202611270001' }), base('day:summary', { detail: '2026-11-27' }), base('day:rolled', { detail: '2026-11-27' }));
  return all;
}

describe('audit words', () => {
  it('has a name and words for every logged kind, in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const kind of AUDIT_KINDS) {
        expect(AUDIT_WORDS[lang].kinds[kind], `${lang} ${kind}`).toMatch(/\S/);
        expect(AUDIT_WORDS[lang].what[kind], `${lang} ${kind}`).toBeTypeOf('function');
      }
    }
  });

  it('never shows a code on the zh-CN page', () => {
    for (const entry of samples()) {
      const sentence = auditSentence(entry, 'zh-CN');
      expect(sentence.trim().length, JSON.stringify(entry)).toBeGreaterThan(2);
      for (const code of CODES) expect(sentence, `${code} in 「${sentence}」 (${JSON.stringify(entry)})`).not.toMatch(new RegExp(`(^|[^A-Za-z-])${code}($|[^A-Za-z-])`));
    }
  });

  it('reads as the hall says it', () => {
    expect(auditSentence(base('ticket:called'), 'zh-CN')).toBe('王芳 在 1号窗口 呼叫 A042');
    expect(auditSentence(base('window:released', { windowNumber: 2, number: undefined, actor: { kind: 'staff', id: 'mgr', name: '值班主任', role: 'manager' } }), 'zh-CN')).toBe('值班主任 强制关闭 2号窗口');
    expect(auditSentence(base('rating:recorded', { value: 2, tags: ['attitude', 'long-wait'], actor: { kind: 'public' } }), 'zh-CN')).toBe('办事群众（手机） 评价 A042：不满意（服务态度差、等候时间长）');
    expect(auditSentence(base('window:updated', { detail: 'paused', detail2: 'meeting' }), 'en')).toBe('王芳 paused Window 1 (Meeting)');
    expect(deviceStateWords('error', 'paper-out', 'zh-CN')).toBe('故障（缺纸）');
  });
});
