/** The console's words in zh-CN (default) and English; error messages are translated by code. */
import type { Language } from '../server/protocol/model';

export type Lang = Language;

const zh = {
  title: '大厅管理', signIn: '管理员登录', username: '用户名', password: '密码', signInButton: '登录', logout: '退出',
  online: '在线', offline: '离线', connecting: '连接中',
  tabLive: '实时大厅', tabAlerts: '电子监察', tabFollowups: '好差评回访', tabProvince: '好差评上报', tabReports: '统计报表', tabAudit: '操作日志', tabAdmin: '系统配置',
  tabTerminals: '终端', terminals: '大厅终端', terminalName: '终端', pageVersion: '页面版本', versionDiffers: '与服务器版本不同，请刷新', darkGrade: '故障等级',
  lastFault: '最近故障', reloadPage: '刷新页面', reloadSent: '已通知刷新', noTerminals: '还没有终端连接过本服务器', signedOut: '已退出（非故障）',
  forgetTerminal: '移除', forgetConfirm: '从终端列表中移除「{name}」？它的离线告警将解除。该页面以后再次连接时，会重新出现在列表中。', forgotten: '已移除',
  unnamedDisplay: '未命名的显示屏', unnamedClerkPc: '未命名的窗口电脑', terminalCode: '识别码 {code}', respondBy: '{at} 前响应', otherTerminalFault: '故障',
  nameHint: '命名方法：在这台设备的页面地址后加上 ?name=名称（如 ?name=一楼大屏），刷新后显示该名称',
  service: '事项', waiting: '等候', longestWait: '最长等候', meanWait: '平均等候', meanService: '平均办理', served: '办结', noShows: '过号',
  window: '窗口', state: '状态', clerk: '工作人员', current: '当前号', forHow: '已办理', pauseReason: '暂停原因', since: '起始',
  recentCalls: '最近叫号', devices: '设备状态', device: '设备', kind: '类型', status: '状态', noDevices: '没有设备上报状态',
  chartArrivals: '每小时取号/办结（今日对比同星期平均）', chartWaiting: '今日等候人数', arrivalsToday: '今日取号', servedToday: '今日办结',
  arrivalsUsual: '同星期平均取号', servedUsual: '同星期平均办结',
  alerts: '待处理告警', alertSubject: '对象', alertLimit: '时限', alertRaised: '发生时间', noAlerts: '没有待处理告警', note: '处理说明', acknowledge: '确认处理', cleared: '已解除', active: '持续中',
  storageDown: '服务器磁盘已满或无法写入：已暂停取号，新的操作不能保存。请立即清理服务器磁盘空间（见 docs/reliability.md「磁盘已满」），恢复后系统自动继续。',
  followups: '差评回访整改', followupRate: '回访整改率', overdueItems: '逾期', due: '期限', assignee: '责任人', level: '评价', reasons: '原因',
  callback: '回访', remedy: '整改', feedback: '反馈', record: '记录', appeal: '申诉', appealDecide: '复核', accept: '申诉成立', reject: '驳回',
  noFollowups: '没有待办回访', open: '办理中', closed: '已办结', overdue: '已逾期',
  reports: '统计报表', from: '开始日期', to: '结束日期', show: '查询', downloadCsv: '下载 CSV', downloadXlsx: '下载 Excel', print: '打印',
  byService: '按事项', byWindow: '按窗口', byHour: '按时段', arrivals: '取号', noShowRate: '过号率', waitP50: '等候P50', waitP90: '等候P90',
  serviceP50: '办理P50', serviceP90: '办理P90', ratings: '评价数', satisfaction: '满意率', bad: '差评',
  exportRatings: '导出好差评 (JSON)', exportRatingsCsv: '导出好差评 (CSV)', exportTickets: '导出票据明细 (XLSX)', ranking: '季度排名', quarter: '季度',
  notices: '显示屏公告', save: '保存', staff: '人员', role: '角色', resetPassword: '重置密码', newPassword: '新密码', holidays: '节假日',
  workdays: '调休上班日', settings: '参数', followupDays: '整改期限（工作日）', pauseLimit: '暂停告警（分钟）', layout: '事项与窗口 (JSON)',
  layoutOverridden: '此布局已在控制台修改，覆盖 hallq.yaml', layoutEditedBy: '修改', layoutOverriddenHint: '修改 hallq.yaml 中的事项与窗口不会生效；用 hallq layout export 导出为 YAML，hallq layout drop 恢复使用配置文件。',
  backups: '备份', backupNow: '立即备份', download: '下载', lastDaily: '最近每日备份', backupFailed: '上次立即备份失败', saved: '已保存', minutes: '分钟',
  closedState: '关闭', openState: '空闲', pausedState: '暂停', servingState: '办理中',
  actions: '操作', release: '强制关窗', releaseHint: '关闭无人值守的窗口，工作人员被签退', released: '已强制关窗',
  releaseConfirm: '强制关闭{window}？该窗口的工作人员将被签退，窗口关闭。',
  releaseConfirmServing: '强制关闭{window}？正在办理的 {number} 将回到队首等候，由下一个可办理的窗口叫号；该窗口的工作人员将被签退。',
  switchLanguage: 'English', bytes: '字节',
  guideHeading: '办事指南（一次性告知：取号前在取号机上显示）', guideMaterials: '所需材料', guideMaterialsHint: '每行一项，按准备顺序',
  guideBasis: '办理依据', guidePromiseDays: '承诺时限(工作日)', guidePromiseHint: '0 为即办；留空则不显示', guideFees: '收费标准',
  layoutTitle: '事项与窗口', servicesHeading: '事项类别', windowsHeading: '窗口', itemId: '编号', serviceName: '名称', prefix: '号码字头',
  rangeStart: '起始号', rangeEnd: '结束号', hours: '办理时段', hoursHint: '如 08:30-12:00, 13:30-17:00；留空为全天', dailyCap: '每日限号',
  dailyCapHint: '留空为不限', noCap: '不限', allDay: '全天', serviceMinutes: '预计办理(分钟)', waitLimit: '等候时限(分钟)', serviceLimit: '办理时限(分钟)',
  addService: '添加事项', removeService: '删除事项', remove: '删除', newService: '新事项', newWindow: '新窗口', windowNumber: '窗口号',
  windowName: '窗口名称', windowNameDefault: '留空则为“N号窗口”', windowServices: '办理事项（按优先顺序）', weight: '权重',
  weightHint: '权重越大越优先叫号；未手动改过时随顺序自动调整', moveUp: '上移', moveDown: '下移', removeFromWindow: '移出',
  chooseService: '选择事项', addToWindow: '加入', addWindow: '添加窗口', removeWindow: '删除窗口', saveLayout: '保存事项与窗口',
  saving: '正在保存…', fixMarked: '请先改正标红的内容', advancedJson: '高级：以 JSON 编辑（英文名称、区域等少用字段）', saveJson: '保存 JSON',
  problemRequired: '必填', problemNotInteger: '请填整数', problemNotNumber: '请填数字', problemBadHours: '时段格式应为 08:30-12:00，多段用逗号分隔',
  problemBadId: '只能用字母、数字、- 和 _（最多 32 个）', problemBadPrefix: '一到两个大写字母', problemNoServices: '请至少加入一个事项', problemBadJson: 'JSON 格式有误',
  hourHeading: '时段', windowCountsNote: '按窗口：取号＝在本窗口叫到的取号票（转办不算新取号，从未叫号的票不计入任何窗口）；办结＝在本窗口办结的次数，含从其他窗口转来的。所以接收转办的窗口，办结可多于取号。',
  followupScope: '显示', scopeOpen: '办理中', scopeClosed: '已办结（近90天）', scopeRecent: '全部（近90天）', closedAt: '办结时间', closedBy: '办结人', result: '结果', stepBy: '记录人',
  resultFeedback: '已回访并反馈', noClosedFollowups: '近90天没有已办结的回访', noRecentFollowups: '近90天没有差评回访',
  rankingWeights: '红旗窗口/服务明星评分权重', weightSatisfaction: '满意率权重', weightServed: '办结量权重', weightHandling: '办理用时权重', weightNoShowRate: '过号率权重',
  minServed: '参评最少办结数', rankingWeightsHint: '各项权重按比例折算为 100 分；办结数少于参评最少办结数的不参加评选。',
  departmentsHeading: '部门（取号机按此顺序分组显示）', departmentName: '部门名称', departmentNameEn: '英文名称', addDepartment: '添加部门',
  removeDepartment: '删除部门', newDepartment: '新部门', department: '所属部门', noDepartment: '无',
  departmentInUse: '不能删除部门「{name}」：仍有事项属于它（{services}）。请先把这些事项改到其他部门或「无」。',
  kiosksHeading: '取号机可取的事项', kioskName: '取号机', kioskOffers: '可取', kioskOffersAll: '全部事项', kioskOffersChosen: '只取以下部门或事项',
  kioskDepartments: '部门', kioskServices: '事项', problemNoOffer: '请至少勾选一个部门或事项',
} as const;

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'Hall manager', signIn: 'Manager sign-in', username: 'Username', password: 'Password', signInButton: 'Sign in', logout: 'Sign out',
  online: 'Online', offline: 'Offline', connecting: 'Connecting',
  tabLive: 'Live hall', tabAlerts: 'Alerts', tabFollowups: 'Follow-ups', tabProvince: 'Province delivery', tabReports: 'Reports', tabAudit: 'Audit log', tabAdmin: 'Configuration',
  tabTerminals: 'Terminals', terminals: 'Hall terminals', terminalName: 'Terminal', pageVersion: 'Page version', versionDiffers: 'differs from the hub: reload it', darkGrade: 'Fault grade',
  lastFault: 'Last fault', reloadPage: 'Reload page', reloadSent: 'Reload requested', noTerminals: 'No terminal has connected to this hub yet', signedOut: 'Left (not a fault)',
  forgetTerminal: 'Remove', forgetConfirm: 'Remove "{name}" from the terminal list? Its dark alert clears. If the page connects again later, it is listed again.', forgotten: 'removed',
  unnamedDisplay: 'Unnamed display', unnamedClerkPc: 'Unnamed clerk PC', terminalCode: 'ID {code}', respondBy: 'respond by {at}', otherTerminalFault: 'fault',
  nameHint: 'To name it, add ?name=… to the page address on that device (e.g. ?name=Lobby screen) and reload',
  service: 'Service', waiting: 'Waiting', longestWait: 'Longest wait', meanWait: 'Mean wait', meanService: 'Mean service', served: 'Served', noShows: 'No-shows',
  window: 'Window', state: 'State', clerk: 'Clerk', current: 'Current', forHow: 'For', pauseReason: 'Pause reason', since: 'Since',
  recentCalls: 'Recent calls', devices: 'Devices', device: 'Device', kind: 'Kind', status: 'Status', noDevices: 'No device has reported yet',
  chartArrivals: 'Arrivals / served per hour (today vs same weekday)', chartWaiting: 'Waiting today', arrivalsToday: 'Arrivals today', servedToday: 'Served today',
  arrivalsUsual: 'Usual arrivals', servedUsual: 'Usual served',
  alerts: 'Open alerts', alertSubject: 'Subject', alertLimit: 'Limit', alertRaised: 'Raised', noAlerts: 'No open alerts', note: 'Note', acknowledge: 'Acknowledge', cleared: 'Cleared', active: 'Ongoing',
  storageDown: 'The hub\'s disk is full or failing: ticketing is paused and no change can be saved. Free disk space on the hub now (docs/reliability.md, "Full disk"); it resumes by itself.',
  followups: 'Bad-rating follow-ups', followupRate: 'Follow-up rate', overdueItems: 'Overdue', due: 'Due', assignee: 'Assignee', level: 'Level', reasons: 'Reasons',
  callback: 'Call-back', remedy: 'Remedy', feedback: 'Feedback', record: 'Record', appeal: 'Appeal', appealDecide: 'Review', accept: 'Accept appeal', reject: 'Reject',
  noFollowups: 'No open follow-ups', open: 'Open', closed: 'Closed', overdue: 'Overdue',
  reports: 'Reports', from: 'From', to: 'To', show: 'Show', downloadCsv: 'Download CSV', downloadXlsx: 'Download Excel', print: 'Print',
  byService: 'By service', byWindow: 'By window', byHour: 'By hour', arrivals: 'Arrivals', noShowRate: 'No-show rate', waitP50: 'Wait p50', waitP90: 'Wait p90',
  serviceP50: 'Service p50', serviceP90: 'Service p90', ratings: 'Ratings', satisfaction: 'Satisfaction', bad: 'Bad',
  exportRatings: 'Export ratings (JSON)', exportRatingsCsv: 'Export ratings (CSV)', exportTickets: 'Export tickets (XLSX)', ranking: 'Quarterly ranking', quarter: 'Quarter',
  notices: 'Display notices', save: 'Save', staff: 'Staff', role: 'Role', resetPassword: 'Reset password', newPassword: 'New password', holidays: 'Holidays',
  workdays: 'Working weekend days', settings: 'Settings', followupDays: 'Follow-up deadline (working days)', pauseLimit: 'Pause alert (minutes)', layout: 'Services and windows (JSON)',
  layoutOverridden: 'This layout was edited in the console and overrides hallq.yaml', layoutEditedBy: 'edited', layoutOverriddenHint: 'Editing services and windows in hallq.yaml has no effect; `hallq layout export` prints this layout as YAML, `hallq layout drop` goes back to the file.',
  backups: 'Backups', backupNow: 'Back up now', download: 'Download', lastDaily: 'Last daily backup', backupFailed: 'last "Back up now" failed at', saved: 'Saved', minutes: 'min',
  closedState: 'Closed', openState: 'Idle', pausedState: 'Paused', servingState: 'Serving',
  actions: 'Actions', release: 'Release window', releaseHint: 'Close a window its clerk left open; the clerk is signed out there', released: 'Window released',
  releaseConfirm: 'Release {window}? Its clerk is signed out there and the window closes.',
  releaseConfirmServing: 'Release {window}? {number}, at the counter now, goes back to the front of the queue for the next window that serves it; the clerk is signed out there.',
  switchLanguage: '中文', bytes: 'Bytes',
  guideHeading: 'Service guide (shown on the kiosk before the ticket)', guideMaterials: 'Materials', guideMaterialsHint: 'one per line, in the order to gather them',
  guideBasis: 'Legal basis', guidePromiseDays: 'Promised time (working days)', guidePromiseHint: '0 = on the spot; empty = not shown', guideFees: 'Fees',
  layoutTitle: 'Services and windows', servicesHeading: 'Services', windowsHeading: 'Windows', itemId: 'ID', serviceName: 'Name', prefix: 'Prefix',
  rangeStart: 'First no.', rangeEnd: 'Last no.', hours: 'Opening hours', hoursHint: 'e.g. 08:30-12:00, 13:30-17:00; empty = all day', dailyCap: 'Daily cap',
  dailyCapHint: 'empty = no cap', noCap: 'none', allDay: 'all day', serviceMinutes: 'Service (min)', waitLimit: 'Wait limit (min)', serviceLimit: 'Service limit (min)',
  addService: 'Add service', removeService: 'Remove service', remove: 'Remove', newService: 'New service', newWindow: 'New window', windowNumber: 'Number',
  windowName: 'Name', windowNameDefault: 'empty: “Window N”', windowServices: 'Services (in priority order)', weight: 'Weight',
  weightHint: 'A higher weight is called sooner; unless set by hand it follows the order', moveUp: 'Move up', moveDown: 'Move down', removeFromWindow: 'Take off',
  chooseService: 'Choose a service', addToWindow: 'Add', addWindow: 'Add window', removeWindow: 'Remove window', saveLayout: 'Save services and windows',
  saving: 'Saving…', fixMarked: 'Please correct the marked fields first', advancedJson: 'Advanced: edit as JSON (English names, areas and other rare fields)', saveJson: 'Save JSON',
  problemRequired: 'Required', problemNotInteger: 'Enter a whole number', problemNotNumber: 'Enter a number', problemBadHours: 'Write periods as 08:30-12:00, separated by commas',
  problemBadId: 'Letters, digits, - and _ only (up to 32)', problemBadPrefix: 'One or two capital letters', problemNoServices: 'Add at least one service', problemBadJson: 'The JSON is not valid',
  hourHeading: 'Hour', windowCountsNote: 'By window: arrivals = tickets taken at the kiosk that were called at this window (a transfer is not a new arrival; a ticket never called counts at no window); served = visits finished at this window, including those transferred here. A window that receives transfers can finish more than it took.',
  followupScope: 'Show', scopeOpen: 'Open', scopeClosed: 'Closed (90 days)', scopeRecent: 'All (90 days)', closedAt: 'Closed at', closedBy: 'Closed by', result: 'Result', stepBy: 'by',
  resultFeedback: 'Called back and told the outcome', noClosedFollowups: 'No follow-up closed in the last 90 days', noRecentFollowups: 'No follow-up in the last 90 days',
  rankingWeights: 'Honours scoring weights', weightSatisfaction: 'Satisfaction weight', weightServed: 'Served weight', weightHandling: 'Handling time weight', weightNoShowRate: 'No-show rate weight',
  minServed: 'Minimum served to be ranked', rankingWeightsHint: 'The weights are scaled to a score out of 100; a clerk or window that served fewer than the minimum is not ranked.',
  departmentsHeading: 'Departments (the kiosk groups services in this order)', departmentName: 'Department name', departmentNameEn: 'English name', addDepartment: 'Add department',
  removeDepartment: 'Remove department', newDepartment: 'New department', department: 'Department', noDepartment: 'None',
  departmentInUse: 'Department “{name}” cannot be removed: services still belong to it ({services}). Move them to another department or to “None” first.',
  kiosksHeading: 'What each kiosk offers', kioskName: 'Kiosk', kioskOffers: 'Offers', kioskOffersAll: 'Every service', kioskOffersChosen: 'Only these departments or services',
  kioskDepartments: 'Departments', kioskServices: 'Services', problemNoOffer: 'Tick at least one department or service',
};

export const LANGUAGE_KEY = 'hallq.manager.lang';
let lang: Lang = 'zh-CN';

export function t(key: Key): string {
  return lang === 'en' ? en[key] : zh[key];
}

export function isKey(key: string): key is Key {
  return Object.hasOwn(zh, key);
}

/** "Window 3" / "3号窗口". */
export function windowLabel(n: number): string {
  return lang === 'en' ? `Window ${n}` : `${n}号窗口`;
}

export function language(): Lang {
  return lang;
}

/** Shows the page in `next`; remembered on this device only when the manager pressed the switch. */
export function setLanguage(next: Lang, isChosen = false): void {
  lang = next;
  if (isChosen) localStorage.setItem(LANGUAGE_KEY, next);
  document.documentElement.lang = next;
  document.title = `hallq ${t('title')}`;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n ?? '';
    if (isKey(key)) el.textContent = t(key);
  }
}
