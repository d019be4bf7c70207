/**
 * 「下个工作日 09:00 起可取号」 named no day and ignored the hall's holiday calendar (issue 18 leftover): on a
 * Friday, or before a 法定节假日, a visitor could not tell when to come back. The hub now decides the day with the
 * same working-day rule as the follow-up deadlines (domain/working-days.ts), and the kiosk words it:
 * 「明天 …」 when it is tomorrow, else 「12月7日（星期一）…」.
 */
import { describe, expect, it } from 'vitest';
import { nextOpening, type HallToday } from '../../server/domain/next-opening';
import type { HallCalendar } from '../../server/domain/working-days';
import { STRINGS } from '../../kiosk-ui/i18n';

const hours = [{ from: '09:00', to: '11:30' }, { from: '13:30', to: '17:00' }];
const noHolidays: HallCalendar = { holidays: new Set(), workdays: new Set() };
const at = (day: string, hhmm: string, calendar: HallCalendar = noHolidays): HallToday => ({
  day,
  minute: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)),
  calendar,
});

describe('the day a capped or closed service issues again', () => {
  it('is Monday after a Friday (2026-12-04), not Saturday', () => {
    expect(nextOpening(hours, 'daily-cap-reached', at('2026-12-04', '10:00'))).toEqual({ isToday: false, day: '2026-12-07', isTomorrow: false, from: '09:00' });
    expect(nextOpening(hours, 'outside-hours', at('2026-12-05', '17:30'))).toMatchObject({ day: '2026-12-07', isTomorrow: false });
  });

  it('is tomorrow on a weekday before a working day, and Monday on a Sunday (tomorrow too)', () => {
    expect(nextOpening(hours, 'outside-hours', at('2026-12-02', '17:30'))).toEqual({ isToday: false, day: '2026-12-03', isTomorrow: true, from: '09:00' });
    expect(nextOpening(hours, 'outside-hours', at('2026-12-06', '17:30'))).toMatchObject({ day: '2026-12-07', isTomorrow: true });
  });

  it('skips a holiday Monday: Friday then says Tuesday, and Sunday no longer says tomorrow', () => {
    const calendar: HallCalendar = { holidays: new Set(['2026-12-07']), workdays: new Set() };
    expect(nextOpening(hours, 'daily-cap-reached', at('2026-12-04', '10:00', calendar))).toMatchObject({ day: '2026-12-08', isTomorrow: false });
    expect(nextOpening(hours, 'outside-hours', at('2026-12-06', '17:30', calendar))).toMatchObject({ day: '2026-12-08', isTomorrow: false });
  });

  it('skips a whole holiday week (国庆 2026-10-01..07) to the 调休 working Saturday after it', () => {
    const calendar: HallCalendar = {
      holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
      workdays: new Set(['2026-10-10']),
    };
    // Wed 30 Sep → Thu 8 Oct (Sat 3 / Sun 4 are weekend days anyway).
    expect(nextOpening(hours, 'daily-cap-reached', at('2026-09-30', '10:00', calendar))).toMatchObject({ day: '2026-10-08' });
    // Fri 9 Oct → the 调休 Saturday 10 Oct, which is tomorrow.
    expect(nextOpening(hours, 'daily-cap-reached', at('2026-10-09', '10:00', calendar))).toMatchObject({ day: '2026-10-10', isTomorrow: true });
  });

  it('still says today for a later range today, whatever the calendar says of tomorrow', () => {
    const calendar: HallCalendar = { holidays: new Set(['2026-12-07']), workdays: new Set() };
    expect(nextOpening(hours, 'outside-hours', at('2026-12-04', '12:00', calendar))).toEqual({ isToday: true, day: '2026-12-04', isTomorrow: false, from: '13:30' });
  });

  it('names the day for a service open all day (no range to say)', () => {
    expect(nextOpening([], 'daily-cap-reached', at('2026-12-04', '10:00'))).toEqual({ isToday: false, day: '2026-12-07', isTomorrow: false });
  });
});

describe('the kiosk’s words for it', () => {
  const zh = STRINGS['zh-CN'].nextOpening;
  const en = STRINGS.en.nextOpening;
  it('says 明天 / tomorrow, or the date with its weekday', () => {
    expect(zh({ isToday: false, day: '2026-12-03', isTomorrow: true, from: '09:00' })).toBe('明天 09:00 起可取号');
    expect(zh({ isToday: false, day: '2026-12-07', isTomorrow: false, from: '09:00' })).toBe('12月7日（星期一）09:00 起可取号');
    expect(en({ isToday: false, day: '2026-12-03', isTomorrow: true, from: '09:00' })).toBe('Tomorrow from 09:00');
    expect(en({ isToday: false, day: '2026-12-07', isTomorrow: false, from: '09:00' })).toBe('Mon 7 Dec from 09:00');
    expect(zh({ isToday: false, day: '2026-10-10', isTomorrow: false, from: '08:30' })).toBe('10月10日（星期六）08:30 起可取号');
  });
  it('keeps 今天, and words a service open all day by its day alone', () => {
    expect(zh({ isToday: true, day: '2026-12-04', isTomorrow: false, from: '13:30' })).toBe('今天 13:30 起可取号');
    expect(en({ isToday: true, day: '2026-12-04', isTomorrow: false, from: '13:30' })).toBe('From 13:30 today');
    expect(zh({ isToday: false, day: '2026-12-03', isTomorrow: true })).toBe('请明天再来');
    expect(zh({ isToday: false, day: '2026-12-07', isTomorrow: false })).toBe('请12月7日（星期一）再来');
    expect(en({ isToday: false, day: '2026-12-07', isTomorrow: false })).toBe('Come back Mon 7 Dec');
  });
});
