/** What a window LED strip says in each window state. Pure, so the wording is tested without a bus. */
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
