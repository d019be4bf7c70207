import net from 'node:net';
import type { ByteLink, LinkState, Unsubscribe } from '../device';
import { Listeners } from '../listeners';

/** Where a network device listens. */
export interface TcpLinkOptions {
  readonly host: string;
  /** Default 9100, the raw-print port of network ESC/POS printers. */
  readonly port?: number;
  /** Give up a connect attempt after this long. Default 3000. */
  readonly connectTimeoutMs?: number;
  /** TCP keep-alive probe delay, so a pulled cable is noticed on an idle link. Default 5000. */
  readonly keepAliveMs?: number;
}

/**
 * A ByteLink over one TCP connection. Each open() makes a fresh socket; the link never reconnects
 * by itself (the device class owns the back-off policy). 'closed' is emitted once per connection,
 * with an error when the far side went away rather than close() being called.
 */
export class TcpLink implements ByteLink {
  readonly description: string;
  private socket: net.Socket | null = null;
  private readonly dataListeners = new Listeners<[chunk: Buffer]>();
  private readonly stateListeners = new Listeners<[state: LinkState, error?: Error]>();

  constructor(private readonly options: TcpLinkOptions) {
    this.description = `tcp:${options.host}:${options.port ?? 9100}`;
  }

  isOpen(): boolean {
    return this.socket !== null;
  }

  open(): Promise<void> {
    if (this.socket) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port ?? 9100 });
      const timer = setTimeout(
        () => socket.destroy(new Error(`${this.description}: connect timed out`)),
        this.options.connectTimeoutMs ?? 3000,
      );
      const onConnectError = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      socket.once('error', onConnectError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onConnectError);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, this.options.keepAliveMs ?? 5000);
        this.adopt(socket);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    // end() lets queued bytes (the tail of a ticket) reach the printer before the FIN.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      socket.end(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    socket.destroy();
    this.stateListeners.emit('closed');
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error(`${this.description}: not connected`));
    return new Promise((resolve, reject) => {
      socket.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }

  onData(listener: (chunk: Buffer) => void): Unsubscribe {
    return this.dataListeners.add(listener);
  }

  onState(listener: (state: LinkState, error?: Error) => void): Unsubscribe {
    return this.stateListeners.add(listener);
  }

  private adopt(socket: net.Socket): void {
    this.socket = socket;
    let lastError: Error | undefined;
    socket.on('data', (chunk: Buffer) => {
      this.dataListeners.emit(chunk);
    });
    socket.on('error', (error) => {
      lastError = error;
    });
    socket.on('close', () => {
      // close() already cleared this.socket and reported; only report a drop by the far side.
      if (this.socket !== socket) return;
      this.socket = null;
      this.stateListeners.emit('closed', lastError ?? new Error(`${this.description}: connection closed by peer`));
    });
    this.stateListeners.emit('open');
  }
}
