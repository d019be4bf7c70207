/**
 * The small city the report tests read, with every figure worked out by hand in the comments:
 *
 * District centre (Asia/Shanghai), 2026-03-02, services A (社保, category social, limit 30 min) and
 * B (户籍, category household, limit 20 min):
 *   d1 A  issued 09:00:00, called 09:05:30 at w1 by clerk1, finished 09:15:30, rated 5   wait 5:30  service 10:00
 *   d2 A  issued 09:01:00, called 09:13:00 at w1 by clerk1, finished 09:20:00, rated 4   wait 12:00 service 7:00
 *   d3 A  issued 09:02:00, called 09:40:00 at w2 by clerk2, no-show                       wait 38:00 (over 30)
 *   d4 B  issued 09:03:00, called 09:10:00 at w2 by clerk2, finished 09:12:00, rated 2   wait 7:00  service 2:00
 *   d5 B  issued 09:04:00, never called (still waiting)
 * plus one visit on each of 2026-02-26, 02-28, 04-01 and 04-03 (A, wait 1 min, service 1 min, rated 5), for
 * the range edges.
 *
 * Town centre (Asia/Shanghai): 2026-03-02 t1 A issued 10:00, called 10:20 (w1, clerk7), finished 10:30, rated 3;
 * 2026-03-03 t2 A issued 07:30 (23:30 UTC the day before), called 07:40, finished 07:50, rated 5 at 07:51.
 *
 * Village point (Asia/Urumqi, UTC+6): 2026-03-02 v1 A issued 22:00, called 22:10 (w1, clerk9), finished 22:50
 * (00:50 on 03-03 in Shanghai), rated 1 at 22:55: a 03-02 rating in the hall's own calendar.
 */
import { DISTRICT, TOWN, VILLAGE } from './centre';
import { ReportHall } from './report-halls';

export interface City {
  readonly district: ReportHall;
  readonly town: ReportHall;
  readonly village: ReportHall;
  readonly ids: Record<string, string>;
}

export function buildCity(): City {
  const district = new ReportHall(DISTRICT, 'Asia/Shanghai', { level: 'district' });
  const town = new ReportHall(TOWN, 'Asia/Shanghai', { level: 'town', parent: DISTRICT });
  const village = new ReportHall(VILLAGE, 'Asia/Urumqi', { level: 'village', parent: TOWN });
  const day = '2026-03-02';
  const ids: Record<string, string> = {};
  for (const edge of ['2026-02-26', '2026-02-28', '2026-04-01', '2026-04-03']) {
    ids[edge] = district.visit({ day: edge, issue: '09:00', call: '09:01', finish: '09:02', window: 'w1', clerk: 'clerk1', rate: { score: 5, at: '09:03' } });
  }
  ids.d1 = district.visit({ day, issue: '09:00:00', call: '09:05:30', finish: '09:15:30', window: 'w1', clerk: 'clerk1', rate: { score: 5, at: '09:16' } });
  ids.d2 = district.visit({ day, issue: '09:01:00', call: '09:13:00', finish: '09:20:00', window: 'w1', clerk: 'clerk1', rate: { score: 4, at: '09:21' } });
  ids.d3 = district.visit({ day, issue: '09:02:00', call: '09:40:00', noShow: '09:45:00', window: 'w2', clerk: 'clerk2' });
  ids.d4 = district.visit({ day, service: 'B', issue: '09:03:00', call: '09:10:00', finish: '09:12:00', window: 'w2', clerk: 'clerk2', rate: { score: 2, at: '09:13' } });
  ids.d5 = district.visit({ day, service: 'B', issue: '09:04:00' });
  ids.t1 = town.visit({ day, issue: '10:00', call: '10:20', finish: '10:30', window: 'w1', clerk: 'clerk7', rate: { score: 3, at: '10:31' } });
  ids.t2 = town.visit({ day: '2026-03-03', issue: '07:30', call: '07:40', finish: '07:50', window: 'w1', clerk: 'clerk7', rate: { score: 5, at: '07:51' } });
  ids.v1 = village.visit({ day, issue: '22:00', call: '22:10', finish: '22:50', window: 'w1', clerk: 'clerk9', rate: { score: 1, at: '22:55' } });
  return { district, town, village, ids };
}

export async function shipCity(city: City, centre: { url: string }): Promise<void> {
  await city.district.ship(centre);
  await city.town.ship(centre);
  await city.village.ship(centre);
}
