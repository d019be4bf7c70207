import { CHINESE_MODE_ON, INIT, feedAndCut, qrCode } from './escpos-commands';
import { encodeGbk, wrapColumns } from './gbk-text';
import { NtpByteBuilder } from './ntp-builder';
import { formatIssuedAt, ticketLabels } from './ticket-labels';
import type { EncodeTicketOptions, PrintableTicket } from './ticket-types';

const DEFAULTS = {
  columns: 48,
  numberScale: 4,
  qrModuleSize: 6,
  qrErrorCorrection: 'M',
  cut: 'partial',
} as const satisfies Required<EncodeTicketOptions>;

/**
 * Encodes one ticket as ESC/POS bytes for an 80 mm GB-font printer. Pure and deterministic:
 * the same ticket and options always give the same bytes (golden tests rely on it).
 *
 * Layout: init, Chinese mode, centred bold hall name, service name 2×2, number at `numberScale`,
 * the priority (绿色通道 / 预约) bold 2×2, people ahead, estimated wait, issue time, QR (model 2), note, feed-and-cut.
 * Throws RangeError only for programmer errors (bad time zone, QR payload over 7089 bytes).
 */
export function encodeTicket(ticket: PrintableTicket, options: EncodeTicketOptions = {}): Buffer {
  const o = { ...DEFAULTS, ...options };
  const labels = ticketLabels(ticket.language);
  const out = new NtpByteBuilder();
  // Wrap at the printed width: a character doubled in size takes twice the columns.
  const text = (value: string, scale: number): void => {
    for (const line of wrapColumns(value, o.columns / scale)) out.raw(encodeGbk(line)).newLine();
  };

  out.raw(INIT).raw(CHINESE_MODE_ON).alignCenter();
  out.bold(true);
  text(ticket.hallName, 1);
  out.bold(false).scale(2);
  text(ticket.serviceName, 2);
  out.scale(o.numberScale);
  text(ticket.number, o.numberScale);
  if (ticket.priority) {
    out.bold(true).scale(2);
    text(ticket.priority.kind === 'green' ? labels.greenChannel(ticket.priority.greenReason) : labels.appointment, 2);
    out.bold(false);
  }
  out.scale(1);
  text(labels.waitingAhead(Math.max(0, Math.round(ticket.waitingAhead))), 1);
  text(labels.estimatedWait(Math.max(0, Math.round(ticket.estimatedWaitMinutes)), ticket), 1);
  text(labels.issuedAt(formatIssuedAt(ticket.issuedAt, ticket.timeZone)), 1);
  out.raw(qrCode(Buffer.from(ticket.trackUrl, 'utf8'), o.qrModuleSize, o.qrErrorCorrection)).newLine();
  if (ticket.note.trim() !== '') text(ticket.note, 1);
  out.raw(feedAndCut(o.cut));
  return out.toBuffer();
}
