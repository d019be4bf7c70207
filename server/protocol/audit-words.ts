/**
 * An audit entry in words (「王芳 在 1号窗口 呼叫 A042」, 「值班主任 强制关闭 2号窗口」): one word table per
 * logged kind, in zh-CN and English, shared by the console's 操作日志 tab and the CSV/XLSX export. The
 * tables are typed by AUDIT_KINDS: a fact without words fails to compile, and test/unit/audit-words.test.ts
 * checks that no sentence shows a code. Browser-safe.
 */
import type { AuditEntry, AuditKind } from './audit';
import { CONSOLE_WORDS, deviceKindWord, deviceStateWords, type ConsoleWords, type DeviceStatus, type TicketUpdateReason } from './console-words';
import { RATING_WORDS } from './rating-words';
import { DEFAULT_GREEN_REASONS, greenReasonName } from './desk';
import type { Language, PauseReason, RatingScore, RatingTag, WindowState } from './model';
import type { AlertKind, AppealStatus, StaffAction } from './manager-model';
import { terminalKindWord } from './terminal-words';

export { STAFF_ACTIONS, type StaffAction } from './manager-model';
export type AdminArea = 'staff' | 'holidays' | 'settings' | 'backup' | 'appointments';

type Describe = (e: AuditEntry, w: ConsoleWords) => string;

export interface AuditWords {
  /** The kind as the search filter lists it. */
  readonly kinds: Readonly<Record<AuditKind, string>>;
  /** What happened, without the actor. */
  readonly what: Readonly<Record<AuditKind, Describe>>;
  readonly staffActions: Readonly<Record<StaffAction, string>>;
  readonly areas: Readonly<Record<AdminArea, string>>;
  readonly actor: (e: AuditEntry) => string;
  readonly columns: readonly string[];
}

const has = <K extends string>(table: Readonly<Record<K, string>>, code: string | undefined): code is K => code !== undefined && Object.hasOwn(table, code);
const pick = <K extends string>(table: Readonly<Record<K, string>>, code: string | undefined, otherwise: string): string => (has(table, code) ? table[code] : otherwise);

function windowOf(e: AuditEntry, w: ConsoleWords, lang: Language): string {
  if (e.windowNumber !== undefined) return w.window(e.windowNumber);
  return lang === 'en' ? 'a window' : '窗口';
}

const num = (e: AuditEntry): string => e.number ?? '';

function reasonsOf(e: AuditEntry, lang: Language): string {
  const tags = RATING_WORDS[lang].tags;
  const words = (e.tags ?? []).map((t) => pick<RatingTag>(tags, t, tags.other));
  if (words.length === 0) return '';
  return lang === 'en' ? ` (${words.join(', ')})` : `（${words.join('、')}）`;
}

function levelOf(e: AuditEntry, lang: Language): string {
  const score = e.value;
  return score !== undefined && score >= 1 && score <= 5 ? RATING_WORDS[lang].levels[score as RatingScore] : '';
}

const ZH_STAFF_ACTIONS: Record<StaffAction, string> = {
  'created': '新增人员账号', 'updated': '修改人员账号', 'renamed': '修改姓名', 'role-changed': '更改角色', 'disabled': '停用人员账号', 'enabled': '启用人员账号',
  'password-reset': '重置密码', 'unlocked': '解除登录锁定',
};
const EN_STAFF_ACTIONS: Record<StaffAction, string> = {
  'created': 'added the staff account', 'updated': 'changed the staff account', 'renamed': 'renamed', 'role-changed': 'changed the role of', 'disabled': 'disabled the account of',
  'enabled': 'enabled the account of', 'password-reset': 'reset the password of', 'unlocked': 'cleared the sign-in lock of',
};

function staffChange(e: AuditEntry, w: ConsoleWords, lang: Language): string {
  const actions = (e.tags ?? []).filter((a): a is StaffAction => has(lang === 'en' ? EN_STAFF_ACTIONS : ZH_STAFF_ACTIONS, a));
  const who = e.subjectName ?? e.subject ?? '';
  const table = lang === 'en' ? EN_STAFF_ACTIONS : ZH_STAFF_ACTIONS;
  const done = (actions.length > 0 ? actions : (['updated'] as const)).map((a) => table[a]);
  const role = e.detail2 && has(w.roles, e.detail2) ? w.roles[e.detail2] : undefined;
  if (lang === 'en') return `${done.join(', ')} ${who}${role ? ` (${role})` : ''}`;
  return `${done.join('、')} ${who}${role ? `（${role}）` : ''}`;
}

const ZH_AREAS: Record<AdminArea, string> = { staff: '修改人员账号', holidays: '修改节假日安排', settings: '修改管理参数', backup: '立即备份数据库', appointments: '修改预约' };
const EN_AREAS: Record<AdminArea, string> = { staff: 'changed staff accounts', holidays: 'changed the holiday calendar', settings: 'changed the settings', backup: 'backed up the database', appointments: 'changed appointments' };

function zhWhat(): Record<AuditKind, Describe> {
  const lang = 'zh-CN';
  return {
    'ticket:issued': (e) => `发放 ${num(e)} 号${e.detail === 'green' ? `（绿色通道${e.detail2 ? `：${greenReasonName(e.detail2, DEFAULT_GREEN_REASONS, 'zh-CN')}` : ''}）` : e.detail === 'appointment' ? '（预约）' : ''}`,
    'ticket:called': (e, w) => `在 ${windowOf(e, w, lang)} ${e.isRecall ? '重呼' : e.isChosen ? '指定叫号' : '呼叫'} ${num(e)}`,
    'ticket:updated': (e, w) => {
      const where = e.windowNumber !== undefined ? `在 ${windowOf(e, w, lang)} ` : '';
      const reason = e.detail as TicketUpdateReason | undefined;
      switch (reason) {
        case 'finished': return `${where}办结 ${num(e)}`;
        case 'no-show': return `${where}将 ${num(e)} 记为过号`;
        case 'no-show-undone': return `${where}撤销 ${num(e)} 的过号`;
        case 'parked': return `${where}挂起 ${num(e)}`;
        case 'returned': return `将 ${num(e)} 退回队列`;
        case 'transferred': return `${where}转移 ${num(e)}`;
        case 'cancelled': return `取消 ${num(e)}`;
        case 'day-closed': return `日终清号：${num(e)}`;
        case 'moved': return `将 ${num(e)} 改到其他窗口`;
        case 'released': return `强制关窗时将 ${num(e)} 退回队首`;
        case 'green-channel': return `将 ${num(e)} 改为绿色通道${e.detail2 ? `（${greenReasonName(e.detail2, DEFAULT_GREEN_REASONS, 'zh-CN')}）` : ''}`;
        default: return `更新 ${num(e)}`;
      }
    },
    'window:updated': (e, w) => {
      const win = windowOf(e, w, lang);
      const state = e.detail as WindowState | undefined;
      if (state === 'paused') return `暂停 ${win}（${pick<PauseReason>(w.pauseReasons, e.detail2, w.pauseReasons.other)}）`;
      if (state === 'closed') return `关闭 ${win}`;
      if (state === 'serving') return `${win} 开始办理${e.number ? ` ${e.number}` : ''}`;
      return `开启 ${win}`;
    },
    'window:released': (e, w) => `强制关闭 ${windowOf(e, w, lang)}${e.subject ? `，签退 ${e.subjectName ?? e.subject}` : ''}${e.number ? `，${e.number} 退回队首` : ''}`,
    'rating:recorded': (e) => `评价 ${num(e)}：${levelOf(e, lang)}${reasonsOf(e, lang)}`,
    'followup:updated': (e, w) => `更新 ${num(e)} 的差评回访（${e.detail === 'closed' ? '已办结' : '办理中'}${e.detail2 && e.detail2 !== 'none' ? `，${pick<AppealStatus>(w.appealStates, e.detail2, '')}` : ''}）`,
    'alert:raised': (e, w) => `电子监察告警：${pick<AlertKind>(w.alertKinds, e.detail, '告警')}${e.number ? `（${e.number}）` : e.windowNumber !== undefined ? `（${windowOf(e, w, lang)}）` : ''}`,
    'alert:cleared': (e, w) => `告警解除：${pick<AlertKind>(w.alertKinds, e.detail, '告警')}${e.number ? `（${e.number}）` : e.windowNumber !== undefined ? `（${windowOf(e, w, lang)}）` : ''}`,
    'alert:acknowledged': (e, w) => `确认处理告警：${pick<AlertKind>(w.alertKinds, e.detail, '告警')}${e.number ? `（${e.number}）` : e.windowNumber !== undefined ? `（${windowOf(e, w, lang)}）` : ''}`,
    'admin:changed': (e, w) => (e.detail === 'staff' && (e.subject || e.tags) ? staffChange(e, w, lang) : pick<AdminArea>(ZH_AREAS, e.detail, '修改配置')),
    'config:updated': (e) => `修改事项与窗口（${e.value ?? 0} 个事项）`,
    'notices:updated': (e) => `修改显示屏公告（${e.value ?? 0} 条）`,
    'province:case-attached': (e) => `为 ${num(e)} 关联办件编号${e.text ? ` ${e.text}` : ''}`,
    'province:record-corrected': () => '更正好差评上报记录并重新上报',
    'supervision:noted': () => '收到市中心督办意见',
    'device:changed': (e) => `${deviceKindWord(e.detail2 ?? '', lang)} ${e.subject ?? ''}：${deviceStateWords((e.detail ?? 'error') as DeviceStatus, e.text, lang)}`,
    'day:summary': (e) => `生成 ${e.detail ?? ''} 日终统计`,
    'day:rolled': (e) => `进入营业日 ${e.detail ?? ''}`,
    'terminal:reload-requested': (e) => `刷新终端页面：${terminalKindWord(e.detail ?? '', lang)} ${e.text ?? ''}`,
    'terminal:forgotten': (e) => `移除终端：${terminalKindWord(e.detail ?? '', lang)} ${e.text ?? ''}`,
  };
}

function enWhat(): Record<AuditKind, Describe> {
  const lang = 'en';
  const alert = (e: AuditEntry, w: ConsoleWords): string =>
    `${pick<AlertKind>(w.alertKinds, e.detail, 'alert')}${e.number ? ` (${e.number})` : e.windowNumber !== undefined ? ` (${windowOf(e, w, lang)})` : ''}`;
  return {
    'ticket:issued': (e) => `issued ${num(e)}${e.detail === 'green' ? ' (priority lane)' : e.detail === 'appointment' ? ' (appointment)' : ''}`,
    'ticket:called': (e, w) => `${e.isRecall ? 'recalled' : e.isChosen ? 'chose and called' : 'called'} ${num(e)} at ${windowOf(e, w, lang)}`,
    'ticket:updated': (e, w) => `${num(e)}: ${pick<TicketUpdateReason>(w.ticketReasons, e.detail, 'updated')}${e.windowNumber !== undefined ? ` at ${windowOf(e, w, lang)}` : ''}`,
    'window:updated': (e, w) => {
      const win = windowOf(e, w, lang);
      if (e.detail === 'paused') return `paused ${win} (${pick<PauseReason>(w.pauseReasons, e.detail2, w.pauseReasons.other)})`;
      if (e.detail === 'closed') return `closed ${win}`;
      if (e.detail === 'serving') return `${win} is serving${e.number ? ` ${e.number}` : ''}`;
      return `opened ${win}`;
    },
    'window:released': (e, w) => `released ${windowOf(e, w, lang)}${e.subject ? `, signing out ${e.subjectName ?? e.subject}` : ''}${e.number ? `; ${e.number} back to the front of the queue` : ''}`,
    'rating:recorded': (e) => `rated ${num(e)}: ${levelOf(e, lang)}${reasonsOf(e, lang)}`,
    'followup:updated': (e, w) => `updated the follow-up of ${num(e)} (${e.detail === 'closed' ? 'closed' : 'open'}${e.detail2 && e.detail2 !== 'none' ? `, ${pick<AppealStatus>(w.appealStates, e.detail2, '')}` : ''})`,
    'alert:raised': (e, w) => `alert raised: ${alert(e, w)}`,
    'alert:cleared': (e, w) => `alert cleared: ${alert(e, w)}`,
    'alert:acknowledged': (e, w) => `acknowledged the alert: ${alert(e, w)}`,
    'admin:changed': (e, w) => (e.detail === 'staff' && (e.subject || e.tags) ? staffChange(e, w, lang) : pick<AdminArea>(EN_AREAS, e.detail, 'changed the configuration')),
    'config:updated': (e) => `changed the services and windows (${e.value ?? 0} services)`,
    'notices:updated': (e) => `changed the display notices (${e.value ?? 0})`,
    'province:case-attached': (e) => `attached case number${e.text ? ` ${e.text}` : ''} to ${num(e)}`,
    'province:record-corrected': () => 'corrected a province rating record and queued it again',
    'supervision:noted': () => 'received a supervision note from the city centre',
    'device:changed': (e) => `${deviceKindWord(e.detail2 ?? '', lang)} ${e.subject ?? ''}: ${deviceStateWords((e.detail ?? 'error') as DeviceStatus, e.text, lang)}`,
    'day:summary': (e) => `wrote the closing figures of ${e.detail ?? ''}`,
    'day:rolled': (e) => `began business day ${e.detail ?? ''}`,
    'terminal:reload-requested': (e) => `asked a page to reload: ${terminalKindWord(e.detail ?? '', lang)} ${e.text ?? ''}`,
    'terminal:forgotten': (e) => `removed a terminal: ${terminalKindWord(e.detail ?? '', lang)} ${e.text ?? ''}`,
  };
}

function actorWords(lang: Language): (e: AuditEntry) => string {
  const roles = CONSOLE_WORDS[lang].roles;
  return (e) => {
    const a = e.actor;
    switch (a.kind) {
      case 'staff':
        return a.name ?? (a.role ? roles[a.role] : (a.id ?? ''));
      case 'kiosk':
        return lang === 'en' ? `Kiosk ${a.id ?? ''}` : `取号机 ${a.id ?? ''}`;
      case 'device':
        return lang === 'en' ? `Window device ${a.id ?? ''}` : `窗口设备 ${a.id ?? ''}`;
      case 'public':
        return lang === 'en' ? 'Visitor (phone)' : '办事群众（手机）';
      case 'system':
        return lang === 'en' ? 'System' : '系统';
    }
  };
}

export const AUDIT_WORDS: Readonly<Record<Language, AuditWords>> = {
  'zh-CN': {
    kinds: {
      'ticket:issued': '取号', 'ticket:called': '叫号', 'ticket:updated': '办结/过号/转移', 'window:updated': '窗口开关与暂停', 'window:released': '强制关窗',
      'rating:recorded': '好差评', 'followup:updated': '差评回访', 'alert:raised': '告警', 'alert:cleared': '告警解除', 'alert:acknowledged': '告警处理',
      'admin:changed': '人员与参数', 'config:updated': '事项与窗口', 'notices:updated': '公告', 'province:case-attached': '关联办件',
      'province:record-corrected': '上报更正', 'supervision:noted': '督办意见', 'device:changed': '设备状态', 'day:summary': '日终统计', 'day:rolled': '营业日',
      'terminal:reload-requested': '刷新终端页面', 'terminal:forgotten': '移除终端',
    },
    what: zhWhat(),
    staffActions: ZH_STAFF_ACTIONS,
    areas: ZH_AREAS,
    actor: actorWords('zh-CN'),
    columns: ['序号', '时间', '操作人', '角色', '类型', '窗口', '号码', '内容'],
  },
  en: {
    kinds: {
      'ticket:issued': 'Ticket issued', 'ticket:called': 'Call', 'ticket:updated': 'Finished / no-show / transfer', 'window:updated': 'Window open, pause, close',
      'window:released': 'Window released', 'rating:recorded': 'Rating', 'followup:updated': 'Follow-up', 'alert:raised': 'Alert', 'alert:cleared': 'Alert cleared',
      'alert:acknowledged': 'Alert acknowledged', 'admin:changed': 'Staff and settings', 'config:updated': 'Services and windows', 'notices:updated': 'Notices',
      'province:case-attached': 'Case attached', 'province:record-corrected': 'Record corrected', 'supervision:noted': 'Supervision note', 'device:changed': 'Device state',
      'day:summary': 'Day figures', 'day:rolled': 'Business day', 'terminal:reload-requested': 'Page reload', 'terminal:forgotten': 'Terminal removed',
    },
    what: enWhat(),
    staffActions: EN_STAFF_ACTIONS,
    areas: EN_AREAS,
    actor: actorWords('en'),
    columns: ['No.', 'Time', 'By', 'Role', 'Kind', 'Window', 'Ticket', 'What'],
  },
};

/** 「王芳 在 1号窗口 呼叫 A042」. */
export function auditSentence(e: AuditEntry, lang: Language): string {
  const words = AUDIT_WORDS[lang];
  return `${words.actor(e)} ${words.what[e.kind](e, CONSOLE_WORDS[lang])}`;
}

/** What happened, without the actor (the console shows who in its own column). */
export function auditWhat(e: AuditEntry, lang: Language): string {
  return AUDIT_WORDS[lang].what[e.kind](e, CONSOLE_WORDS[lang]);
}
