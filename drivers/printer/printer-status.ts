import type { StatusQuery } from './escpos-commands';

/** The printer condition the kiosk cares about, decoded from DLE EOT 1–4 replies. */
export interface PrinterStatus {
  /** DLE EOT 1 bit 3 clear. A printer with paper out or cover open is also offline. */
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperOut: boolean;
  /** Paper low but still printing: a warning, not a refusal. */
  readonly paperNearEnd: boolean;
  /** Error bit of DLE EOT 2 or any cause in DLE EOT 3 (cutter, unrecoverable, head overheat). */
  readonly error: boolean;
}

/** One reply byte per query. A query the printer did not answer is simply absent. */
export type StatusReplies = Readonly<Partial<Record<StatusQuery, number>>>;

export type PrinterFaultCode = 'paper-out' | 'cover-open' | 'offline' | 'error';

/**
 * A DLE EOT reply has bits 1 and 4 set and bits 0 and 7 clear. Anything else on the line (an
 * Automatic Status Back byte, a GS r reply, noise) must not be taken as the answer (reference §1.2).
 */
export function isRealtimeStatusReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** Decodes the bits of reference §1.2. Missing replies count as "no fault" for that query. */
export function parseRealtimeStatus(replies: StatusReplies): PrinterStatus {
  const printer = replies[1] ?? 0x12;
  const offlineCause = replies[2] ?? 0x12;
  const errorCause = replies[3] ?? 0x12;
  const paperSensor = replies[4] ?? 0x12;
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    paperOut: (offlineCause & 0x20) !== 0 || (paperSensor & 0x60) !== 0,
    paperNearEnd: (paperSensor & 0x0c) !== 0,
    error: (offlineCause & 0x40) !== 0 || (errorCause & 0x6c) !== 0,
  };
}

/**
 * Why a ticket must not be printed now, or null. Order matters: the most specific, staff-fixable
 * cause first (paper, then cover), because those printers also report "offline".
 */
export function statusFault(status: PrinterStatus): { code: PrinterFaultCode; reason: string } | null {
  if (status.paperOut) return { code: 'paper-out', reason: 'printer is out of paper' };
  if (status.coverOpen) return { code: 'cover-open', reason: 'printer cover is open' };
  if (status.error) return { code: 'error', reason: 'printer reports an error (cutter, head temperature or mechanism)' };
  if (!status.online) return { code: 'offline', reason: 'printer reports it is offline' };
  return null;
}
