import type { CutMode, QrErrorCorrection } from './escpos-commands';

export type TicketLanguage = 'zh-CN' | 'en';

/** Everything printed on one queue ticket. No citizen name or ID number: privacy (reference §4.5). */
export interface PrintableTicket {
  readonly hallName: string;
  readonly serviceName: string;
  /** The ticket number as called, e.g. 'A012'. Printed in large type; the simulator finds it there. */
  readonly number: string;
  readonly waitingAhead: number;
  readonly estimatedWaitMinutes: number;
  /** No open window serves the service now: the paper says so instead of a time (the figure is ignored). */
  readonly isUnstaffed?: boolean;
  /** The figure is a guess (「约」); only `false` prints it without. */
  readonly isGuess?: boolean;
  /** Epoch ms; formatted in `timeZone` so the encoder output never depends on the host's zone. */
  readonly issuedAt: number;
  /** IANA zone, e.g. 'Asia/Shanghai'. */
  readonly timeZone: string;
  /** QR payload, normally an ASCII URL such as 'http://hall.local:8080/t/abc123'. Sent as UTF-8. */
  readonly trackUrl: string;
  /**
   * 绿色通道 or 预约: printed large under the number, so a visitor (often elderly) has something to show staff.
   * Absent for a normal ticket. `greenReason` is the reason's words (e.g. 老年人), already in `language`.
   */
  readonly priority?: { readonly kind: 'green'; readonly greenReason?: string } | { readonly kind: 'appointment' };
  /** Short advice, e.g. how to re-queue after a missed call. May contain '\n'. */
  readonly note: string;
  readonly language: TicketLanguage;
}

/** Layout knobs; every field has a default suited to 80 mm paper. */
export interface EncodeTicketOptions {
  /** Font-A columns per line: 48 on 80 mm (576 dots), 32 on 58 mm. Default 48. */
  readonly columns?: number;
  /** Width = height multiplier of the ticket number, 1–8. Default 4 (GS ! 0x33). */
  readonly numberScale?: number;
  /** Dots per QR module, 1–16. Default 6 (a ~35-byte URL is then about 200 dots wide). */
  readonly qrModuleSize?: number;
  /** Default 'M'. */
  readonly qrErrorCorrection?: QrErrorCorrection;
  /** Default 'partial': some Chinese 80 mm mechanisms only have a partial cutter. */
  readonly cut?: CutMode;
}
