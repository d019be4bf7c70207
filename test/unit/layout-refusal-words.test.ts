/**
 * The console words a layout refusal from the hub's details, not from its English sentence (issue 20): the
 * kiosk-offers-nothing refusal used to be parsed back out of "kiosk X (name) would offer no service: …".
 */
import { describe, expect, it } from 'vitest';
import { layoutRefusalWords } from '../../manager-ui/layout-words';
import type { ErrorDetails } from '../../server/protocol/errors';

const details: ErrorDetails = {
  problems: [
    { path: '/services/1/prefix', message: 'ticket prefix A is also used at /services/0' },
    {
      path: '/kiosks/0',
      // A newer hub may say it otherwise: the Chinese must not depend on these words.
      message: 'kiosk kiosk1 is left empty',
      emptyKiosk: { kiosk: 'kiosk1', kioskName: '一楼取号机', offers: [{ kind: 'department', id: 'police', name: '公安服务' }, { kind: 'service', id: 'D' }] },
    },
  ],
};

describe('layoutRefusalWords with details', () => {
  it('says the empty kiosk in Chinese from the details, whatever the English sentence says', () => {
    expect(layoutRefusalWords('The layout is not valid: something else entirely.', 'zh-CN', details)).toBe(
      '事项与窗口设置有误：第 2 个事项的号码字头：号码字头 A 与第 1 个事项重复；取号机「一楼取号机」只办理部门「公安服务」、事项「D」，这样改后它将没有可取号的事项：请至少保留其中一个事项',
    );
  });

  it('keeps the hub\'s English sentence for an English console', () => {
    expect(layoutRefusalWords('The layout is not valid: x.', 'en', details)).toBe('The layout is not valid: x.');
  });
});
