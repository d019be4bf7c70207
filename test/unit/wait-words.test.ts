/**
 * The words beside a wait figure on the kiosk, the display and the phone (issue 18 item 1): the hub says
 * whether a window is open for the service and whether the figure is a guess; each page only shows that.
 * They used to promise 「很快就会叫到您」 / 「即将叫号」 with no window open to call anyone.
 */
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../kiosk-ui/i18n';
import { displayTexts } from '../../display-ui/display/i18n';
import { trackTexts } from '../../display-ui/track/i18n';
import { ticketLabels } from '../../drivers/printer/ticket-labels';

const UNSTAFFED = { isUnstaffed: true, isGuess: true };
const GUESS = { isUnstaffed: false, isGuess: true };
const KNOWN = { isUnstaffed: false, isGuess: false };

describe('wait words', () => {
  it('say in words that no window is open, never a time or 很快/即将, in Chinese and English', () => {
    const zh = STRINGS['zh-CN'];
    const lines = [zh.wait(0, UNSTAFFED), zh.wait(12, UNSTAFFED), trackTexts('zh-CN').minutes(0, UNSTAFFED), ticketLabels('zh-CN').estimatedWait(0, UNSTAFFED)];
    for (const line of lines) {
      expect(line).toBe('该业务窗口暂未开放，开放后按顺序叫号');
    }
    expect(zh.estimate(0, UNSTAFFED)).toBe('窗口暂未开放');
    expect(displayTexts('zh-CN').minutes(0, UNSTAFFED)).toBe('暂未开放');
    for (const line of [STRINGS.en.wait(5, UNSTAFFED), trackTexts('en').minutes(5, UNSTAFFED), ticketLabels('en').estimatedWait(5, UNSTAFFED)]) {
      expect(line).toMatch(/No window for this service is open yet/);
      expect(line).not.toMatch(/\d|soon|shortly/);
    }
  });

  it('say 约 / about only for a guess', () => {
    const zh = STRINGS['zh-CN'];
    expect(zh.wait(12, GUESS)).toBe('预计等待约 12 分钟');
    expect(zh.wait(12, KNOWN)).toBe('预计等待 12 分钟');
    expect(zh.estimate(12, GUESS)).toBe('约 12 分钟');
    expect(zh.estimate(12, KNOWN)).toBe('12 分钟');
    expect(displayTexts('zh-CN').minutes(12, KNOWN)).toBe('12 分钟');
    expect(trackTexts('zh-CN').minutes(12, GUESS)).toBe('约 12 分钟');
    expect(ticketLabels('zh-CN').estimatedWait(12, KNOWN)).toBe('预计等待 12 分钟');
    expect(STRINGS.en.wait(12, KNOWN)).toBe('Estimated wait 12 minutes');
    expect(STRINGS.en.wait(12, GUESS)).toBe('Estimated wait about 12 minutes');
    // With a window open and nobody ahead, the visitor is next.
    expect(zh.wait(0, KNOWN)).toBe('很快就会叫到您');
  });
});
