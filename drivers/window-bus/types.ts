import type { ByteLink, Device, Unsubscribe } from '../device';
import type { BackoffOptions } from '../backoff';
import type { Timers } from '../timers';

/** National 好差评 levels: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意 (1–2 are 差评). */
export type RatingLevel = 1 | 2 | 3 | 4 | 5;

/** What the hub tells a keypad when a service ends. */
export interface ArmRequest {
  /** The hub's own id; echoed back in the rating, never sent to the device. */
  readonly ticketId: string;
  /** Printed number, e.g. 'A001': the device shows it and reports it back with the press. */
  readonly ticketNumber: string;
  readonly windowNumber: number;
  readonly staffNumber?: string;
  /** How long the citizen may take; after it (plus a short grace) presses are ignored. */
  readonly timeoutSeconds: number;
}

/** One accepted press: exactly one per arm (一次一评). */
export interface Rating {
  readonly ticketId: string;
  readonly level: RatingLevel;
  /** 差评 reason codes as the device sent them (configurable list, GB/T 39734 Annex A). */
  readonly reasons: string[];
}

/**
 * A satisfaction keypad (评价器). Reports a press only for the ticket it was armed for; presses
 * while unarmed, for another ticket, or after the first accepted one are ignored and counted.
 */
export interface RatingKeypad extends Device {
  readonly kind: 'keypad';
  /** Shows the rating prompt. Rejects WindowBusError('offline' | 'no-answer' | 'nak') if the device did not take it. */
  arm(request: ArmRequest): Promise<void>;
  /** Withdraws the prompt. Local state is disarmed at once, even if this rejects. */
  disarm(): Promise<void>;
  onRating(listener: (rating: Rating) => void): Unsubscribe;
  /** Presses that were not accepted (unarmed, wrong ticket, repeated) since start. */
  ignoredPresses(): number;
}

/** Options for {@link WindowStrip.show}. Protocols that cannot honour them ignore them (documented). */
export interface ShowOptions {
  readonly blink?: boolean;
  readonly color?: 'r' | 'g' | 'y';
}

/** A window LED strip (窗口屏). */
export interface WindowStrip extends Device {
  readonly kind: 'led-strip';
  /**
   * True when the strip can show only digits (FF68: the last three digits of the first number in the
   * text), so a word such as a refusal reason would only blank it.
   */
  readonly isDigitsOnly: boolean;
  /** Rejects WindowBusError('too-long') before sending if the text cannot fit one frame. */
  show(text: string, options?: ShowOptions): Promise<void>;
  clear(): Promise<void>;
}

/** Keys of a hardware caller (呼叫器), protocol-neutral. */
export type CallerKey = 'call-next' | 'recall' | 'no-show' | 'finish' | 'pause' | 'transfer';

/** A hardware caller keypad at the window. */
export interface HardwareCaller extends Device {
  readonly kind: 'caller';
  onKey(listener: (key: CallerKey) => void): Unsubscribe;
  /**
   * Tells the clerk the hub refused the last key: two beeps (QLP/1 `BEEP n=2`; FF68 two func 03
   * frames). Rejects WindowBusError ('offline' | 'no-answer' | 'nak') if the device did not take it.
   */
  signalRefusal(): Promise<void>;
}

export type WindowDeviceKind = 'keypad' | 'led-strip' | 'caller';

/** One logical device on the bus. Several kinds may share an address (one box with keys and a display). */
export interface WindowDeviceConfig {
  readonly id: string;
  readonly kind: WindowDeviceKind;
  /** QLP/1: 1–247 (0x01–0xF7). FF68: 1–255. */
  readonly address: number;
}

export interface WindowBusConfig {
  readonly protocol: 'qlp' | 'ff68';
  readonly link: ByteLink;
  readonly devices: readonly WindowDeviceConfig[];
  /** Pause between two polls (QLP) or heartbeats (FF68). Default 50 ms. */
  readonly pollIntervalMs?: number;
  /** Per-attempt reply deadline. Default 100 ms as QLP/1 requires; raise it for slow USB adapters. */
  readonly replyTimeoutMs?: number;
  /** Re-sends after the first attempt before a device is marked offline. Default 2. */
  readonly retries?: number;
  /** Re-open back-off when the port disappears. */
  readonly backoff?: BackoffOptions;
  readonly timers?: Timers;
}

/** What {@link createWindowBus} returns: devices by id, and the bus lifecycle. */
export interface WindowBus {
  readonly keypads: Map<string, RatingKeypad>;
  readonly strips: Map<string, WindowStrip>;
  readonly callers: Map<string, HardwareCaller>;
  /** Opens the link (retrying in the background if it is missing) and starts polling. Never rejects for missing hardware. */
  open(): Promise<void>;
  close(): Promise<void>;
}

export type WindowBusErrorCode = 'offline' | 'no-answer' | 'nak' | 'too-long' | 'closed';

/** The only error the window bus rejects with. `offline` = link down; `no-answer` = retries exhausted. */
export class WindowBusError extends Error {
  override readonly name = 'WindowBusError';
  constructor(
    readonly code: WindowBusErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
