/**
 * What the connection badge says. socket.io's own reasons (`websocket error`, `xhr poll error`, `timeout`)
 * and the hub's English refusals are for a log, not for a Chinese page: there they read as words.
 */
import type { Lang } from './i18n';

export function connectionDetail(detail: string | undefined, lang: Lang): string | undefined {
  if (detail === undefined || detail === '') return undefined;
  if (lang === 'en') return detail;
  if (/hub restarting/i.test(detail)) return '服务器正在重启，稍后自动重连';
  if (/sign in|session/i.test(detail)) return '登录已失效，请重新登录';
  if (/protocol|outdated|version/i.test(detail)) return '页面版本过旧，正在刷新';
  return '无法连接服务器，正在自动重试';
}
