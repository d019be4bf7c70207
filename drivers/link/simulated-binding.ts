import type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
  SetOptions,
  UpdateOptions,
} from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import type { MockBindingInterface, MockPortBinding } from '@serialport/binding-mock' with { 'resolution-mode': 'require' };
// @ts-expect-error binding-mock 10.2.2's "exports" has no types for its ESM entry; typed just below via the require-mode types.
import { MockBinding as untypedMockBinding } from '@serialport/binding-mock';
import type { DeviceSimulator } from '../device';

/** The mock's own d.ts loses its BindingInterface base under our resolution: restate it. */
type MockBindingApi = Pick<MockBindingInterface, 'createPort' | 'reset'> & BindingInterface<MockPortBinding>;
const MockBinding: MockBindingApi = untypedMockBinding;

/** Per-path options of {@link SimulatedBinding.attach}. */
export interface SimulatedPortOptions {
  /** Largest chunk one read returns, to exercise frame reassembly. Default 1024. */
  readonly maxReadSize?: number;
}

/**
 * A serialport binding whose ports are wired to far-side device simulators. Built on
 * `@serialport/binding-mock` (timing, locking, read/write semantics) and adding what the mock lacks:
 * bytes written reach `simulator.receive`, replies arrive later as port data, and a path can be
 * unplugged like a USB cable. MockBinding keeps a module-global registry, so use distinct paths
 * per test file or call `MockBinding.reset()` in afterEach.
 */
export class SimulatedBinding implements BindingInterface<SimulatedPortBinding> {
  private readonly simulators = new Map<string, DeviceSimulator>();
  private readonly unplugged = new Set<string>();
  private readonly openPorts = new Map<string, SimulatedPortBinding>();
  private readonly portOptions = new Map<string, SimulatedPortOptions>();

  /** Makes `path` exist and connects it to `simulator`. */
  attach(path: string, simulator: DeviceSimulator, options: SimulatedPortOptions = {}): void {
    this.simulators.set(path, simulator);
    this.portOptions.set(path, options);
    this.unplugged.delete(path);
    // Only pass maxReadSize when set: the mock's defaults are overwritten by an explicit undefined,
    // and then reads never consume the data (an endless stream of the same bytes).
    MockBinding.createPort(path, { echo: false, record: false, ...(options.maxReadSize === undefined ? {} : { maxReadSize: options.maxReadSize }) });
  }

  /** Pulls the cable: an open port fails like a vanished tty (serialport emits 'close' with a DisconnectedError); opens fail until replug. */
  unplug(path: string): void {
    this.unplugged.add(path);
    this.openPorts.get(path)?.pull();
  }

  /** Plugs the cable back: the next open succeeds. */
  replug(path: string): void {
    this.unplugged.delete(path);
    const simulator = this.simulators.get(path);
    if (simulator) this.attach(path, simulator, this.portOptions.get(path));
  }

  /**
   * Delivers bytes the device sends unprompted (an FF68 key press, noise on the line) to the open
   * port, asynchronously. Dropped if the port is closed or unplugged, as on a real wire.
   */
  inject(path: string, bytes: Buffer): void {
    this.openPorts.get(path)?.deliver(bytes);
  }

  isPlugged(path: string): boolean {
    return this.simulators.has(path) && !this.unplugged.has(path);
  }

  async list(): Promise<PortInfo[]> {
    return (await MockBinding.list()).filter((info) => this.isPlugged(info.path));
  }

  async open(options: OpenOptions): Promise<SimulatedPortBinding> {
    const simulator = this.simulators.get(options.path);
    if (!simulator || this.unplugged.has(options.path)) {
      await new Promise((resolve) => process.nextTick(resolve));
      throw Object.assign(new Error(`Error: No such file or directory, cannot open ${options.path}`), { code: 'ENOENT' });
    }
    const inner = await MockBinding.open(options);
    const port = new SimulatedPortBinding(inner, simulator, () => this.openPorts.delete(options.path));
    this.openPorts.set(options.path, port);
    return port;
  }
}

/** One open simulated port: a MockPortBinding whose writes go to the simulator. */
export class SimulatedPortBinding implements BindingPortInterface {
  private pulled = false;
  private closed = false;
  private failPendingRead: ((error: Error) => void) | undefined;

  constructor(
    private readonly inner: MockPortBinding,
    private readonly simulator: DeviceSimulator,
    private readonly onClosed: () => void,
  ) {}

  get openOptions(): Required<OpenOptions> {
    return this.inner.openOptions;
  }

  /** Stays true after a pull until the stream calls close(): serialport only reports a disconnect for an open port. */
  get isOpen(): boolean {
    return !this.closed;
  }

  /** The cable is gone: fail the pending read with a non-canceled error (what serialport treats as a disconnect). */
  pull(): void {
    if (this.pulled || this.closed) return;
    this.pulled = true;
    this.failPendingRead?.(new Error('device disconnected'));
    if (this.inner.isOpen) this.inner.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) throw new Error('Port is not open');
    this.closed = true;
    this.onClosed();
    if (this.inner.isOpen) await this.inner.close();
  }

  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (this.pulled) return Promise.reject(new Error('device disconnected'));
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => reject(error);
      this.failPendingRead = fail;
      this.inner.read(buffer, offset, length).then(resolve, reject).finally(() => {
        if (this.failPendingRead === fail) this.failPendingRead = undefined;
      });
    });
  }

  async write(buffer: Buffer): Promise<void> {
    if (this.pulled) throw new Error('device disconnected');
    await this.inner.write(buffer);
    this.simulator.receive(Buffer.from(buffer), (reply) => this.deliver(reply));
  }

  /** Later, like a UART: never inside the write, never after the cable is gone. */
  deliver(bytes: Buffer): void {
    setImmediate(() => {
      if (!this.pulled && !this.closed && this.inner.isOpen) this.inner.emitData(bytes);
    });
  }

  update(options: UpdateOptions): Promise<void> {
    return this.inner.update(options);
  }

  set(options: SetOptions): Promise<void> {
    return this.inner.set(options);
  }

  get(): Promise<PortStatus> {
    return this.inner.get();
  }

  getBaudRate(): Promise<{ baudRate: number }> {
    return this.inner.getBaudRate();
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  drain(): Promise<void> {
    return this.inner.drain();
  }
}
