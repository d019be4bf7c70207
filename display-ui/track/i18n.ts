/** Texts of the visitor's phone page, zh-CN and en. */
import type { Language, RatingScore, RatingTag } from '../../server/protocol/model';

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
  readonly reasonsTitle: string;
  readonly submit: string;
  readonly sending: string;
  readonly thanks: string;
  readonly closed: string;
  readonly offline: string;
  readonly invalid: string;
  readonly failed: string;
  readonly updated: string;
  people(n: number): string;
  minutes(n: number): string;
  windowLabel(n: number): string;
  levels: Readonly<Record<RatingScore, string>>;
  tags: Readonly<Record<RatingTag, string>>;
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
  reasonsTitle: '请选择不满意的原因（可多选）',
  submit: '提交评价',
  sending: '正在提交…',
  thanks: '感谢您的评价！',
  closed: '本号已结束。如有疑问请咨询大厅工作人员。',
  offline: '网络不佳，正在重试…',
  invalid: '该链接无效，请核对小票上的二维码。',
  failed: '提交失败，请重试。',
  updated: '更新于',
  people: (n) => `${n} 人`,
  minutes: (n) => (n <= 0 ? '即将叫号' : `约 ${n} 分钟`),
  windowLabel: (n) => `${n} 号窗口`,
  levels: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' },
  tags: {
    'slow': '办理慢',
    'attitude': '服务态度',
    'unclear-guidance': '指引不清',
    'repeated-visits': '多次跑动',
    'long-wait': '等候时间长',
    'process': '流程繁琐',
    'other': '其他',
  },
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
  reasonsTitle: 'What went wrong? (choose any)',
  submit: 'Send rating',
  sending: 'Sending…',
  thanks: 'Thank you for your feedback!',
  closed: 'This ticket has ended. Please ask the hall staff if you need help.',
  offline: 'Poor connection, retrying…',
  invalid: 'This link is not valid. Check the QR code on your ticket.',
  failed: 'Could not send. Please try again.',
  updated: 'Updated',
  people: (n) => String(n),
  minutes: (n) => (n <= 0 ? 'any moment' : `about ${n} min`),
  windowLabel: (n) => `Window ${n}`,
  levels: { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fair', 2: 'Dissatisfied', 1: 'Very dissatisfied' },
  tags: {
    'slow': 'Slow service',
    'attitude': 'Staff attitude',
    'unclear-guidance': 'Unclear guidance',
    'repeated-visits': 'Had to come back',
    'long-wait': 'Long wait',
    'process': 'Complicated process',
    'other': 'Other',
  },
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
