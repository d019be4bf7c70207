/**
 * Which 好差评 levels count as satisfied: one rule for the hall's reports and day summaries, the centre's live grid,
 * its reports and its exports. 差评 is levels 1–2 (不满意, 非常不满意: the national rule); every other level — 基本满意,
 * 满意, 非常满意 (3–5) — counts as satisfied, so satisfied + 差评 = all ratings and the two rates add up to one.
 */
export const LOWEST_SATISFIED_SCORE = 3;
export const HIGHEST_BAD_SCORE = 2;

export const isSatisfiedScore = (score: number): boolean => score >= LOWEST_SATISFIED_SCORE;
export const isBadScore = (score: number): boolean => score <= HIGHEST_BAD_SCORE;

/** Satisfied ratings among counts by level, `levels[0]` being level 1. */
export function satisfiedAmong(levels: readonly number[]): number {
  return levels.reduce((sum, n, i) => (isSatisfiedScore(i + 1) ? sum + n : sum), 0);
}
