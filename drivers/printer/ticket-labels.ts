import type { TicketLanguage } from './ticket-types';

export interface WaitWords {
  readonly isUnstaffed?: boolean;
  readonly isGuess?: boolean;
}

/** The fixed wording of a ticket. Kept apart from layout so translators touch one small file. */
export interface TicketLabels {
  waitingAhead(count: number): string;
  /** The wait line: a time (「约」 when a guess), 「即将叫号」 with nobody ahead, or that no window is open. */
  estimatedWait(minutes: number, wait?: WaitWords): string;
  issuedAt(formatted: string): string;
  /** The priority line: 「绿色通道（老年人）」 or 「预约」. */
  greenChannel(reason?: string): string;
  appointment: string;
}

const ZH_CN: TicketLabels = {
  waitingAhead: (count) => `前面等候 ${count} 人`,
  estimatedWait: (minutes, wait = {}) =>
    wait.isUnstaffed === true
      ? '该业务窗口暂未开放，开放后按顺序叫号'
      : minutes > 0
        ? `预计等待${wait.isGuess === false ? '' : '约'} ${minutes} 分钟`
        : '即将叫号，请留意',
  issuedAt: (formatted) => `取号时间 ${formatted}`,
  greenChannel: (reason) => (reason ? `绿色通道（${reason}）` : '绿色通道'),
  appointment: '预约',
};

const EN: TicketLabels = {
  waitingAhead: (count) => `People ahead: ${count}`,
  estimatedWait: (minutes, wait = {}) =>
    wait.isUnstaffed === true
      ? 'No window for this service is open yet; you will be called in turn once one opens'
      : minutes > 0
        ? `Estimated wait: ${wait.isGuess === false ? '' : 'about '}${minutes} min`
        : 'You will be called shortly',
  issuedAt: (formatted) => `Issued: ${formatted}`,
  greenChannel: (reason) => (reason ? `Green channel (${reason})` : 'Green channel'),
  appointment: 'Appointment',
};

export function ticketLabels(language: TicketLanguage): TicketLabels {
  return language === 'en' ? EN : ZH_CN;
}

/**
 * 'YYYY-MM-DD HH:mm' in the given IANA zone. Built from formatToParts so the result does not
 * depend on the host locale or zone (golden tests run anywhere). Throws RangeError for a bad zone.
 */
export function formatIssuedAt(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
