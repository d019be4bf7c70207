/** The rating pad's words. The five levels are the national 好差评 scale (国办发〔2019〕51号). */
import type { Language, RatingScore, RatingTag } from '../../server/protocol/model';

export interface PadWords {
  readonly title: string;
  readonly unknownWindow: (wanted: string) => string;
  readonly windowLabel: (n: number) => string;
  readonly idle: string;
  readonly question: (number: string) => string;
  readonly tagsQuestion: string;
  readonly submit: string;
  readonly thanks: string;
  readonly secondsLeft: (s: number) => string;
  readonly switchTo: string;
  readonly levels: Record<RatingScore, string>;
  readonly tags: Record<RatingTag, string>;
}

export const WORDS: Record<Language, PadWords> = {
  'zh-CN': {
    title: '服务评价',
    unknownWindow: (wanted) => `没有找到窗口“${wanted}”。请打开 /rate?window=窗口号。`,
    windowLabel: (n) => `${n}号窗口`,
    idle: '欢迎您，办结后请对本次服务进行评价',
    question: (number) => `${number} 号，请对本次服务进行评价`,
    tagsQuestion: '请选择不满意的原因（可多选）',
    submit: '提交评价',
    thanks: '感谢您的评价！',
    secondsLeft: (s) => `${s} 秒内有效`,
    switchTo: 'English',
    levels: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' },
    tags: {
      'slow': '办事效率低',
      'attitude': '服务态度差',
      'unclear-guidance': '告知不清楚',
      'repeated-visits': '多次跑腿',
      'long-wait': '等候时间长',
      'process': '流程繁琐',
      'other': '其他',
    },
  },
  en: {
    title: 'Rate our service',
    unknownWindow: (wanted) => `Unknown window "${wanted}". Open /rate?window=<number>.`,
    windowLabel: (n) => `Window ${n}`,
    idle: 'Welcome. Please rate our service when you are done.',
    question: (number) => `Ticket ${number}: how was our service?`,
    tagsQuestion: 'What went wrong? (choose any)',
    submit: 'Send rating',
    thanks: 'Thank you for your rating!',
    secondsLeft: (s) => `${s} s left`,
    switchTo: '中文',
    levels: { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fairly satisfied', 2: 'Dissatisfied', 1: 'Very dissatisfied' },
    tags: {
      'slow': 'Slow',
      'attitude': 'Attitude',
      'unclear-guidance': 'Unclear guidance',
      'repeated-visits': 'Had to come back',
      'long-wait': 'Long wait',
      'process': 'Complicated process',
      'other': 'Other',
    },
  },
};
