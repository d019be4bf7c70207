// bindings-interface's "exports" has no types for its ESM entry: take the types from the require side.
import type { BindingInterface } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { SerialPortStream } from '@serialport/stream';
import type { ByteLink, LinkState, Unsubscribe } from '../device';
import { Listeners } from '../listeners';

/** Where and how to open a serial port. Always 8 data bits, no parity, 1 stop bit (8N1). */
export interface SerialLinkOptions {
  /** `/dev/ttyUSB0`, `/dev/serial/by-id/…` (stable across re-plugs: prefer it), or `COM3`. */
  readonly path: string;
  /** Default 9600, the common rate of hall RS-485 buses. */
  readonly baudRate?: number;
  /**
   * The hardware access: `await loadNativeBinding()` in production, a `SimulatedBinding` in tests
   * and demos. Injected so nothing here loads native code by itself.
   */
  readonly binding: BindingInterface;
}

/**
 * A ByteLink over node-serialport's stream. Each open() creates a fresh stream, so a port that
 * vanished and came back is opened from scratch. An 'error' listener is always attached: serialport
 * emits 'error' for failed writes, and an unhandled one would crash the hub.
 */
export class SerialLink implements ByteLink {
  readonly description: string;
  private port: SerialPortStream | undefined;
  private readonly dataListeners = new Listeners<[chunk: Buffer]>();
  private readonly stateListeners = new Listeners<[state: LinkState, error?: Error]>();

  constructor(private readonly options: SerialLinkOptions) {
    this.description = `serial:${options.path}@${options.baudRate ?? 9600}`;
  }

  isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  /** Rejects if the port is missing, busy or refuses the settings; the caller decides whether to retry. */
  async open(): Promise<void> {
    if (this.port) return;
    const port = new SerialPortStream({
      binding: this.options.binding,
      path: this.options.path,
      baudRate: this.options.baudRate ?? 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      autoOpen: false,
    });
    port.on('error', () => undefined);
    port.on('data', (chunk: Buffer) => {
      this.dataListeners.emit(chunk);
    });
    port.on('close', (error: Error | null | undefined) => {
      if (this.port !== port) return;
      this.port = undefined;
      port.removeAllListeners('data');
      this.stateListeners.emit('closed', error ?? undefined);
    });
    this.port = port;
    try {
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      this.port = undefined;
      throw new Error(`${this.description}: cannot open`, { cause: error });
    }
    this.stateListeners.emit('open');
  }

  /** Closes the port; 'closed' fires without an error. Safe to call when already closed. */
  async close(): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) {
      this.port = undefined;
      return;
    }
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** Resolves when the bytes are handed to the OS; rejects if the port is closed or goes away meanwhile. */
  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new Error(`${this.description}: port is not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => (error ? reject(new Error(`${this.description}: write failed`, { cause: error })) : resolve()));
    });
  }

  onData(listener: (chunk: Buffer) => void): Unsubscribe {
    return this.dataListeners.add(listener);
  }

  /** 'closed' carries an error (a serialport DisconnectedError) when the port vanished rather than being closed. */
  onState(listener: (state: LinkState, error?: Error) => void): Unsubscribe {
    return this.stateListeners.add(listener);
  }
}

/**
 * The platform's native binding (Linux/macOS/Windows), loaded on demand so tests and the
 * simulated demo never load native code.
 */
export async function loadNativeBinding(): Promise<BindingInterface> {
  const { SerialPort } = await import('serialport');
  return SerialPort.binding;
}
