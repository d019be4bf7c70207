/** Screen texts of the wall display, zh-CN and en. Numbers, services and windows only: no personal data. */
import type { Language } from '../../server/protocol/model';

/** What the hub says about a wait figure (ServiceView / TrackView); absent from an older hub. */
export interface WaitWords {
  readonly isUnstaffed?: boolean;
  readonly isGuess?: boolean;
}

export interface DisplayTexts {
  readonly title: string;
  readonly nowCalling: string;
  readonly recentCalls: string;
  readonly idle: string;
  readonly number: string;
  readonly window: string;
  readonly service: string;
  readonly waiting: string;
  readonly estimate: string;
  readonly noCalls: string;
  readonly recall: string;
  readonly reconnecting: string;
  readonly soundBlocked: string;
  readonly muted: string;
  readonly loading: string;
  windowLabel(n: number): string;
  people(n: number): string;
  /** The estimate column: a time (「约」 only when a guess), or that no window serving it is open. */
  minutes(n: number, w?: WaitWords): string;
  callLine(number: string, window: number): string;
}

const zh: DisplayTexts = {
  title: '叫号显示',
  nowCalling: '正在呼叫',
  recentCalls: '最近呼叫',
  idle: '请留意屏幕与语音叫号',
  number: '号码',
  window: '窗口',
  service: '业务',
  waiting: '等候',
  estimate: '预计等候',
  noCalls: '暂无呼叫',
  recall: '再次呼叫',
  reconnecting: '正在重新连接…',
  soundBlocked: '点击屏幕开启语音',
  muted: '静音',
  loading: '正在连接…',
  windowLabel: (n) => `${n} 号窗口`,
  people: (n) => `${n} 人`,
  minutes: (n, w = {}) => (w.isUnstaffed === true ? '暂未开放' : n <= 0 ? '—' : `${w.isGuess === false ? '' : '约 '}${n} 分钟`),
  callLine: (number, window) => `请 ${number} 号到 ${window} 号窗口办理`,
};

const en: DisplayTexts = {
  title: 'Calling display',
  nowCalling: 'Now calling',
  recentCalls: 'Recent calls',
  idle: 'Please watch the screen and listen for your number',
  number: 'Number',
  window: 'Window',
  service: 'Service',
  waiting: 'Waiting',
  estimate: 'Est. wait',
  noCalls: 'No calls yet',
  recall: 'Calling again',
  reconnecting: 'Reconnecting…',
  soundBlocked: 'Tap the screen to enable sound',
  muted: 'Muted',
  loading: 'Connecting…',
  windowLabel: (n) => `Window ${n}`,
  people: (n) => String(n),
  minutes: (n, w = {}) => (w.isUnstaffed === true ? 'Not open yet' : n <= 0 ? '—' : `${w.isGuess === false ? '' : '~'}${n} min`),
  callLine: (number, window) => `Number ${number}, please go to window ${window}`,
};

export function displayTexts(language: Language): DisplayTexts {
  return language === 'en' ? en : zh;
}
