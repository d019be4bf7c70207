import type { BusEvent } from '../bus-driver';
import type { ArmRequest, CallerKey, RatingLevel, ShowOptions } from '../types';
import type { QlpFrame } from './codec';

/**
 * QLP `KEY k=…` → hub key. `eval` is the "request evaluation" key a clerk presses when the service
 * is done, hence 'finish'. `confirm arg=abandon` (弃号) is a no-show; other confirm combinations
 * (suspend/call-back) have no hub command and are ignored.
 */
const KEY_MAP: Readonly<Record<string, CallerKey>> = {
  call: 'call-next',
  recall: 'recall',
  pause: 'pause',
  transfer: 'transfer',
  eval: 'finish',
};

/** Translates a device's POLL reply into a hall event; undefined for IDLE/ACK/HELLO (HELLO is handled for every verb by the master) or anything unusable. */
export function qlpReplyToEvent(reply: QlpFrame): BusEvent | undefined {
  switch (reply.verb) {
    case 'EVAL': {
      const level = Number(reply.args.level);
      if (!isRatingLevel(level)) return undefined;
      const reasons = (reply.args.reason ?? '').split(',').filter((code) => code.length > 0);
      return { type: 'rating', ticketNumber: reply.args.ticket, level, reasons };
    }
    case 'KEY': {
      const k = reply.args.k ?? '';
      if (k === 'confirm') return reply.args.arg === 'abandon' ? { type: 'key', key: 'no-show' } : undefined;
      const key = KEY_MAP[k];
      return key ? { type: 'key', key } : undefined;
    }
    default:
      return undefined;
  }
}

export function isRatingLevel(value: number): value is RatingLevel {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/** `EVAL.START` arguments, in wire order. The hub's ticketId never leaves the hub. */
export function evalStartArgs(request: ArmRequest): Record<string, string> {
  const args: Record<string, string> = { ticket: request.ticketNumber, window: String(request.windowNumber) };
  if (request.staffNumber !== undefined) args.staff = request.staffNumber;
  args.timeout = String(Math.max(1, Math.round(request.timeoutSeconds)));
  return args;
}

/** `SHOW` arguments, in wire order; options left out are not sent (the device keeps its defaults). */
export function showArgs(text: string, options: ShowOptions): Record<string, string> {
  const args: Record<string, string> = { text };
  if (options.color !== undefined) args.color = options.color;
  if (options.blink !== undefined) args.blink = options.blink ? '1' : '0';
  return args;
}
