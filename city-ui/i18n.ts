/**
 * The city console's words, zh-CN first, English as an option: every level, state, role, reason and kind
 * shown in words (the contract's word lists where it has them), never as a code.
 */
import { LEVEL_WORDS, LINK_STATE_WORDS, ROLE_WORDS, type CentreRole, type LinkState } from '../server/protocol/centre';
import type { HallLevel } from '../server/protocol/uplink';
import { errorText } from '../server/protocol/error-words';
import { CONSOLE_WORDS } from '../server/protocol/console-words';
import { RATING_LEVEL_CHOICES, RATING_WORDS } from '../server/protocol/rating-words';

export type Lang = 'zh-CN' | 'en';
type Pair = { readonly zh: string; readonly en: string };

const WORDS = {
  title: { zh: '市级政务服务大厅监管', en: 'City service hall console' },
  signIn: { zh: '登录', en: 'Sign in' }, username: { zh: '用户名', en: 'Username' }, password: { zh: '密码', en: 'Password' },
  signOut: { zh: '退出', en: 'Sign out' }, switchLanguage: { zh: 'English', en: '中文' },
  tabGrid: { zh: '大厅总览', en: 'Halls' }, tabReports: { zh: '统计报表', en: 'Reports' }, tabRankings: { zh: '评比排名', en: 'Rankings' },
  tabSupervision: { zh: '差评督办', en: 'Bad-rating supervision' },
  live: { zh: '实时', en: 'Live' }, connecting: { zh: '连接中', en: 'Connecting' }, disconnected: { zh: '实时连接中断，正在重连', en: 'Live link lost, reconnecting' },
  hall: { zh: '大厅', en: 'Hall' }, waiting: { zh: '等候人数', en: 'Waiting' }, openWindows: { zh: '开放窗口', en: 'Open windows' },
  longestWait: { zh: '最长等候', en: 'Longest wait' }, satisfactionToday: { zh: '今日满意率', en: 'Satisfaction today' },
  openAlerts: { zh: '待处理告警', en: 'Open alerts' }, link: { zh: '上报连接', en: 'Link' }, lastContact: { zh: '最后联系', en: 'Last contact' },
  backlog: { zh: '待补传', en: 'Backlog' }, items: { zh: '条', en: 'events' }, open: { zh: '查看', en: 'Open' }, back: { zh: '返回总览', en: 'Back to halls' },
  overLimit: { zh: '超时', en: 'over limit' }, limit: { zh: '时限', en: 'limit' }, minutes: { zh: '分钟', en: 'min' }, none: { zh: '无', en: 'none' },
  ratingsCount: { zh: '条评价', en: 'ratings' }, ratingCount: { zh: '条评价', en: 'rating' }, neverReported: { zh: '从未上报', en: 'Never reported' }, noRatings: { zh: '暂无评价', en: 'no ratings yet' }, never: { zh: '从未', en: 'never' },
  agoMinutes: { zh: '分钟前', en: 'min ago' }, justNow: { zh: '刚刚', en: 'just now' }, linkDown: { zh: '连接中断', en: 'Link down' },
  noHalls: { zh: '没有可查看的大厅', en: 'No hall to show' },
  services: { zh: '事项', en: 'Services' }, service: { zh: '事项', en: 'Service' }, category: { zh: '类别', en: 'Category' },
  windows: { zh: '窗口', en: 'Windows' }, window: { zh: '窗口', en: 'Window' }, state: { zh: '状态', en: 'State' }, since: { zh: '起始', en: 'Since' },
  current: { zh: '当前号', en: 'At the counter' }, pauseReason: { zh: '暂停原因', en: 'Pause reason' }, alerts: { zh: '告警', en: 'Alerts' },
  devices: { zh: '设备', en: 'Devices' }, deviceId: { zh: '设备编号', en: 'Device' }, kind: { zh: '类型', en: 'Kind' }, subject: { zh: '对象', en: 'Subject' }, raisedAt: { zh: '发生时间', en: 'Raised' },
  today: { zh: '今日', en: 'Today' }, issued: { zh: '取号', en: 'Issued' }, served: { zh: '办结', en: 'Served' }, noShows: { zh: '过号', en: 'No-shows' },
  satisfaction: { zh: '满意率', en: 'Satisfaction' }, readOnly: { zh: '只读', en: 'read-only' }, noAlerts: { zh: '没有告警', en: 'No alerts' },
  noDevices: { zh: '没有设备上报', en: 'No device reported' }, businessDay: { zh: '业务日', en: 'Business day' },
  from: { zh: '开始日期', en: 'From' }, to: { zh: '结束日期', en: 'To' }, grouping: { zh: '分组', en: 'Grouping' }, allHalls: { zh: '全部大厅', en: 'All halls' },
  show: { zh: '查询', en: 'Show' }, downloadXlsx: { zh: '下载 Excel', en: 'Download Excel' }, total: { zh: '合计', en: 'Total' },
  asOf: { zh: '数据截至', en: 'Figures as of' }, pending: { zh: '个大厅日的新数据正在汇总，稍后刷新', en: 'hall-days of new data are being rolled up; refresh shortly' },
  noRows: { zh: '所选范围内没有数据', en: 'No figures in this range' }, loading: { zh: '正在查询…', en: 'Loading…' },
  satisfactionRule: { zh: '满意率 = “基本满意”“满意”“非常满意”（3–5 级）评价 ÷ 全部评价，差评为 1–2 级；申诉成立的评价不计。等候、办理时长精确到分钟。日期为各大厅本地日期。', en: "Satisfaction = ratings at levels 3–5 (fairly satisfied, satisfied, very satisfied) ÷ all ratings; bad ratings are levels 1–2; ratings overturned on appeal are left out. Waits and service times to the minute. Days are each hall's own." },
  gridSatisfactionRule: { zh: '总览中的今日满意率按大厅上报的实时计数（基本满意及以上，3–5 级），与报表口径一致。', en: "Satisfaction today on this page is the hall's live count of ratings at levels 3–5, the same rule as the reports." },
  rankingKind: { zh: '评比', en: 'Ranking' }, scope: { zh: '范围', en: 'Scope' }, cityWide: { zh: '全市', en: 'City-wide' }, rank: { zh: '名次', en: 'Rank' },
  score: { zh: '得分', en: 'Score' }, ratings: { zh: '评价数', en: 'Ratings' }, withinLimit: { zh: '限时内等候', en: 'Within limit' },
  unranked: { zh: '个因评价不足未参与排名', en: 'left out for too few ratings' }, noEntries: { zh: '没有符合条件的对象', en: 'Nobody qualifies in this range' },
  clerk: { zh: '工作人员', en: 'Clerk' },
  ticket: { zh: '号码', en: 'Ticket' }, assignee: { zh: '责任人', en: 'Assignee' }, level: { zh: '评价', en: 'Rating' }, reasons: { zh: '原因', en: 'Reasons' },
  comment: { zh: '留言', en: 'Comment' }, ratedAt: { zh: '评价时间', en: 'Rated' }, due: { zh: '整改期限', en: 'Due' }, overdue: { zh: '已逾期', en: 'Overdue' },
  dueIn: { zh: '未逾期', en: 'Not yet due' }, notes: { zh: '督办记录', en: 'Supervision notes' }, addNote: { zh: '添加督办意见', en: 'Add supervision note' },
  noteLabel: { zh: '督办意见', en: 'Supervision note' }, noteSaved: { zh: '督办意见已发送，大厅下次上报时送达', en: 'Note sent; the hall receives it with its next batch' },
  delivered: { zh: '已送达', en: 'Delivered' }, onItsWay: { zh: '送达中', en: 'On its way' }, noFollowups: { zh: '没有待整改的差评', en: 'No open bad-rating follow-ups' },
  nobody: { zh: '无人登录', en: 'nobody signed in' }, noteReadOnly: { zh: '仅督查人员可填写督办意见', en: 'Only supervisors write notes' },
  noCategory: { zh: '未分类', en: 'No category' }, noWindow: { zh: '未到窗口', en: 'No window' },
} as const satisfies Record<string, Pair>;
export type Key = keyof typeof WORDS;

const WINDOW_STATES: Record<string, Pair> = { closed: { zh: '关闭', en: 'Closed' }, open: { zh: '空闲', en: 'Idle' }, paused: { zh: '暂停', en: 'Paused' }, serving: { zh: '办理中', en: 'Serving' } };
const PAUSE_REASONS: Record<string, Pair> = {
  break: { zh: '休息', en: 'Break' }, meeting: { zh: '开会', en: 'Meeting' }, consulting: { zh: '咨询', en: 'Consulting' },
  paperwork: { zh: '整理材料', en: 'Paperwork' }, system: { zh: '系统故障', en: 'System fault' }, other: { zh: '其他', en: 'Other' },
};
const DEVICE_KINDS: Record<string, Pair> = {
  printer: { zh: '打印机', en: 'Printer' }, 'id-reader': { zh: '身份证读卡器', en: 'ID card reader' }, keypad: { zh: '评价器', en: 'Rating keypad' },
  'led-strip': { zh: '窗口屏', en: 'Window display' }, caller: { zh: '呼叫器', en: 'Caller' }, bus: { zh: '窗口总线', en: 'Window bus' }, pad: { zh: '评价平板', en: 'Rating pad' }, clock: { zh: '系统时钟', en: 'System clock' },
};
const DEVICE_STATES: Record<string, Pair> = { online: { zh: '正常', en: 'Working' }, offline: { zh: '离线', en: 'Offline' }, error: { zh: '故障', en: 'Fault' } };
/** The five national level names: the one table the phone, the pad and the hall console use (protocol/rating-words.ts). */
const RATING_LEVELS: Record<number, Pair> = Object.fromEntries(
  RATING_LEVEL_CHOICES.map((score) => [score, { zh: RATING_WORDS['zh-CN'].levels[score], en: RATING_WORDS.en.levels[score] }]),
);
const RATING_TAGS: Record<string, Pair> = {
  slow: { zh: '办事效率低', en: 'Slow' }, attitude: { zh: '服务态度差', en: 'Attitude' }, 'unclear-guidance': { zh: '告知不清楚', en: 'Unclear guidance' },
  'repeated-visits': { zh: '多次跑腿', en: 'Had to come back' }, 'long-wait': { zh: '等候时间长', en: 'Long wait' }, process: { zh: '流程繁琐', en: 'Complicated process' },
  other: { zh: '其他', en: 'Other' },
};

export const LANGUAGE_KEY = 'hallq.city.lang';
let lang: Lang = 'zh-CN';

export const language = (): Lang => lang;
export function setLanguage(next: Lang): void {
  lang = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(LANGUAGE_KEY, next);
  } catch {
    // A private window may refuse storage: the choice then lasts for this page only.
  }
}
export function savedLanguage(): Lang {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const pick = (pair: Pair | undefined, fallback: string): string => (pair ? (lang === 'en' ? pair.en : pair.zh) : fallback);
export const t = (key: Key): string => pick(WORDS[key], key);
/** Words of a word list from the contract ({ zh, en }). */
export const w = (pair: Pair): string => pick(pair, '');

export const levelWords = (level: HallLevel): string => w(LEVEL_WORDS[level]);
export const linkWords = (state: LinkState): string => w(LINK_STATE_WORDS[state]);
export const roleWords = (role: CentreRole): string => w(ROLE_WORDS[role]);
export const windowStateWords = (state: string): string => pick(WINDOW_STATES[state], lang === 'en' ? 'Unknown' : '未知');
export const pauseReasonWords = (reason: string | undefined): string => (reason ? pick(PAUSE_REASONS[reason], pick(PAUSE_REASONS.other, '')) : '');
/** Alert kinds in the hall console's own words (server/protocol/console-words.ts): one table for both consoles. */
export const alertWords = (kind: string): string => {
  const kinds = CONSOLE_WORDS[lang].alertKinds;
  return Object.hasOwn(kinds, kind) ? kinds[kind as keyof typeof kinds] : lang === 'en' ? 'Other alert' : '其他告警';
};
export const deviceKindWords = (kind: string): string => pick(DEVICE_KINDS[kind], lang === 'en' ? 'Device' : '其他设备');
export const deviceStateWords = (state: string): string => pick(DEVICE_STATES[state], lang === 'en' ? 'Unknown' : '未知');
export const ratingWords = (score: number): string => pick(RATING_LEVELS[score], '');
export const tagWords = (tag: string): string => pick(RATING_TAGS[tag], pick(RATING_TAGS.other, ''));
export const windowLabel = (n: number | undefined, fallback: string): string => (n === undefined ? fallback : lang === 'en' ? `Window ${n}` : `${n}号窗口`);
/** "3号窗口 综合受理": the number's label and the hall's name for it, the name alone when it already says the number. */
export function windowText(n: number | undefined, name: string | undefined, id: string): string {
  const label = windowLabel(n, name ?? id);
  if (!name || name === label) return label;
  return n !== undefined && name.includes(`${n}号窗口`) ? name : `${label} ${name}`;
}
export const refusal = (error: { code: string; message: string }): string => errorText(error, lang);

/** Fills every `data-i18n` element of the static page. */
export function translateStatic(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n as Key;
    if (Object.hasOwn(WORDS, key)) el.textContent = t(key);
  }
  document.title = t('title');
}
