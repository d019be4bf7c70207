import type { DeviceSimulator } from '../../device';
import { FF68, Ff68Decoder, encodeFf68 } from '../../window-bus/ff68/codec';

/** Fault switches for one simulated FF68 address. */
export interface Ff68SimFaults {
  /** Never echoes host frames (powered off). Its keys are not sent either. */
  silent: boolean;
  /** Echoes host frames with a wrong checksum. */
  corruptChecksum: boolean;
  /** Sends noise bytes before every frame it transmits. */
  garbage: boolean;
}

interface SimDevice {
  readonly faults: Ff68SimFaults;
  digits: number[];
  beeps: number;
  sent: Buffer[];
  acked: number;
}

/**
 * The vendor FF68 bus: devices transmit on key presses and expect the host to echo each frame;
 * they echo host frames (func 02 display, 03 beep) the same way. Unprompted transmissions need a
 * way onto the port: call `connect(send)` with e.g. `(b) => binding.inject(path, b)`.
 */
export class Ff68BusSimulator implements DeviceSimulator {
  private readonly devices = new Map<number, SimDevice>();
  private readonly decoder = new Ff68Decoder();
  private transmit: ((bytes: Buffer) => void) | undefined;

  constructor(addresses: readonly number[]) {
    for (const address of addresses) {
      this.devices.set(address, { faults: { silent: false, corruptChecksum: false, garbage: false }, digits: [], beeps: 0, sent: [], acked: 0 });
    }
  }

  connect(send: (bytes: Buffer) => void): void {
    this.transmit = send;
  }

  receive(bytes: Buffer, reply: (bytes: Buffer) => void): void {
    for (const decoded of this.decoder.feed(bytes)) {
      if (!decoded.ok) continue;
      const { frame, raw } = decoded;
      const device = this.devices.get(frame.address);
      if (!device || device.faults.silent) continue;
      if (device.sent.some((sent) => sent.equals(raw))) {
        device.acked += 1;
        continue;
      }
      if (frame.func === FF68.funcShow && frame.data.length === 6) device.digits = [...frame.data];
      else if (frame.func === FF68.funcBeep) device.beeps += 1;
      else continue;
      const echo = Buffer.from(raw);
      if (device.faults.corruptChecksum) echo[echo.length - 2] = ((echo[echo.length - 2] ?? 0) + 1) & 0xff;
      reply(this.withNoise(device, echo));
    }
  }

  /** A clerk presses a caller key: `code` from FF68_KEYS; `digit` is typed before 确认 (0x0F). */
  pressKey(address: number, code: number, digit?: number): void {
    this.sendFrame(address, FF68.funcKey, digit === undefined ? [code] : [digit, code]);
  }

  /** A citizen presses an evaluator key with the vendor's raw value (1 不满意, 3 满意, 4 非常满意). */
  pressRating(address: number, vendorValue: number): void {
    this.sendFrame(address, FF68.funcEvaluation, [vendorValue]);
  }

  /** What the 6-digit display shows: digits, or a space for a blank. */
  displayOf(address: number): string {
    return this.device(address)
      .digits.map((d) => (d === FF68.blankDigit ? ' ' : String(d)))
      .join('');
  }

  beepsOf(address: number): number {
    return this.device(address).beeps;
  }

  /** How many of this device's own frames the host echoed back. */
  ackedOf(address: number): number {
    return this.device(address).acked;
  }

  faults(address: number): Ff68SimFaults {
    return this.device(address).faults;
  }

  private sendFrame(address: number, func: number, data: number[]): void {
    const device = this.device(address);
    if (device.faults.silent) return;
    if (!this.transmit) throw new Error('Ff68BusSimulator: connect() a transmitter before pressing keys');
    const frame = encodeFf68({ address, func, data });
    device.sent.push(frame);
    this.transmit(this.withNoise(device, frame));
  }

  private withNoise(device: SimDevice, frame: Buffer): Buffer {
    return device.faults.garbage ? Buffer.concat([Buffer.from([0x00, 0x68, 0xff, 0x13]), frame]) : frame;
  }

  private device(address: number): SimDevice {
    const device = this.devices.get(address);
    if (!device) throw new RangeError(`no simulated device at address ${address}`);
    return device;
  }
}
