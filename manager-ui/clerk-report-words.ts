/** The words of the 人员考核 section (clerk-report-view.ts), zh-CN and English; the console's language decides. */
import type { PauseReason } from '../server/protocol/model';
import { language } from './i18n';

const zh = {
  heading: '人员考核', period: '统计周期', byRange: '整个时段', byDay: '按日', byMonth: '按月', byQuarter: '按季度',
  show: '查询', csv: '下载 CSV', xlsx: '下载 Excel', periodCol: '周期', clerk: '工作人员', window: '窗口',
  served: '办结', handlingP50: '办理时长P50', handlingP90: '办理时长P90', noShows: '过号', noShowRate: '过号率',
  recalls: '重呼', transfers: '转移', pauseTotal: '暂停合计', onDuty: '在岗', serving: '办理中', idle: '空闲',
  ratings: '评价数', satisfaction: '满意率', bad: '差评', minutesUnit: '（分钟）', byClerk: '按工作人员', byWindow: '按窗口',
  honours: '季度评选', quarter: '季度', choose: '评选', redFlag: '红旗窗口', star: '服务明星', rank: '名次', score: '得分',
  weighting: '权重', minServed: '最少办结', notQualified: '办结不足、未参评', none: '无', empty: '所选时段没有数据',
  factorSatisfaction: '满意率', factorServed: '办结量', factorHandling: '办理时长', factorNoShowRate: '过号率',
  points: '分', onDutyHint: '在岗 = 窗口开放（办理中 + 空闲 + 暂停）；空闲 = 开放且无人办理',
  'reason.break': '休息', 'reason.meeting': '会议', 'reason.consulting': '咨询/请示', 'reason.paperwork': '整理材料', 'reason.system': '系统故障', 'reason.other': '其他',
} as const;

export type ClerkWord = keyof typeof zh;

const en: Record<ClerkWord, string> = {
  heading: 'Staff performance', period: 'Period', byRange: 'Whole range', byDay: 'By day', byMonth: 'By month', byQuarter: 'By quarter',
  show: 'Show', csv: 'Download CSV', xlsx: 'Download Excel', periodCol: 'Period', clerk: 'Clerk', window: 'Window',
  served: 'Served', handlingP50: 'Handling p50', handlingP90: 'Handling p90', noShows: 'No-shows', noShowRate: 'No-show rate',
  recalls: 'Recalls', transfers: 'Transfers', pauseTotal: 'Paused', onDuty: 'On duty', serving: 'Serving', idle: 'Idle',
  ratings: 'Ratings', satisfaction: 'Satisfaction', bad: 'Bad', minutesUnit: ' (min)', byClerk: 'By clerk', byWindow: 'By window',
  honours: 'Quarterly honours', quarter: 'Quarter', choose: 'Rank', redFlag: 'Red-flag windows', star: 'Service stars', rank: '#', score: 'Score',
  weighting: 'Weights', minServed: 'Minimum served', notQualified: 'Too few served to qualify', none: 'none', empty: 'No figures in this range',
  factorSatisfaction: 'Satisfaction', factorServed: 'Served', factorHandling: 'Handling time', factorNoShowRate: 'No-show rate',
  points: 'pts', onDutyHint: 'On duty = window open (serving + idle + paused); idle = open with nobody at the counter',
  'reason.break': 'Break', 'reason.meeting': 'Meeting', 'reason.consulting': 'Consulting', 'reason.paperwork': 'Paperwork', 'reason.system': 'System fault', 'reason.other': 'Other',
};

export function cw(key: ClerkWord): string {
  return language() === 'en' ? en[key] : zh[key];
}

export function pauseWord(reason: PauseReason): string {
  return cw(`reason.${reason}`);
}
