import { BusMaster, type BusJob, type BusMasterOptions } from '../bus-master';
import type { BusDriver, BusEvent } from '../bus-driver';
import { sleep } from '../../timers';
import type { ArmRequest, ShowOptions } from '../types';
import { FF68, FF68_LEVELS, Ff68Decoder, encodeDisplayDigits, encodeFf68, ff68Key, stripDigits, type Ff68Frame } from './codec';

export interface Ff68MasterOptions extends BusMasterOptions {
  /** A device frame identical to the previous one within this window is a retransmission (our echo was lost). Default 300 ms. */
  readonly duplicateWindowMs?: number;
}

interface Job extends BusJob<void> {
  readonly bytes: Buffer;
}

/**
 * Driver for the vendor FF68 bus. Devices talk when a key is pressed and the host echoes each
 * frame as its ACK; host frames (func 02 display, 03 beep) are, by our assumption, echoed back by
 * the device the same way. There is no poll verb, so liveness comes from a heartbeat that
 * re-sends each address's current display (idempotent), round-robin, when the bus is idle.
 * The echo is the answer a request waits for: the raw bytes of the frame, compared whole.
 */
export class Ff68Master extends BusMaster<Job, void, Buffer> implements BusDriver {
  readonly stats = { lineFaults: 0, duplicates: 0, unmappedKeys: 0 };
  private readonly decoder = new Ff68Decoder();
  private readonly displays = new Map<number, number[]>();
  private readonly lastFrame = new Map<number, { hex: string; at: number }>();
  private readonly duplicateWindowMs: number;

  constructor(options: Ff68MasterOptions) {
    super(options);
    this.duplicateWindowMs = options.duplicateWindowMs ?? 300;
    for (const address of options.addresses) this.displays.set(address, encodeDisplayDigits(undefined, undefined));
  }

  /** The bus has no arm command: arming is local (the keypad class filters presses). */
  async armKeypad(_address: number, _request: ArmRequest): Promise<void> {
    this.assertUp();
  }

  async disarmKeypad(_address: number): Promise<void> {}

  /** Shows the first number's last three digits; letters, Chinese, colour and blink are not supported by func 02. */
  async show(address: number, text: string, _options: ShowOptions): Promise<void> {
    await this.display(address, encodeDisplayDigits(undefined, stripDigits(text)));
  }

  async clear(address: number): Promise<void> {
    await this.display(address, encodeDisplayDigits(undefined, undefined));
  }

  /**
   * Func 03 carries no count, so `count` beeps are `count` frames, each confirmed by its echo. They are
   * spaced by the duplicate window: a device that drops a repeated frame (as the host does) still beeps
   * each time, and two beeps stay two distinct sounds.
   */
  async beep(address: number, count = 1): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      if (i > 0) await sleep(this.timers, this.duplicateWindowMs);
      await this.send(address, { address, func: FF68.funcBeep, data: [] });
    }
  }

  private async display(address: number, digits: number[]): Promise<void> {
    await this.send(address, { address, func: FF68.funcShow, data: digits });
    // Only what the device confirmed is redrawn by heartbeats and after a re-plug.
    this.displays.set(address, digits);
  }

  private send(address: number, frame: Ff68Frame): Promise<void> {
    return this.enqueue((settle) => ({ address, bytes: encodeFf68(frame), ...settle }));
  }

  protected async execute(job: Job): Promise<void> {
    // An offline device gets one attempt, not a retry round: its timeouts would stall the bus for the rest.
    const attempts = 1 + (this.board.isOnline(job.address) ? this.retries : 0);
    await this.transact(job.address, job.bytes, { attempts, matches: (raw) => raw.equals(job.bytes), failure: 'did not echo' });
  }

  protected idleJob(address: number, done: () => void): Job {
    return { address, bytes: this.displayFrame(address), resolve: done, reject: done };
  }

  /** Push every display once: it re-draws strips after a power cut and finds who is there. */
  protected greetJob(address: number): Job {
    return { address, bytes: this.displayFrame(address), resolve: () => undefined, reject: () => undefined };
  }

  protected resetDecoder(): void {
    this.decoder.reset();
  }

  protected describe(job: Job): string {
    return `frame to device ${job.address}`;
  }

  private displayFrame(address: number): Buffer {
    return encodeFf68({ address, func: FF68.funcShow, data: this.displays.get(address) ?? [] });
  }

  protected handleData(chunk: Buffer): void {
    for (const decoded of this.decoder.feed(chunk)) {
      if (!decoded.ok) {
        this.stats.lineFaults += 1;
        continue;
      }
      if (this.offer(decoded.raw)) continue;
      const { frame } = decoded;
      // Host-direction frames we did not wait for: a late echo or our own transmission looped back.
      if (frame.func === FF68.funcShow || frame.func === FF68.funcBeep) continue;
      // Frames from addresses we were not configured for belong to someone else's setup: no echo.
      if (this.displays.has(frame.address)) this.deviceFrame(frame, decoded.raw);
    }
  }

  private deviceFrame(frame: Ff68Frame, raw: Buffer): void {
    // The echo is the device's ACK; send it before anything else so it stops retransmitting.
    this.link.write(raw).catch(() => undefined);
    this.board.markOnline(frame.address);
    const hex = raw.toString('hex');
    const now = this.timers.now();
    const previous = this.lastFrame.get(frame.address);
    this.lastFrame.set(frame.address, { hex, at: now });
    if (previous && previous.hex === hex && now - previous.at < this.duplicateWindowMs) {
      this.stats.duplicates += 1;
      return;
    }
    const event = this.toEvent(frame);
    if (!event) {
      this.stats.unmappedKeys += 1;
      return;
    }
    this.emit(frame.address, event);
  }

  private toEvent(frame: Ff68Frame): BusEvent | undefined {
    if (frame.func === FF68.funcEvaluation) {
      const level = FF68_LEVELS[frame.data[0] ?? 0];
      return level ? { type: 'rating', ticketNumber: undefined, level, reasons: [] } : undefined;
    }
    const key = ff68Key(frame.data);
    return key ? { type: 'key', key } : undefined;
  }
}
