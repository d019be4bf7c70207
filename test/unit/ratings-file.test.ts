/**
 * The 好差评 CSV as the hall reads it (issue 19 item 6): it had epoch-millisecond times and English reason
 * codes; now Chinese headings and words, and hall-local times.
 */
import { describe, expect, it } from 'vitest';
import { ratingsTable } from '../../server/app/report-files';
import { toCsv } from '../../server/app/table-files';
import type { RatingRecord } from '../../server/protocol/reports';

const record: RatingRecord = {
  ratingId: 'r1', ticketId: 't1', number: 'A042', day: '2026-11-27', serviceId: 'A', serviceName: '社保', windowId: 'w1', windowNumber: 1, staffId: 'clerk1',
  level: 2, levelName: '不满意', reasons: ['attitude', 'long-wait'], channel: 'pad',
  issuedAt: Date.parse('2026-11-27T01:00:00Z'), finishedAt: Date.parse('2026-11-27T01:20:30Z'), ratedAt: Date.parse('2026-11-27T01:21:00Z'), appealStatus: 'pending',
};

describe('the ratings file', () => {
  it('says every code in Chinese and every time in the hall zone', () => {
    const csv = toCsv([ratingsTable([record], 'Asia/Shanghai')]);
    const [header, row] = csv.replace('\uFEFF', '').split('\r\n');
    expect(header).toBe('票据ID,号码,业务日期,事项编号,事项,窗口编号,窗口,工号,评价等级,评价,原因,意见,评价渠道,取号时间,办结时间,评价时间,申诉状态');
    expect(row).toBe('t1,A042,2026-11-27,A,社保,w1,1号窗口,clerk1,2,不满意,服务态度差、等候时间长,,评价平板,2026-11-27 09:00:00,2026-11-27 09:20:30,2026-11-27 09:21:00,申诉待复核');
    expect(csv).not.toMatch(/attitude|long-wait|pending|\b17\d{11}\b/);
  });
});
