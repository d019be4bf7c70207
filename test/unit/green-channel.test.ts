/** The front desk's 绿色通道 rules (server/domain/green-channel.ts) and the ticket's 一次性告知 line (service-guide.ts). */
import { describe, expect, it } from 'vitest';
import { checkGreenReason, greenReasonsOf, upgradeToGreen } from '../../server/domain/green-channel';
import { guideReminder } from '../../server/domain/service-guide';
import { DEFAULT_GREEN_REASONS, greenReasonName } from '../../server/protocol/desk';
import type { Ticket } from '../../server/domain/types';

const waiting = { id: 't1', number: 'A003', status: 'waiting', priority: 'normal' } as Ticket;

describe('green channel at the desk', () => {
  it('uses the hall list when it has one, else the defaults', () => {
    expect(greenReasonsOf({}).map((r) => r.id)).toEqual(['elderly', 'pregnant', 'disability', 'military', 'assisted', 'other']);
    expect(greenReasonsOf({ greenReasons: [{ id: 'veteran', name: '退役军人' }] }).map((r) => r.id)).toEqual(['veteran']);
    expect(greenReasonsOf({ greenReasons: [] })).toBe(DEFAULT_GREEN_REASONS);
  });

  it('refuses a reason not on the list, naming the ones that are', () => {
    const refused = checkGreenReason('vip', DEFAULT_GREEN_REASONS);
    expect(refused).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(refused.ok ? '' : refused.message).toContain('military (军人)');
  });

  it('upgrades a waiting or parked ticket, keeps a same-reason grant unchanged, and refuses one no longer waiting', () => {
    expect(upgradeToGreen(waiting, 'pregnant', DEFAULT_GREEN_REASONS)).toEqual({ ok: true, value: { ...waiting, priority: 'green', priorityReason: 'pregnant' } });
    expect(upgradeToGreen({ ...waiting, status: 'parked' }, 'elderly', DEFAULT_GREEN_REASONS).ok).toBe(true);
    const green = { ...waiting, priority: 'green', priorityReason: 'elderly' } as Ticket;
    const again = upgradeToGreen(green, 'elderly', DEFAULT_GREEN_REASONS);
    expect(again.ok && again.value).toBe(green);
    expect(upgradeToGreen(green, 'assisted', DEFAULT_GREEN_REASONS)).toMatchObject({ ok: true, value: { priorityReason: 'assisted' } });
    for (const status of ['called', 'done', 'no-show', 'cancelled'] as const) {
      expect(upgradeToGreen({ ...waiting, status }, 'elderly', DEFAULT_GREEN_REASONS)).toMatchObject({ ok: false, code: 'ticket-not-waiting' });
    }
  });

  it('words a reason from the hall list, then the defaults, then the id', () => {
    expect(greenReasonName('veteran', [{ id: 'veteran', name: '退役军人', nameEn: 'Veteran' }], 'en')).toBe('Veteran');
    expect(greenReasonName('disability', [], 'zh-CN')).toBe('残疾人');
    expect(greenReasonName('gone', [], 'zh-CN')).toBe('gone');
  });
});

describe('the ticket reminder of 一次性告知', () => {
  it('names the first three materials and points to the phone', () => {
    expect(guideReminder({ materials: ['身份证', '户口簿', '照片', '申请表'] }, 'zh-CN')).toBe('请带齐：身份证、户口簿、照片等，详见手机');
    expect(guideReminder({ materials: ['身份证'] }, 'zh-CN')).toBe('请带齐：身份证，详见手机');
    expect(guideReminder({ materials: ['ID card', 'Photo'] }, 'en')).toBe('Bring: ID card, Photo. Full list on your phone (QR code).');
    expect(guideReminder({ materials: [] }, 'zh-CN')).toBeUndefined();
    expect(guideReminder(undefined, 'en')).toBeUndefined();
  });
});
