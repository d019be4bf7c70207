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
  readonly closed: string;
  readonly offline: string;
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
  closed: '本号已结束。如有疑问请咨询大厅工作人员。',
  offline: '网络不佳，正在重试…',
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
  closed: 'This ticket has ended. Please ask the hall staff if you need help.',
  offline: 'Poor connection, retrying…',
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
