/** The kiosk ticket printer: ESC/POS encoder, status decoding, device class and links. */
export { encodeTicket } from './ticket-encoder';
export type { EncodeTicketOptions, PrintableTicket, TicketLanguage } from './ticket-types';
export { EscPosPrinter, type EscPosPrinterOptions, type PrintOutcome } from './escpos-printer';
export { createNetworkPrinter, createUsbLpPrinter } from './create-printer';
export { FileLink, type FileLinkOptions } from './file-link';
export {
  isRealtimeStatusReply,
  parseRealtimeStatus,
  statusFault,
  type PrinterFaultCode,
  type PrinterStatus,
  type StatusReplies,
} from './printer-status';
export { GBK_REPLACEMENT, sanitizeForGbk, wrapColumns } from './gbk-text';
export { EscPosTokenizer, type EscPosToken } from './escpos-tokenizer';
export { systemTimers, type Timers } from '../timers';
