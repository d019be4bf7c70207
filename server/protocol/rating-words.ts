/**
 * The words of a 好差评 rating as a visitor sees them, once for every page that asks for one (the rating
 * pad at the window, the phone page): the five national levels (国办发〔2019〕51号), the hall's reason
 * tags for a 差评 and the form's prompts, in zh-CN and English. Type-only imports on purpose: the phone
 * page must not pull TypeBox into its few kilobytes, and this module has no runtime dependency at all.
 */
import type { Language, RatingScore, RatingTag } from './model';

/** The five levels, best first, as the pages lay them out (the same order as model.ts RATING_LEVELS). */
export const RATING_LEVEL_CHOICES: readonly RatingScore[] = [5, 4, 3, 2, 1];

/**
 * The reasons offered with a 差评, in the order the pages show them. It must list every RatingTag of
 * model.ts (RATING_TAGS): the type below fails to compile when the hall's list gains a tag not offered here.
 */
export const RATING_TAG_CHOICES = ['slow', 'attitude', 'unclear-guidance', 'repeated-visits', 'long-wait', 'process', 'other'] as const satisfies readonly RatingTag[];
type MissingTag = Exclude<RatingTag, (typeof RATING_TAG_CHOICES)[number]>;
/** A compile error here means protocol/model.ts gained a tag that no page offers. */
export const ALL_TAGS_OFFERED: MissingTag extends never ? true : never = true;

/** The longest written comment a rating carries (RatingBody.comment in http.ts). */
export const RATING_COMMENT_MAX = 500;

/** 2 不满意 and 1 非常不满意 are 差评: the pages ask why. */
export function asksForReasons(score: RatingScore): boolean {
  return score <= 2;
}

export interface RatingWords {
  readonly levels: Readonly<Record<RatingScore, string>>;
  readonly tags: Readonly<Record<RatingTag, string>>;
  /** Heading of the reasons, shown with 2 and 1. */
  readonly reasonsQuestion: string;
  /** Label of the optional comment box. */
  readonly commentLabel: string;
  readonly commentHint: string;
  readonly submit: string;
  readonly sending: string;
  readonly thanks: string;
  /** The rating as recorded, e.g. after submitting: 「您的评价：不满意」. */
  readonly yourRating: (level: string) => string;
  readonly yourReasons: (reasons: readonly string[]) => string;
  readonly yourComment: (comment: string) => string;
}

export const RATING_WORDS: Readonly<Record<Language, RatingWords>> = {
  'zh-CN': {
    levels: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' },
    tags: {
      'slow': '办事效率低',
      'attitude': '服务态度差',
      'unclear-guidance': '告知不清楚',
      'repeated-visits': '需要多次跑动',
      'long-wait': '等候时间长',
      'process': '流程繁琐',
      'other': '其他',
    },
    reasonsQuestion: '请选择不满意的原因（可多选）',
    commentLabel: '您的意见或建议（选填）',
    commentHint: '可以不填，直接点“提交评价”',
    submit: '提交评价',
    sending: '正在提交…',
    thanks: '感谢您的评价！',
    yourRating: (level) => `您的评价：${level}`,
    yourReasons: (reasons) => `原因：${reasons.join('、')}`,
    yourComment: (comment) => `您的留言：${comment}`,
  },
  en: {
    levels: { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fairly satisfied', 2: 'Dissatisfied', 1: 'Very dissatisfied' },
    tags: {
      'slow': 'Slow service',
      'attitude': 'Unfriendly staff',
      'unclear-guidance': 'Unclear guidance',
      'repeated-visits': 'Had to come back',
      'long-wait': 'Long wait',
      'process': 'Complicated process',
      'other': 'Other',
    },
    reasonsQuestion: 'What went wrong? (choose any)',
    commentLabel: 'Your comments (optional)',
    commentHint: 'You may leave this empty and press "Send rating".',
    submit: 'Send rating',
    sending: 'Sending…',
    thanks: 'Thank you for your rating!',
    yourRating: (level) => `Your rating: ${level}`,
    yourReasons: (reasons) => `Reasons: ${reasons.join(', ')}`,
    yourComment: (comment) => `Your comment: ${comment}`,
  },
};
