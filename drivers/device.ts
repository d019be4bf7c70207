/**
 * The small contract every hall device driver implements, and the byte links they talk over.
 * Drivers import nothing from server/: the hub adapts these interfaces, never the reverse.
 */

export type DeviceKind = 'printer' | 'id-reader' | 'keypad' | 'led-strip' | 'caller' | 'display';

/** What a manager sees for one device. `reason` is a short human sentence, never personal data. */
export interface DeviceHealth {
  readonly status: 'online' | 'offline' | 'error';
  /** Machine-readable cause, e.g. 'paper-out', 'cover-open', 'port-missing', 'no-answer'. */
  readonly code?: string;
  readonly reason?: string;
  /** Epoch ms when this status began. */
  readonly since: number;
}

export type Unsubscribe = () => void;

export interface Device {
  readonly id: string;
  readonly kind: DeviceKind;
  /** Starts the device; never rejects because the hardware is missing: that is a health state. */
  open(): Promise<void>;
  close(): Promise<void>;
  health(): DeviceHealth;
  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe;
}

export type LinkState = 'open' | 'closed';

/**
 * A byte pipe to one device: a serial port, a TCP socket, or an in-memory pair to a simulator.
 * Links deliver chunks exactly as the transport splits them: parsers must reassemble frames.
 */
export interface ByteLink {
  readonly description: string;
  isOpen(): boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Buffer) => void): Unsubscribe;
  /** 'closed' fires when the far side goes away (cable pulled, socket reset), not only on close(). */
  onState(listener: (state: LinkState, error?: Error) => void): Unsubscribe;
}

/** The far side of a link: a simulator sees what the driver wrote and answers asynchronously. */
export interface DeviceSimulator {
  receive(bytes: Buffer, reply: (bytes: Buffer) => void): void;
}
