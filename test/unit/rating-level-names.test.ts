/**
 * One set of level names (issue 18 item 8): the third level used to read 'Fair' on the phone and
 * 'Fairly satisfied' on the pad. The phone page, the rating pad, the hall console and the city console
 * all read the five national names from server/protocol/rating-words.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RATING_LEVEL_CHOICES, RATING_WORDS } from '../../server/protocol/rating-words';
import { trackTexts } from '../../display-ui/track/i18n';
import { WORDS as PAD_WORDS } from '../../window-ui/rate/words';
import { ratingWords, setLanguage } from '../../city-ui/i18n';

describe('the five level names', () => {
  // The city console's language switch also sets <html lang> and remembers the choice: give it both.
  beforeAll(() => {
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    vi.stubGlobal('localStorage', { setItem: () => undefined, getItem: () => null });
  });
  afterEach(() => setLanguage('zh-CN'));
  afterAll(() => vi.unstubAllGlobals());

  it('are the national ones, in Chinese and English', () => {
    expect(RATING_LEVEL_CHOICES.map((s) => RATING_WORDS['zh-CN'].levels[s])).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(RATING_LEVEL_CHOICES.map((s) => RATING_WORDS.en.levels[s])).toEqual(['Very satisfied', 'Satisfied', 'Fairly satisfied', 'Dissatisfied', 'Very dissatisfied']);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`read the same on the phone, the pad and the city console (${language})`, () => {
      setLanguage(language);
      for (const score of RATING_LEVEL_CHOICES) {
        const shared = RATING_WORDS[language].levels[score];
        expect(trackTexts(language).rating.levels[score]).toBe(shared);
        expect(PAD_WORDS[language].rating.levels[score]).toBe(shared);
        expect(ratingWords(score)).toBe(shared);
      }
    });
  }
});
