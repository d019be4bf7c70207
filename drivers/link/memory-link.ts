import type { ByteLink, DeviceSimulator, LinkState, Unsubscribe } from '../device';
import { Listeners } from '../listeners';

/**
 * An in-memory ByteLink wired to a simulator, for unit tests of drivers.
 * Replies are delivered on a later tick, as a real port would, and can be split into chunks
 * (`chunkSize`) to exercise frame reassembly. `unplug()` / `replug()` imitate a cable.
 */
export class MemoryLink implements ByteLink {
  readonly description: string;
  private opened = false;
  private plugged = true;
  private readonly dataListeners = new Listeners<[chunk: Buffer]>();
  private readonly stateListeners = new Listeners<[state: LinkState, error?: Error]>();

  constructor(
    private readonly simulator: DeviceSimulator,
    private readonly options: { name?: string; chunkSize?: number } = {},
  ) {
    this.description = `memory:${options.name ?? 'device'}`;
  }

  isOpen(): boolean {
    return this.opened;
  }

  async open(): Promise<void> {
    if (!this.plugged) throw new Error(`${this.description}: no such device`);
    this.opened = true;
    this.stateListeners.emit('open');
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    this.stateListeners.emit('closed');
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.opened) throw new Error(`${this.description}: port is not open`);
    this.simulator.receive(Buffer.from(bytes), (reply) => {
      setImmediate(() => this.deliver(reply));
    });
  }

  /** Injects bytes as if the device had sent them unprompted (a key press, garbage on the line). */
  inject(bytes: Buffer): void {
    setImmediate(() => this.deliver(bytes));
  }

  unplug(): void {
    this.plugged = false;
    if (this.opened) {
      this.opened = false;
      this.stateListeners.emit('closed', new Error(`${this.description}: device disconnected`));
    }
  }

  replug(): void {
    this.plugged = true;
  }

  onData(listener: (chunk: Buffer) => void): Unsubscribe {
    return this.dataListeners.add(listener);
  }

  onState(listener: (state: LinkState, error?: Error) => void): Unsubscribe {
    return this.stateListeners.add(listener);
  }

  private deliver(bytes: Buffer): void {
    if (!this.opened) return;
    const size = this.options.chunkSize ?? bytes.length;
    for (let offset = 0; offset < bytes.length; offset += Math.max(1, size)) {
      const chunk = bytes.subarray(offset, offset + Math.max(1, size));
      this.dataListeners.emit(chunk);
    }
  }
}
