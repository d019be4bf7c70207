/**
 * The words of the codes a staff page shows (roles, window states, pause reasons, device kinds and states,
 * alert kinds, appeal states, why a ticket left the queue), in zh-CN and English: one table per code list,
 * shared by the manager console, the audit log (audit-words.ts) and the hall's exports, so a Chinese page
 * or file never shows `clerk`, `online` or `attitude`. Each table is typed by its code list: a new code
 * that nobody named fails to compile. Browser-safe, type-only imports.
 */
import type { Language, PauseReason, Priority, RatingChannel, StaffRole, TicketStatus, WindowState } from './model';
import type { AlertKind, AppealStatus } from './manager-model';
import type { FactPayloads } from './events';

/** Why a ticket left the queue or changed hands ('ticket:updated'): a new reason without words fails to compile. */
export type TicketUpdateReason = FactPayloads['ticket:updated']['reason'];
/** The device states of DeviceHealthView. */
export type DeviceStatus = 'online' | 'offline' | 'error';

export interface ConsoleWords {
  readonly roles: Readonly<Record<StaffRole, string>>;
  readonly windowStates: Readonly<Record<WindowState, string>>;
  readonly pauseReasons: Readonly<Record<PauseReason, string>>;
  readonly ticketStatuses: Readonly<Record<TicketStatus, string>>;
  readonly ticketReasons: Readonly<Record<TicketUpdateReason, string>>;
  readonly alertKinds: Readonly<Record<AlertKind, string>>;
  readonly appealStates: Readonly<Record<AppealStatus, string>>;
  readonly ratingChannels: Readonly<Record<RatingChannel, string>>;
  readonly priorities: Readonly<Record<Priority, string>>;
  /** Why a ticket's segment was closed (tickets.close_reason); an unknown reason reads as itself. */
  readonly closeReasons: Readonly<Record<string, string>>;
  readonly deviceStatuses: Readonly<Record<DeviceStatus, string>>;
  /** Device kinds a hub reports; an unknown kind (a newer driver) reads as `otherDevice`. */
  readonly deviceKinds: Readonly<Record<string, string>>;
  /** Device fault codes (drivers' DeviceHealth.code); an unknown code reads as `otherFault`. */
  readonly deviceCodes: Readonly<Record<string, string>>;
  readonly otherDevice: string;
  readonly otherFault: string;
  /** 「1号窗口」 / "Window 1". */
  readonly window: (n: number) => string;
}

export const CONSOLE_WORDS: Readonly<Record<Language, ConsoleWords>> = {
  'zh-CN': {
    roles: { clerk: '窗口人员', manager: '值班主任', admin: '管理员' },
    windowStates: { closed: '关闭', open: '空闲', paused: '暂停', serving: '办理中' },
    pauseReasons: { break: '休息', meeting: '开会', consulting: '咨询/请示', paperwork: '整理材料', system: '系统故障', other: '其他' },
    ticketStatuses: { waiting: '等候中', called: '已叫号', parked: '挂起', done: '已办结', 'no-show': '过号', transferred: '已转移', cancelled: '已取消' },
    ticketReasons: {
      'finished': '办结', 'no-show': '过号', 'no-show-undone': '撤销过号', 'parked': '挂起', 'returned': '回到队列', 'transferred': '转移', 'cancelled': '取消',
      'day-closed': '日终清号', 'moved': '改到其他窗口', 'released': '强制关窗时退回队首', 'green-channel': '改为绿色通道',
    },
    alertKinds: {
      'wait-overdue': '等候超时', 'service-overdue': '办理超时', 'pause-overdue': '暂停超时', 'device-offline': '设备离线', 'paper-out': '打印机缺纸',
      'clock-step': '系统时钟跳变', 'followup-overdue': '差评整改逾期', 'storage-fault': '服务器磁盘无法写入',
      'terminal-dark': '终端离线', 'kiosks-dark': '全部取号机离线（无法取号）', 'terminal-fault': '终端故障',
    },
    appealStates: { none: '未申诉', pending: '申诉待复核', accepted: '申诉成立', rejected: '申诉驳回' },
    ratingChannels: { keypad: '窗口评价器', pad: '评价平板', phone: '手机', system: '系统默认评价' },
    priorities: { normal: '普通', green: '绿色通道', appointment: '预约' },
    closeReasons: { 'no-show': '过号', 'recall-limit': '多次呼叫未到', 'transferred': '转移', 'window-released': '强制关窗退回', 'day-closed': '日终清号', 'cancelled': '取消' },
    deviceStatuses: { online: '正常', offline: '离线', error: '故障' },
    deviceKinds: {
      'printer': '打印机', 'id-reader': '身份证读卡器', 'keypad': '评价器', 'led-strip': '窗口条屏', 'caller': '呼叫器', 'storage': '服务器磁盘',
      'pad': '评价平板', 'display': '大厅显示屏', 'kiosk': '取号机', 'kiosk-page': '取号机页面', 'window-page': '窗口电脑', 'clerk-pc': '窗口电脑',
    },
    deviceCodes: {
      'paper-out': '缺纸', 'paper-near-end': '纸将用完', 'cover-open': '机盖打开', 'offline': '未连接', 'no-answer': '无应答', 'port-missing': '串口不存在',
      'not-started': '未启动', 'starting': '启动中', 'error': '故障', 'no-serial-support': '本机不支持串口', 'unsupported': '不支持的设备',
      'unknown-address': '地址未配置', 'full': '磁盘已满', 'io': '磁盘读写故障', 'readonly': '磁盘只读', 'cantopen': '数据库无法打开',
    },
    otherDevice: '其他设备',
    otherFault: '故障',
    window: (n) => `${n}号窗口`,
  },
  en: {
    roles: { clerk: 'Clerk', manager: 'Manager', admin: 'Admin' },
    windowStates: { closed: 'Closed', open: 'Idle', paused: 'Paused', serving: 'Serving' },
    pauseReasons: { break: 'Break', meeting: 'Meeting', consulting: 'Consulting', paperwork: 'Paperwork', system: 'System problem', other: 'Other' },
    ticketStatuses: { waiting: 'Waiting', called: 'Called', parked: 'Parked', done: 'Done', 'no-show': 'No-show', transferred: 'Transferred', cancelled: 'Cancelled' },
    ticketReasons: {
      'finished': 'finished', 'no-show': 'no-show', 'no-show-undone': 'no-show undone', 'parked': 'parked', 'returned': 'returned to the queue', 'transferred': 'transferred', 'cancelled': 'cancelled',
      'day-closed': 'closed at day end', 'moved': 'moved to another window', 'released': 'sent back when the window was released', 'green-channel': 'moved to the green channel',
    },
    alertKinds: {
      'wait-overdue': 'Wait overdue', 'service-overdue': 'Service overdue', 'pause-overdue': 'Paused too long', 'device-offline': 'Device offline', 'paper-out': 'Printer out of paper',
      'clock-step': 'System clock stepped', 'followup-overdue': 'Follow-up overdue', 'storage-fault': 'Hub disk cannot be written',
      'terminal-dark': 'Terminal dark', 'kiosks-dark': 'Every kiosk dark (no tickets)', 'terminal-fault': 'Terminal fault',
    },
    appealStates: { none: 'No appeal', pending: 'Appeal pending', accepted: 'Appeal accepted', rejected: 'Appeal rejected' },
    ratingChannels: { keypad: 'Window keypad', pad: 'Rating tablet', phone: 'Phone', system: 'Default (unrated)' },
    priorities: { normal: 'Normal', green: 'Green channel', appointment: 'Appointment' },
    closeReasons: { 'no-show': 'no-show', 'recall-limit': 'recall limit reached', 'transferred': 'transferred', 'window-released': 'sent back when the window was released', 'day-closed': 'closed at day end', 'cancelled': 'cancelled' },
    deviceStatuses: { online: 'OK', offline: 'Offline', error: 'Fault' },
    deviceKinds: {
      'printer': 'Printer', 'id-reader': 'ID card reader', 'keypad': 'Rating keypad', 'led-strip': 'Window strip', 'caller': 'Caller', 'storage': 'Hub disk',
      'pad': 'Rating tablet', 'display': 'Wall display', 'kiosk': 'Kiosk', 'kiosk-page': 'Kiosk page', 'window-page': 'Clerk PC', 'clerk-pc': 'Clerk PC',
    },
    deviceCodes: {
      'paper-out': 'out of paper', 'paper-near-end': 'paper low', 'cover-open': 'cover open', 'offline': 'not connected', 'no-answer': 'no answer', 'port-missing': 'serial port missing',
      'not-started': 'not started', 'starting': 'starting', 'error': 'fault', 'no-serial-support': 'no serial support here', 'unsupported': 'unsupported device',
      'unknown-address': 'address not configured', 'full': 'disk full', 'io': 'disk I/O error', 'readonly': 'disk read-only', 'cantopen': 'database cannot be opened',
    },
    otherDevice: 'Other device',
    otherFault: 'fault',
    window: (n) => `Window ${n}`,
  },
};

/** A device kind in words; an unknown kind is "other device", never the code. */
export function deviceKindWord(kind: string, lang: Language): string {
  const w = CONSOLE_WORDS[lang];
  return Object.hasOwn(w.deviceKinds, kind) ? (w.deviceKinds[kind] ?? w.otherDevice) : w.otherDevice;
}

/** A device's state with its fault in words: 「故障（缺纸）」. */
export function deviceStateWords(status: DeviceStatus, code: string | undefined, lang: Language): string {
  const w = CONSOLE_WORDS[lang];
  const state = w.deviceStatuses[status];
  if (status === 'online' || code === undefined || code === status) return state;
  const fault = Object.hasOwn(w.deviceCodes, code) ? (w.deviceCodes[code] ?? w.otherFault) : w.otherFault;
  return lang === 'en' ? `${state} (${fault})` : `${state}（${fault}）`;
}
