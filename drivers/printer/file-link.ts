import { createReadStream, type ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { ByteLink, LinkState, Unsubscribe } from '../device';
import { Listeners } from '../listeners';

/** A printer exposed as a device file. */
export interface FileLinkOptions {
  /** e.g. '/dev/usb/lp0' (Linux usblp). */
  readonly path: string;
  /**
   * Read replies from the same file. Only for printers whose usblp node is bidirectional (check on
   * the target printer, reference §1.2): a blocking read holds one libuv thread-pool thread for as
   * long as the link is open. Default false: pair with EscPosPrinter `statusMode: 'none'`.
   */
  readonly readable?: boolean;
}

/**
 * A ByteLink over a character device such as /dev/usb/lp0, for USB printers bound to the kernel's
 * usblp driver. There is no "far side went away" signal other than a failed write, so a write
 * error closes the link and reports it; the printer class then reconnects with back-off.
 */
export class FileLink implements ByteLink {
  readonly description: string;
  private handle: FileHandle | null = null;
  private reader: ReadStream | null = null;
  private readonly dataListeners = new Listeners<[chunk: Buffer]>();
  private readonly stateListeners = new Listeners<[state: LinkState, error?: Error]>();

  constructor(private readonly options: FileLinkOptions) {
    this.description = `file:${options.path}`;
  }

  isOpen(): boolean {
    return this.handle !== null;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    // 'a' never truncates (harmless on a char device, safe on a regular file used in tests).
    this.handle = await open(this.options.path, this.options.readable ? 'r+' : 'a');
    if (this.options.readable) {
      this.reader = createReadStream('', { fd: this.handle.fd, autoClose: false, highWaterMark: 64 });
      this.reader.on('data', (chunk) => {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        this.dataListeners.emit(bytes);
      });
      this.reader.on('error', (error) => void this.drop(error));
    }
    this.stateListeners.emit('open');
  }

  async close(): Promise<void> {
    await this.drop();
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new Error(`${this.description}: not open`);
    try {
      await handle.write(bytes);
    } catch (error) {
      await this.drop(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  onData(listener: (chunk: Buffer) => void): Unsubscribe {
    return this.dataListeners.add(listener);
  }

  onState(listener: (state: LinkState, error?: Error) => void): Unsubscribe {
    return this.stateListeners.add(listener);
  }

  private async drop(error?: Error): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    this.handle = null;
    this.reader?.destroy();
    this.reader = null;
    await handle.close().catch(() => undefined);
    this.stateListeners.emit('closed', error);
  }
}
