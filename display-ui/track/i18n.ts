/**
 * Texts of the visitor's phone page, zh-CN and en. The rating's words (levels, reasons, comment, 提交) are
 * the ones the rating pad uses too: server/protocol/rating-words.ts (no runtime import, so no TypeBox here).
 */
import type { Language } from '../../server/protocol/model';
import { RATING_WORDS, type RatingWords } from '../../server/protocol/rating-words';

/** What the hub says about a wait figure (ServiceView / TrackView); absent from an older hub. */
export interface WaitWords {
  readonly isUnstaffed?: boolean;
  readonly isGuess?: boolean;
}

export interface TrackTexts {
  readonly isEnglish: boolean;
  readonly title: string;
  readonly yourNumber: string;
  readonly ahead: string;
  readonly estimate: string;
  readonly waitingHint: string;
  readonly calledTitle: string;
  readonly calledHint: string;
  readonly doneTitle: string;
  readonly rateTitle: string;
  /** The visit was rated elsewhere (the pad, another tab) before this page's rating arrived. */
  readonly alreadyRated: string;
  readonly recordedRating: (level: string) => string;
  /** 快轮到您了: shown while the hub says the turn is near (policy.phoneNoticeAhead). */
  readonly nearTitle: string;
  nearText(ahead: number): string;
  /** 挂起: set aside at a window (e.g. a missing paper); it comes back to the queue by itself. */
  readonly parkedTitle: string;
  parkedHint(windowNumber: number | undefined): string;
  /** 过号: not at the window when called; what to do now, with the undo time when there is one. */
  readonly noShowTitle: string;
  noShowHint(undoMinutesLeft: number | undefined, windowNumber: number | undefined): string;
  readonly transferred: string;
  readonly cancelled: string;
  /** The hall's system does not answer (the hub is down or unreachable): not the visitor's fault. */
  readonly hubUnreachable: string;
  /** The phone itself has no network (navigator.onLine is false). */
  readonly phoneOffline: string;
  readonly invalid: string;
  readonly failed: string;
  readonly updated: string;
  people(n: number): string;
  /** The estimate: a time (「约」 only when a guess), 即将叫号, or that no window serving it is open. */
  minutes(n: number, w?: WaitWords): string;
  windowLabel(n: number): string;
  readonly rating: RatingWords;
}

const zh: TrackTexts = {
  isEnglish: false,
  title: '排队进度',
  yourNumber: '您的号码',
  ahead: '前面还有',
  estimate: '预计等候',
  waitingHint: '请留意大厅屏幕和语音叫号，本页会自动更新。',
  calledTitle: '请前往',
  calledHint: '已叫到您的号码，请尽快到窗口办理。',
  doneTitle: '业务已办结',
  rateTitle: '请对本次服务进行评价',
  alreadyRated: '本次服务已经评价过（例如在窗口的评价器上），您刚才的选择没有再提交。',
  recordedRating: (level) => `已记录的评价：${level}`,
  nearTitle: '快轮到您了',
  nearText: (n) => (n <= 0 ? '下一位就是您，请到叫号大厅留意屏幕和语音叫号。' : `前面还有 ${n} 人，请回到叫号大厅，留意屏幕和语音叫号。`),
  parkedTitle: '您的号码已暂时挂起',
  parkedHint: (w) => `请按工作人员的要求准备好材料，并留意叫号，工作人员会再次呼叫您${w === undefined ? '' : `到 ${w} 号窗口`}。`,
  noShowTitle: '您的号码已过号',
  noShowHint: (m, w) =>
    m === undefined
      ? '叫号时您不在窗口。如需继续办理，请到咨询台咨询或重新取号。'
      : `叫号时您不在窗口。如您仍在大厅，请在 ${m} 分钟内到${w === undefined ? '原窗口' : ` ${w} 号窗口`}，工作人员可为您恢复号码；超过时间请到咨询台咨询或重新取号。`,
  transferred: '您的业务已转到其他窗口或事项办理。如有疑问请咨询大厅工作人员。',
  cancelled: '本号已取消。如需办理，请重新取号。',
  hubUnreachable: '系统连接中断，正在重新连接…',
  phoneOffline: '您的手机未连接网络，连接后本页会自动更新。',
  invalid: '该链接无效，请核对小票上的二维码。',
  failed: '提交失败，请重试。',
  updated: '更新于',
  people: (n) => `${n} 人`,
  minutes: (n, w = {}) => (w.isUnstaffed === true ? '该业务窗口暂未开放，开放后按顺序叫号' : n <= 0 ? '即将叫号' : `${w.isGuess === false ? '' : '约 '}${n} 分钟`),
  windowLabel: (n) => `${n} 号窗口`,
  rating: RATING_WORDS['zh-CN'],
};

const en: TrackTexts = {
  isEnglish: true,
  title: 'Your place in the queue',
  yourNumber: 'Your number',
  ahead: 'People ahead',
  estimate: 'Estimated wait',
  waitingHint: 'Watch the hall screen and listen for your number. This page updates by itself.',
  calledTitle: 'Please go to',
  calledHint: 'Your number has been called. Please go to the window now.',
  doneTitle: 'Your visit is complete',
  rateTitle: 'How was our service?',
  alreadyRated: 'This visit had already been rated (for example on the pad at the window), so your choice was not sent.',
  recordedRating: (level) => `Recorded rating: ${level}`,
  nearTitle: 'Your turn is coming up',
  nearText: (n) => (n <= 0 ? 'You are next. Please be in the hall and watch the screen.' : `${n} ${n === 1 ? 'person is' : 'people are'} ahead of you. Please come back to the hall and watch the screen.`),
  parkedTitle: 'Your ticket is on hold',
  parkedHint: (w) => `Please get ready what the staff asked for and watch the screen: you will be called again${w === undefined ? '' : ` to window ${w}`}.`,
  noShowTitle: 'Your number was missed',
  noShowHint: (m, w) =>
    m === undefined
      ? 'You were not at the window when called. To continue, please ask at the information desk or take a new ticket.'
      : `You were not at the window when called. If you are in the hall, go to ${w === undefined ? 'the window' : `window ${w}`} within ${m} min and the staff can restore your number; after that, ask at the information desk or take a new ticket.`,
  transferred: 'Your visit was moved to another window or service. Please ask the hall staff if you need help.',
  cancelled: 'This ticket was cancelled. Take a new ticket to be served.',
  hubUnreachable: 'Lost connection to the hall system, reconnecting…',
  phoneOffline: 'Your phone is offline. This page updates once it is back online.',
  invalid: 'This link is not valid. Check the QR code on your ticket.',
  failed: 'Could not send. Please try again.',
  updated: 'Updated',
  people: (n) => String(n),
  minutes: (n, w = {}) => (w.isUnstaffed === true ? 'No window for this service is open yet; you will be called in turn once one opens' : n <= 0 ? 'any moment' : `${w.isGuess === false ? '' : 'about '}${n} min`),
  windowLabel: (n) => `Window ${n}`,
  rating: RATING_WORDS.en,
};

/**
 * The visitor's phone: ?lang= wins, then a Chinese or English phone's own language; undefined for any
 * other phone, which then gets the hall's language (hallLanguage).
 */
export function chosenTrackLanguage(search: string, browserLanguage: string): Language | undefined {
  const lang = (new URLSearchParams(search).get('lang') ?? browserLanguage).toLowerCase();
  if (lang.startsWith('en')) return 'en';
  if (lang.startsWith('zh')) return 'zh-CN';
  return undefined;
}

export function trackTexts(language: Language): TrackTexts {
  return language === 'en' ? en : zh;
}
