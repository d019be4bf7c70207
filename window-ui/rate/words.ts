/**
 * The rating pad's own words. The rating's words (the five national levels, the reasons, the comment box,
 * 提交) are shared with the phone page: server/protocol/rating-words.ts.
 */
import type { Language } from '../../server/protocol/model';
import { RATING_WORDS, type RatingWords } from '../../server/protocol/rating-words';

export interface PadWords {
  readonly title: string;
  readonly unknownWindow: (wanted: string) => string;
  readonly windowLabel: (n: number) => string;
  readonly idle: string;
  readonly question: (number: string) => string;
  readonly secondsLeft: (s: number) => string;
  /** The switch's label names the language it switches to, in that language. */
  readonly switchTo: string;
  readonly rating: RatingWords;
}

export const WORDS: Record<Language, PadWords> = {
  'zh-CN': {
    title: '服务评价',
    unknownWindow: (wanted) => `没有找到窗口“${wanted}”。请打开 /rate?window=窗口号。`,
    windowLabel: (n) => `${n}号窗口`,
    idle: '欢迎您，办结后请对本次服务进行评价',
    question: (number) => `${number} 号，请对本次服务进行评价`,
    secondsLeft: (s) => `${s} 秒内有效`,
    switchTo: 'English',
    rating: RATING_WORDS['zh-CN'],
  },
  en: {
    title: 'Rate our service',
    unknownWindow: (wanted) => `Unknown window "${wanted}". Open /rate?window=<number>.`,
    windowLabel: (n) => `Window ${n}`,
    idle: 'Welcome. Please rate our service when you are done.',
    question: (number) => `Ticket ${number}: how was our service?`,
    secondsLeft: (s) => `${s} s left`,
    switchTo: '中文',
    rating: RATING_WORDS.en,
  },
};
