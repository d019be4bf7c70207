/**
 * 人员考核 and 红旗窗口 / 服务明星 as tables for CSV and XLSX (server/app/table-files.ts writes both). Chinese
 * headers, staff names (never usernames), periods as hall-local dates, durations in minutes.
 */
import { PAUSE_REASONS, type PauseReason } from '../protocol/model';
import type { ClerkReport, DutyLine, HonourRow, Honours } from '../protocol/clerk-reports';
import type { RankingFactor } from '../domain/clerk-ranking';
import type { Cell, Table } from './table-files';

export const PAUSE_WORDS: Record<PauseReason, string> = {
  break: '休息', meeting: '会议', consulting: '咨询/请示', paperwork: '整理材料', system: '系统故障', other: '其他',
};

export const FACTOR_WORDS: Record<RankingFactor, string> = { satisfaction: '满意率', served: '办结量', handling: '办理时长', noShowRate: '过号率' };

const minutes = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.round(s / 6) / 10);
const ratio = (r: number | undefined): number | undefined => (r === undefined ? undefined : Math.round(r * 1000) / 1000);

function dutyColumns(who: string): string[] {
  return [
    '周期', who, '办结', '办理时长P50(分钟)', '办理时长P90(分钟)', '过号', '过号率', '重呼', '转移',
    '暂停合计(分钟)', ...PAUSE_REASONS.map((r) => `暂停·${PAUSE_WORDS[r]}(分钟)`), '在岗(分钟)', '办理中(分钟)', '空闲(分钟)',
    '评价数', '满意率', '差评',
  ];
}

function dutyRow(l: DutyLine): Cell[] {
  return [
    l.period, l.label, l.served, minutes(l.handlingP50Seconds), minutes(l.handlingP90Seconds), l.noShows, ratio(l.noShowRate), l.recalls, l.transfers,
    minutes(l.pauseTotalSeconds), ...PAUSE_REASONS.map((r) => minutes(l.pauseSeconds[r] ?? 0)), minutes(l.onDutySeconds), minutes(l.servingSeconds), minutes(l.idleSeconds),
    l.ratings, ratio(l.rate), l.bad,
  ];
}

export function clerkReportTables(report: ClerkReport): Table[] {
  return [
    { name: '人员考核', columns: dutyColumns('工作人员'), rows: report.clerks.map(dutyRow) },
    { name: '窗口考核', columns: dutyColumns('窗口'), rows: report.windows.map(dutyRow) },
  ];
}

const FACTORS: readonly RankingFactor[] = ['satisfaction', 'served', 'handling', 'noShowRate'];

function honourColumns(who: string): string[] {
  return ['名次', who, '得分', ...FACTORS.flatMap((f) => [`${FACTOR_WORDS[f]}${f === 'handling' ? 'P50(分钟)' : ''}`, `${FACTOR_WORDS[f]}得分`, `${FACTOR_WORDS[f]}权重`])];
}

function factorValue(factor: RankingFactor, value: number | undefined): Cell {
  if (value === undefined) return undefined;
  return factor === 'handling' ? minutes(value) : factor === 'served' ? value : ratio(value);
}

function honourRow(r: HonourRow): Cell[] {
  return [
    r.rank, r.label, r.score,
    ...FACTORS.flatMap((f) => {
      const x = r.factors.find((s) => s.factor === f);
      return [factorValue(f, x?.value), x?.points, x?.weight];
    }),
  ];
}

export function honoursTables(h: Honours): Table[] {
  return [
    { name: `红旗窗口 ${h.quarter}`, columns: honourColumns('窗口'), rows: h.windows.map(honourRow) },
    { name: `服务明星 ${h.quarter}`, columns: honourColumns('工作人员'), rows: h.clerks.map(honourRow) },
  ];
}
