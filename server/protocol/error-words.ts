/**
 * What a refusal says on a staff or visitor page in Chinese. The hub's own message is English and names
 * the particulars (the ticket, the window); a page in zh-CN shows these words, chosen by the error's code,
 * and keeps the hub's sentence where only it can say what to fix (a field of a request or of the layout).
 * The kiosk has its own, plainer words for visitors (kiosk-ui/i18n.ts).
 */
import type { ErrorCode } from './errors';
import type { Language } from './model';

const ZH: Record<ErrorCode, string> = {
  'invalid-request': '请求内容有误',
  'unauthenticated': '请先登录',
  'bad-credentials': '工号或密码错误',
  'session-expired': '登录已过期，请重新登录',
  'session-ended': '您已退出登录，请重新登录',
  'forbidden': '没有此操作的权限',
  'not-signed-in-here': '您未在此窗口登录',
  'priority-not-allowed': '优先号需核验：绿色通道按证件年龄或由工作人员办理，预约号需有效预约码',
  'tls-required': '请使用 https:// 安全地址打开本页面',
  'not-found': '找不到该内容',
  'unknown-service': '没有这个事项类别',
  'unknown-window': '没有这个窗口',
  'unknown-ticket': '找不到这个号码',
  'unknown-appointment': '找不到这个预约码',
  'service-closed': '该事项当前不在办理时间',
  'daily-cap-reached': '该事项今日号源已发完',
  'numbers-exhausted': '该事项今日号码已用完',
  'person-limit-reached': '该证件今日取号已达上限',
  'window-closed': '窗口未开，请先开窗',
  'window-paused': '窗口已暂停，请先恢复',
  'window-busy': '当前还有办事人，请先办结、挂起、转移或过号',
  'window-taken': '该窗口已由其他工作人员登录',
  'signed-in-elsewhere': '您仍在其他窗口登录，请先在该窗口关窗',
  'target-window-closed': '转入的窗口未开，请选择已开的窗口或转到事项',
  'no-window-serves': '目前没有已开的窗口办理该事项，请改选其他事项或指定一个已开的窗口',
  'undo-expired': '过号已超过可撤销的时间，不能再撤销；如需办理请让群众重新取号或由管理员指定叫号',
  'no-current-ticket': '当前没有正在办理的号码，请先叫号',
  'ticket-not-waiting': '该号码不在等候中',
  'ticket-not-here': '该号码已转到其他窗口',
  'ticket-not-finished': '该号码尚未办结，办结后才能评价',
  'ticket-state': '当前状态下不能进行此操作',
  'already-rated': '该次办事已评价过，每次办事只评价一次',
  'rating-closed': '评价时间已过',
  'appointment-used': '该预约已使用',
  'appointment-not-today': '该预约不是今天的',
  'appointment-other-person': '该预约是用其他身份证预约的',
  'idempotency-conflict': '重复的请求编号，请重试',
  'already-acknowledged': '该告警已确认',
  'account-exists': '该用户名已存在，请换一个用户名，或在列表中修改该账号',
  'followup-closed': '该回访已结束',
  'appeal-not-allowed': '当前不能申诉',
  'terminal-dark': '该终端已离线，恢复在线后才能刷新页面',
  'terminal-online': '该终端正在线，不能移除；请先关闭该页面',
  'config-invalid': '配置有误',
  'payload-too-large': '提交的内容太大',
  'request-timeout': '网络太慢，请求未能及时送达，请重试',
  'rate-limited': '操作太频繁，请稍后再试',
  'uplink-gap': '市中心缺少部分记录，正在补发',
  'uplink-generation-conflict': '本厅数据库与市中心记录不一致（可能由备份恢复），将以新的历史继续上报',
  'protocol-outdated': '页面版本已过期，请刷新页面',
  'internal': '系统出错，操作未完成，请重试',
  'unavailable': '系统暂时不可用，请稍后再试',
  'storage-unavailable': '服务器磁盘已满或无法写入，暂停取号。请联系管理员清理磁盘空间或检查磁盘。',
  'busy': '系统正忙，请几秒后再登录',
  'not-ready': '服务器磁盘空间即将用完，请尽快清理',
};

/** Codes whose English message carries what to correct (a field name, a layout rule): shown after the words. */
const WITH_DETAIL: ReadonlySet<ErrorCode> = new Set(['invalid-request', 'config-invalid']);

/**
 * Codes whose words name a window the hub's message names first ("… at window 5. …"): the number is taken
 * from there. Without a number the plain words above are shown.
 */
const ZH_WITH_WINDOW: Partial<Record<ErrorCode, (windowNumber: string) => string>> = {
  'signed-in-elsewhere': (n) => `您仍在${n}号窗口登录，请先在该窗口关窗`,
};

/**
 * The text to show for a refusal `{ code, message }` from the hub in `language`. An unknown code (a newer hub)
 * falls back to the hub's own message.
 */
export function errorText(error: { readonly code: string; readonly message: string }, language: Language): string {
  if (language !== 'zh-CN' || !Object.hasOwn(ZH, error.code)) return error.message;
  const code = error.code as ErrorCode;
  const withWindow = ZH_WITH_WINDOW[code];
  const windowNumber = withWindow ? /\bwindow (\d+)\b/i.exec(error.message)?.[1] : undefined;
  if (withWindow && windowNumber !== undefined) return withWindow(windowNumber);
  return WITH_DETAIL.has(code) ? `${ZH[code]}：${error.message}` : ZH[code];
}
