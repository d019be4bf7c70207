/** Every word the kiosk shows, in plain language, zh-CN and en. Errors are translated by code. */
import type { Language, ServiceView } from '../server/protocol/model';
import type { DEMO_APPOINTMENT_KINDS, DemoPerson } from '../server/protocol/kiosk';

type DemoKind = (typeof DEMO_APPOINTMENT_KINDS)[number];

export type Lang = Language;

/** What the hub says about a wait figure; absent from an older hub (then: a guess, with a window open). */
interface WaitWords {
  readonly isUnstaffed?: boolean;
  readonly isGuess?: boolean;
}

/** The page is served by the hub it asks, so the shape is the hub's own. */
type NextOpening = NonNullable<ServiceView['nextOpening']>;

/** A hall-local 'YYYY-MM-DD' as numbers, and its weekday (0 Sunday): a calendar day, so no time zone applies. */
function calendarDay(day: string): { month: number; date: number; weekday: number } {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return { month: m, date: d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** 「明天 09:00 起可取号」, 「12月7日（星期一）09:00 起可取号」; without a range 「请明天再来」. */
function nextOpeningZh(n: NextOpening): string {
  if (n.isToday) return n.from ? `今天 ${n.from} 起可取号` : '请今天稍后再来';
  if (n.isTomorrow) return n.from ? `明天 ${n.from} 起可取号` : '请明天再来';
  const d = calendarDay(n.day);
  const date = `${d.month}月${d.date}日（${WEEKDAYS_ZH[d.weekday] ?? ''}）`;
  return n.from ? `${date}${n.from} 起可取号` : `请${date}再来`;
}

/** "Tomorrow from 09:00" (as "From 13:30 today"), "Mon 7 Dec from 09:00"; without a range "Come back tomorrow". */
function nextOpeningEn(n: NextOpening): string {
  if (n.isToday) return n.from ? `From ${n.from} today` : 'Come back later today';
  const d = calendarDay(n.day);
  const when = n.isTomorrow ? 'tomorrow' : `${WEEKDAYS_EN[d.weekday] ?? ''} ${d.date} ${MONTHS_EN[d.month - 1] ?? ''}`;
  return n.from ? `${n.isTomorrow ? 'Tomorrow' : when} from ${n.from}` : `Come back ${when}`;
}

const DEMO_KIND_ZH: Readonly<Record<DemoKind, string>> = { 'on-time': '准时', late: '已过时段', 'later-today': '今天稍后' };
const DEMO_KIND_EN: Readonly<Record<DemoKind, string>> = { 'on-time': 'on time', late: 'slot passed', 'later-today': 'later today' };

const zh = {
  pageTitle: '取号',
  title: '请选择要办理的业务',
  titleWithPerson: (name: string) => `${name} 您好，请选择要办理的业务`,
  waiting: (n: number) => `等候 ${n} 人`,
  // The hub decides what the figure means (ServiceView / IssuedTicket): no open window, or a guess (约).
  estimate: (m: number, w: WaitWords = {}) => (w.isUnstaffed === true ? '窗口暂未开放' : m <= 0 ? '无需等待' : `${w.isGuess === false ? '' : '约 '}${m} 分钟`),
  outsideHours: '现在不办理',
  hours: '办理时间',
  hoursSeparator: '、',
  capReached: '今天的号已取完',
  // The hub says when tickets can be taken again (ServiceView.nextOpening): the visitor's next step.
  nextOpening: nextOpeningZh,
  paused: '暂停取号',
  pausedLine: '系统暂时不能保存新的号码，工作人员正在处理。已取到号的请留意叫号屏；需要取号的请稍候，或到服务台咨询。',
  swipeCard: '刷身份证取号（一证通办）：请把身份证放在下方读卡区',
  typeId: '输入身份证号',
  appointment: '预约取号',
  cancelPerson: '取消',
  cardHeld: (name: string) => `已读取身份证：${name}`,
  typedHeld: (masked: string) => `身份证号：${masked}`,
  greenChannel: '您可走绿色通道，优先办理',
  elderlyOn: '大字模式',
  elderlyOff: '标准模式',
  language: 'English',
  idTitle: '请输入身份证号码（18位）',
  idBad: '身份证号码应为18位，最后一位可以是 X',
  idProblem: {
    length: '身份证号码应为18位，最后一位可以是 X',
    'birth-date': '身份证号码中的出生日期不对，请核对。可按「删除」逐位修改。',
    'check-digit': '身份证号码校验位不对，请核对。可按「删除」逐位修改。',
    refused: '身份证号码有误，请与身份证逐位核对后再试。',
  } as Record<string, string>,
  ok: '确定',
  back: '返回',
  clear: '清空',
  del: '删除',
  apptTitle: '请输入预约码，或扫描预约二维码',
  apptFind: '查询预约',
  apptSlot: (from: string, to: string) => `预约时间 ${from}–${to}`,
  apptOnTime: '您已按时到达，取号后将优先办理。',
  apptEarly: (from: string) => `您的预约时间是 ${from}。现在取号，到时将优先叫您。`,
  apptLate: '您已超过预约时间，将为您取普通号，按顺序办理。',
  apptUsed: '这个预约已经取过号了。如有疑问请到服务台咨询。',
  apptNotToday: '这个预约不是今天的。请在预约当天来办理。',
  take: '取号',
  // Departments first in a large hall (kiosk-ui/menu-view.ts).
  chooseDepartment: '请先选择办理部门',
  otherDepartment: '其他业务',
  departmentCount: (services: number, waiting: number) => `${services} 项业务 · 等候 ${waiting} 人`,
  allDepartments: '返回部门列表',
  pagePrev: '上一页',
  pageNext: '下一页',
  pageOf: (page: number, pages: number) => `第 ${page} / ${pages} 页`,
  // 一次性告知 (kiosk-ui/guide-view.ts): said before the ticket is printed.
  guideTitle: '请确认已带齐以下材料',
  guideContinue: '继续取号',
  guideBasis: '办理依据',
  guidePromise: (days: number) => (days === 0 ? '承诺时限：即来即办' : `承诺时限：${days} 个工作日`),
  guideFees: '收费标准',
  guideNotes: '温馨提示',
  issuing: '正在取号，请稍候…',
  yourNumber: '您的号码',
  ahead: (n: number) => (n === 0 ? '前面没有人等候' : `前面还有 ${n} 人`),
  wait: (m: number, w: WaitWords = {}) =>
    w.isUnstaffed === true ? '该业务窗口暂未开放，开放后按顺序叫号' : m <= 0 ? '很快就会叫到您' : `预计等待${w.isGuess === false ? '' : '约'} ${m} 分钟`,
  printed: '请取走下方打印的号票。',
  notPrinted: (why: string) => `抱歉，号票没有打印出来（${why}）。请记下号码，或用手机拍下这个屏幕、扫描二维码。工作人员已收到提醒。`,
  notPrintedDone: '记好号码后，请点「完成」',
  printerDown: (why: string) => `${why}，号码将显示在屏幕上，请用手机拍照或扫码`,
  readerDown: '读卡器暂时不能用。要用身份证取号，请点「输入身份证号」',
  idleSoon: (s: number) => `即将返回首页（${s} 秒）。点屏幕任意处可继续使用`,
  scan: '手机扫码，随时查看排队进度',
  greenTicket: '绿色通道：您将优先办理。',
  apptTicket: '预约号：到预约时间将优先叫您。',
  lateTicket: '您已超过预约时间，这是一张普通号。',
  done: '完成',
  returning: (s: number) => `${s} 秒后自动返回首页`,
  returningSoon: (s: number) => `即将返回首页（${s} 秒）`,
  home: '返回首页',
  offline: '网络中断，正在重新连接…',
  demo: '演示：模拟刷身份证',
  demoPerson: (p: DemoPerson) => `${p.name}（${p.age}岁${p.isGreenChannel ? '，绿色通道' : ''}）`,
  demoAppts: '演示预约码：',
  // The hub sends the kind of each demo appointment as data; the strip says it in words. No service name: in a
  // large hall the long names wrapped the strip and squeezed the menu; the code itself leads to its service.
  demoAppt: (code: string, at: string, kind: DemoKind) => `${code}（${at}，${DEMO_KIND_ZH[kind]}）`,
  demoApptSeparator: '；',
  print: { 'paper-out': '打印机缺纸', 'cover-open': '打印机盖未关好', offline: '打印机未连接', error: '打印机故障', 'no-printer': '没有打印机' } as Record<string, string>,
  errors: {
    'person-limit-reached': '您今天在这项业务已取过多次号，不能再取。如有需要请到服务台咨询。',
    'service-closed': '这项业务现在不办理。',
    'daily-cap-reached': '这项业务今天的号已取完，请明天再来或网上预约。',
    'numbers-exhausted': '这项业务今天的号已取完，请明天再来或网上预约。',
    'appointment-used': '这个预约已经取过号了。如有疑问请到服务台咨询。',
    'appointment-not-today': '这个预约不是今天的。请在预约当天来办理。',
    'appointment-other-person': '这个预约是用另一张身份证预约的。请出示预约时用的身份证，或直接取普通号。',
    'unknown-appointment': '没有找到这个预约码，请核对后重试，或直接取普通号。',
    'bad-id': '身份证号码有误，请核对后重新输入。',
    'card-expired': '身份证信息已过期，请重新把身份证放在读卡区。',
    'no-token': '这台取号机还没有设置设备令牌，请联系管理员。',
    forbidden: '这台取号机不办理这项业务。请到该业务所在区域的取号机取号，或到服务台咨询。',
    unavailable: '暂时连不上系统，请稍后再试，或到服务台咨询。',
    'storage-unavailable': '暂停取号：系统暂时不能保存新的号码，请稍候或到服务台咨询。',
    other: '取号没有成功，请再试一次，或到服务台咨询。',
  } as Record<string, string>,
};

type Strings = typeof zh;

const en: Strings = {
  pageTitle: 'Take a ticket',
  title: 'Choose the service you need',
  titleWithPerson: (name: string) => `Hello ${name}, choose the service you need`,
  waiting: (n: number) => `${n} waiting`,
  estimate: (m: number, w: WaitWords = {}) => (w.isUnstaffed === true ? 'No window open yet' : m <= 0 ? 'No wait' : `${w.isGuess === false ? '' : 'About '}${m} min`),
  outsideHours: 'Not open now',
  hours: 'Open',
  hoursSeparator: ', ',
  capReached: 'No more tickets today',
  nextOpening: nextOpeningEn,
  paused: 'Ticketing paused',
  pausedLine: 'The system cannot save new tickets right now; staff are dealing with it. If you have a ticket, watch the display; otherwise please wait a moment or ask at the help desk.',
  swipeCard: 'Have an ID card? Place it on the reader below to take a ticket in your name',
  typeId: 'Type ID number',
  appointment: 'I have an appointment',
  cancelPerson: 'Cancel',
  cardHeld: (name: string) => `ID card read: ${name}`,
  typedHeld: (masked: string) => `ID number: ${masked}`,
  greenChannel: 'You can use the green channel (served first)',
  elderlyOn: 'Large text',
  elderlyOff: 'Normal text',
  language: '中文',
  idTitle: 'Type your ID number (18 characters)',
  idBad: 'An ID number has 18 characters; the last one may be X',
  idProblem: {
    length: 'An ID number has 18 characters; the last one may be X',
    'birth-date': 'The birth date in this ID number is not right. Please check it; Delete removes one character.',
    'check-digit': 'The last character (check digit) does not match. Please check the number; Delete removes one character.',
    refused: 'This ID number is not right. Please compare it with your card and try again.',
  },
  ok: 'OK',
  back: 'Back',
  clear: 'Clear',
  del: 'Delete',
  apptTitle: 'Type your appointment code, or scan its QR code',
  apptFind: 'Find my appointment',
  apptSlot: (from: string, to: string) => `Appointment ${from}–${to}`,
  apptOnTime: 'You are on time. You will be served first.',
  apptEarly: (from: string) => `Your appointment is at ${from}. Take your ticket now; you will be called first from then.`,
  apptLate: 'Your appointment time has passed. You will get a normal ticket.',
  apptUsed: 'This appointment has already been used. Please ask at the help desk.',
  apptNotToday: 'This appointment is not for today. Please come on the day of your appointment.',
  take: 'Take ticket',
  chooseDepartment: 'First choose the department',
  otherDepartment: 'Other services',
  departmentCount: (services: number, waiting: number) => `${services} ${services === 1 ? 'service' : 'services'} · ${waiting} waiting`,
  allDepartments: 'Back to departments',
  pagePrev: 'Previous',
  pageNext: 'Next',
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  guideTitle: 'Please check you have everything below',
  guideContinue: 'Continue',
  guideBasis: 'Legal basis',
  guidePromise: (days: number) => (days === 0 ? 'Done while you wait' : `Done within ${days} working days`),
  guideFees: 'Fees',
  guideNotes: 'Please note',
  issuing: 'Taking your ticket…',
  yourNumber: 'Your number',
  ahead: (n: number) => (n === 0 ? 'Nobody is ahead of you' : `${n} ${n === 1 ? 'person' : 'people'} ahead of you`),
  wait: (m: number, w: WaitWords = {}) =>
    w.isUnstaffed === true
      ? 'No window for this service is open yet; you will be called in turn once one opens'
      : m <= 0 ? 'You will be called soon' : `Estimated wait ${w.isGuess === false ? '' : 'about '}${m} minutes`,
  printed: 'Please take your printed ticket below.',
  notPrinted: (why: string) => `Sorry, your ticket was not printed (${why}). Please note your number: photograph this screen or scan the QR code. Staff have been told.`,
  notPrintedDone: 'When you have your number, tap Done',
  printerDown: (why: string) => `${why.charAt(0).toUpperCase()}${why.slice(1)}: your number will be shown on the screen. Please take a photo or scan the QR code.`,
  readerDown: 'The ID card reader is not working. To use your ID, tap “Type ID number”.',
  idleSoon: (s: number) => `Going back to the start in ${s} s. Touch the screen to carry on.`,
  scan: 'Scan with your phone to follow the queue',
  greenTicket: 'Green channel: you will be served first.',
  apptTicket: 'Appointment ticket: you will be called first at your appointment time.',
  lateTicket: 'Your appointment time has passed: this is a normal ticket.',
  done: 'Done',
  returning: (s: number) => `Back to the start in ${s} seconds`,
  returningSoon: (s: number) => `Going back to the start in ${s} s`,
  home: 'Back to start',
  offline: 'Connection lost, reconnecting…',
  demo: 'Demo: place an ID card',
  demoPerson: (p: DemoPerson) => `${p.nameEn} (${p.age}${p.isGreenChannel ? ', green channel' : ''})`,
  demoAppts: 'Demo appointment codes: ',
  demoAppt: (code: string, at: string, kind: DemoKind) => `${code} (${at}, ${DEMO_KIND_EN[kind]})`,
  demoApptSeparator: '; ',
  print: { 'paper-out': 'the printer is out of paper', 'cover-open': 'the printer cover is open', offline: 'the printer is not connected', error: 'the printer has a fault', 'no-printer': 'no printer' },
  errors: {
    'person-limit-reached': 'You have already taken the most tickets allowed for this service today. Please ask at the help desk.',
    'service-closed': 'This service is not open now.',
    'daily-cap-reached': 'There are no more tickets for this service today. Please come back tomorrow or book online.',
    'numbers-exhausted': 'There are no more tickets for this service today. Please come back tomorrow or book online.',
    'appointment-used': 'This appointment has already been used. Please ask at the help desk.',
    'appointment-not-today': 'This appointment is not for today. Please come on the day of your appointment.',
    'appointment-other-person': 'This appointment was booked with a different ID card. Please show the card you booked with, or take a normal ticket.',
    'unknown-appointment': 'We cannot find this appointment code. Please check it, or take a normal ticket.',
    'bad-id': 'This ID number is not right. Please check it and type it again.',
    'card-expired': 'The ID card reading has expired. Please place your card on the reader again.',
    'no-token': 'This kiosk has no device token yet. Please call the administrator.',
    forbidden: 'This kiosk does not issue tickets for this service. Please use a kiosk in that service\'s area, or ask at the help desk.',
    unavailable: 'The system cannot be reached right now. Please try again or ask at the help desk.',
    'storage-unavailable': 'Ticketing is paused: the system cannot save new tickets right now. Please wait or ask at the help desk.',
    other: 'The ticket could not be taken. Please try again or ask at the help desk.',
  },
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { 'zh-CN': zh, en };
export type { Strings };
