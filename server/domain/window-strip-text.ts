/** What a window LED strip says in each window state, and why a caller key was refused. Pure, so the wording is tested without a bus. */
import type { ErrorCode } from '../protocol/errors';
import type { WindowState } from '../protocol/model';

export const PAUSED_TEXT = '暂停服务';

/** "A012 请到3号窗口": the format visitors know from the hall displays. */
export function calledText(ticketNumber: string, windowNumber: number): string {
  return `${ticketNumber} 请到${windowNumber}号窗口`;
}

/** Text for a window with nobody at the counter; undefined while serving (the call text stays up). */
export function idleText(state: WindowState, windowNumber: number): string | undefined {
  switch (state) {
    case 'paused':
      return PAUSED_TEXT;
    case 'open':
      return `${windowNumber}号窗口 欢迎您`;
    case 'closed':
      return `${windowNumber}号窗口 暂停办理`;
    case 'serving':
      return undefined;
  }
}

/** Why the hub refused a caller key, in the words a strip can show. */
export type CallerRefusal = ErrorCode | 'nobody-waiting' | 'no-hub-action';

/**
 * The short reason a strip flashes when a caller key is refused. Fixed wording per refusal: never
 * a ticket number or a name, since the strip faces the hall.
 */
export function refusalText(refusal: CallerRefusal): string {
  switch (refusal) {
    case 'nobody-waiting':
      return '无人等候';
    case 'no-current-ticket':
      return '无当前办理';
    case 'window-closed':
      return '窗口未开';
    case 'window-paused':
      return '窗口暂停中';
    case 'window-busy':
      return '请先办结当前';
    case 'no-hub-action':
      // Transfer needs a target (service or window) that a caller key cannot choose.
      return '请在窗口页操作';
    default:
      return '操作未执行';
  }
}
