/** The 好差评上报 card's words (manager-ui/province-view.ts): delivery states, record kinds, canonical fields. */
import type { Language } from '../server/protocol/model';
import type { ProvinceRecordView, ProvinceState } from '../server/protocol/province';

const ZH = {
  title: '好差评上报', off: '本厅未配置省级好差评上报（hallq.yaml 中没有 province: 段），评价只保存在本厅。', unreadable: '无法读取上报状态',
  items: '条', lastAck: '最近确认', never: '从未', adapter: '上报方式', adapterOther: '其他方式', lastAttempt: '最近发送',
  lastError: '最近一次发送未成功（平台无应答或出错），将自动重试', filter: '按状态筛选', all: '全部',
  ticket: '号码', caseNumber: '办件编号', kind: '类别', state: '状态', reason: '平台说明', lastAttemptColumn: '最近尝试', nextRetry: '下次重试', actions: '操作',
  noCase: '（未登记）', noRecords: '没有符合条件的上报记录', attemptCount: '（第 {n} 次）',
  missing: '缺少平台必填项：', heldReason: '缺少平台必填项，请补正后重发', retryReason: '平台暂未应答，将自动重试',
  correct: '更正并重发', field: '更正字段', noField: '（不更正其他字段）', value: '改为', resend: '重新发送', cancel: '取消',
  badCase: '“{n}”不是有效的办件编号：应为4到64位字母或数字（可含 - 和 _）', noValue: '请填写“{field}”的新值',
  confirmChanged: '将号码 {number} 的记录更正为：{changes}，并重新发送到省平台？', confirmSame: '不作更改，将号码 {number} 的记录原样重新发送到省平台？',
  resent: '号码 {number} 的记录已更正，正在重新发送',
} as const;
export type ProvinceWord = keyof typeof ZH;

const EN: Record<ProvinceWord, string> = {
  title: 'Ratings to the province', off: 'This hall delivers no ratings to a province (no province: section in hallq.yaml); ratings stay in the hall.', unreadable: 'The delivery state cannot be read',
  items: '', lastAck: 'Last acknowledged', never: 'never', adapter: 'Delivery', adapterOther: 'other', lastAttempt: 'Last sent',
  lastError: '', filter: 'Show state', all: 'All',
  ticket: 'Ticket', caseNumber: 'Case number', kind: 'Kind', state: 'State', reason: 'Platform says', lastAttemptColumn: 'Last attempt', nextRetry: 'Next retry', actions: 'Actions',
  noCase: '(none)', noRecords: 'No records in this state', attemptCount: '(attempt {n})',
  missing: 'Missing: ', heldReason: 'Fields the platform requires are missing: correct and resend', retryReason: 'The platform did not answer; retrying',
  correct: 'Correct and resend', field: 'Correct field', noField: '(no other field)', value: 'New value', resend: 'Resend', cancel: 'Cancel',
  badCase: '“{n}” is not a case number: 4 to 64 letters or digits (- and _ allowed)', noValue: 'Enter the new value of “{field}”',
  confirmChanged: 'Correct the record of {number} ({changes}) and send it to the province again?', confirmSame: 'Send the record of {number} to the province again, unchanged?',
  resent: 'The record of {number} was corrected and is being sent again',
};

interface Words {
  readonly words: Record<ProvinceWord, string>;
  readonly states: Record<ProvinceState, string>;
  readonly kinds: Record<ProvinceRecordView['kind'], string>;
  readonly adapters: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, string>>;
}

export const PROVINCE_WORDS: Record<Language, Words> = {
  'zh-CN': {
    words: ZH,
    states: { pending: '待发送', retrying: '重试中', forwarded: '已转市中心', held: '待补正', rejected: '被退回', acked: '已确认' },
    kinds: { 'rating': '评价', 'appeal-accepted': '申诉成立后更正', 'followup-closed': '回访整改办结' },
    adapters: { 'http-json': '省平台接口', 'file': '导出文件', 'city-centre': '经市中心转报' },
    fields: {
      recordId: '记录编号', regionCode: '区划代码', regionName: '区划名称', deptCode: '部门编码（统一社会信用代码）', deptName: '部门名称', taskCode: '事项编码',
      taskName: '事项名称', caseNumber: '办件编号', handler: '经办人', channel: '评价渠道', level: '评价等级', reasons: '评价内容', comment: '文字评价',
      ratedAt: '评价时间', assessNumber: '评价次数', userProp: '办事人类型（1 个人 / 2 法人）', raterName: '评价人', ticketNumber: '号码', windowNumber: '窗口号',
    },
  },
  en: {
    words: EN,
    states: { pending: 'Waiting to be sent', retrying: 'Retrying', forwarded: 'Forwarded via the city centre', held: 'Held: needs correction', rejected: 'Rejected by the platform', acked: 'Acknowledged' },
    kinds: { 'rating': 'Rating', 'appeal-accepted': 'Correction after an accepted appeal', 'followup-closed': 'Follow-up closed' },
    adapters: { 'http-json': 'Provincial platform (HTTP)', 'file': 'Export file', 'city-centre': 'Through the city centre' },
    fields: {
      recordId: 'Record id', regionCode: 'Region code', regionName: 'Region name', deptCode: 'Department code (USCC)', deptName: 'Department name', taskCode: 'Item code',
      taskName: 'Item name', caseNumber: 'Case number', handler: 'Clerk', channel: 'Channel', level: 'Level', reasons: 'Reasons', comment: 'Comment',
      ratedAt: 'Rated at', assessNumber: 'Rating number', userProp: 'Applicant type (1 person / 2 organisation)', raterName: 'Rater', ticketNumber: 'Ticket', windowNumber: 'Window',
    },
  },
};

/** A canonical field in words; an unknown one (a newer hub) as the hub named it. */
export function fieldWord(field: string, language: Language): string {
  return PROVINCE_WORDS[language].fields[field] ?? field;
}
