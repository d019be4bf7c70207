import type { DeviceSimulator } from '../../device';
import { encodeQlp, type QlpFrame } from '../../window-bus/qlp/codec';
import { QlpLineDecoder } from '../../window-bus/qlp/line-decoder';

/** Keys a QLP/1 caller can send (`KEY k=…`). */
export type QlpSimKey = 'call' | 'recall' | 'pause' | 'transfer' | 'eval' | 'confirm';

/** Fault switches for one simulated address; flip them at any time. */
export interface QlpSimFaults {
  /** Never answers (powered off, wrong address, broken A/B pair). */
  silent: boolean;
  /** Answers with a wrong CRC. */
  corruptCrc: boolean;
  /** Puts a garbage line and noise bytes on the line before each answer. */
  garbage: boolean;
  /** Drops this many answers after executing (lost on the wire): the host's retry gets the cached reply. */
  dropReplies: number;
}

interface SimDevice {
  readonly address: number;
  readonly faults: QlpSimFaults;
  helloPending: boolean;
  lastSeq: number | undefined;
  lastReply: Buffer | undefined;
  events: Array<{ verb: string; args: Record<string, string> }>;
  armed: { ticket: string; window: string; staff?: string; timeoutMs: number; at: number } | undefined;
  text: string | undefined;
  color: string | undefined;
  blink: boolean;
  beeps: number;
  ignoredPresses: number;
  executed: QlpFrame[];
}

/**
 * A QLP/1 bus with several devices behind one port, speaking exactly the bytes the driver speaks:
 * it answers only when addressed, replays the cached reply for a repeated SEQ, says HELLO on its
 * first reply after power-up, and stays silent on a bad CRC (it cannot know whom the line was for).
 */
export class QlpBusSimulator implements DeviceSimulator {
  private readonly devices = new Map<number, SimDevice>();
  private readonly decoder = new QlpLineDecoder();

  constructor(addresses: readonly number[], private readonly now: () => number = Date.now) {
    for (const address of addresses) this.devices.set(address, this.fresh(address));
  }

  receive(bytes: Buffer, reply: (bytes: Buffer) => void): void {
    for (const result of this.decoder.feed(bytes)) {
      if (!result.ok) continue;
      const { frame } = result;
      if (frame.address === 0) {
        for (const device of this.devices.values()) this.execute(device, frame);
        continue;
      }
      const device = this.devices.get(frame.address);
      if (!device || device.faults.silent) continue;
      if (device.lastSeq === frame.seq && device.lastReply) {
        this.send(device, device.lastReply, reply);
        continue;
      }
      let answer = this.execute(device, frame);
      if (device.helloPending && (answer.verb === 'ACK' || answer.verb === 'IDLE')) {
        answer = { verb: 'HELLO', args: { model: 'hallq-sim', fw: '1.0', caps: 'eval,show,keys' } };
      }
      device.helloPending = false;
      const line = encodeQlp({ address: device.address, seq: frame.seq, verb: answer.verb, args: answer.args });
      device.lastSeq = frame.seq;
      device.lastReply = line;
      this.send(device, line, reply);
    }
  }

  /** A citizen presses a rating key. Queued only if armed (and not expired); returns whether it was. */
  press(address: number, level: number, reasons: readonly string[] = []): boolean {
    const device = this.device(address);
    const armed = device.armed;
    if (!armed || this.now() - armed.at > armed.timeoutMs) {
      device.armed = undefined;
      device.ignoredPresses += 1;
      return false;
    }
    const args: Record<string, string> = { ticket: armed.ticket, level: String(level) };
    if (reasons.length > 0) args.reason = reasons.join(',');
    args.ms = String(this.now() - armed.at);
    device.events.push({ verb: 'EVAL', args });
    device.armed = undefined;
    return true;
  }

  /** A clerk presses a caller key. */
  pressKey(address: number, key: QlpSimKey, arg?: string): void {
    const args: Record<string, string> = { k: key };
    if (arg !== undefined) args.arg = arg;
    this.device(address).events.push({ verb: 'KEY', args });
  }

  isArmed(address: number): boolean {
    return this.device(address).armed !== undefined;
  }

  armedTicket(address: number): string | undefined {
    return this.device(address).armed?.ticket;
  }

  textOf(address: number): string | undefined {
    return this.device(address).text;
  }

  styleOf(address: number): { color: string | undefined; blink: boolean } {
    const device = this.device(address);
    return { color: device.color, blink: device.blink };
  }

  ignoredPresses(address: number): number {
    return this.device(address).ignoredPresses;
  }

  /** Beeps this address made since power-up (the sum of the `n` of every BEEP it executed). */
  beepsOf(address: number): number {
    return this.device(address).beeps;
  }

  /** Frames this address executed (duplicates answered from cache are not listed). */
  executed(address: number): readonly QlpFrame[] {
    return this.device(address).executed;
  }

  faults(address: number): QlpSimFaults {
    return this.device(address).faults;
  }

  /** Power cut: state, queue and reply cache are lost; the next reply is HELLO. Fault switches survive. */
  powerCycle(address: number): void {
    const old = this.device(address);
    this.devices.set(address, { ...this.fresh(address), faults: old.faults });
  }

  private execute(device: SimDevice, frame: QlpFrame): { verb: string; args: Record<string, string> } {
    device.executed.push(frame);
    const ack = { verb: 'ACK', args: {} };
    switch (frame.verb) {
      case 'PING':
      case 'TIME':
      case 'CFG':
        return ack;
      case 'POLL':
        return device.events.shift() ?? { verb: 'IDLE', args: {} };
      case 'SHOW':
        if (frame.args.text === undefined) return { verb: 'NAK', args: { code: 'arg' } };
        device.text = frame.args.text;
        device.color = frame.args.color;
        device.blink = frame.args.blink === '1';
        return ack;
      case 'CLR':
        device.text = undefined;
        return ack;
      case 'EVAL.START': {
        const { ticket, window, staff } = frame.args;
        const timeout = Number(frame.args.timeout ?? '60');
        if (ticket === undefined || window === undefined || !(timeout > 0)) return { verb: 'NAK', args: { code: 'arg' } };
        device.armed = { ticket, window, timeoutMs: timeout * 1000, at: this.now(), ...(staff === undefined ? {} : { staff }) };
        return ack;
      }
      case 'EVAL.CANCEL':
        device.armed = undefined;
        return ack;
      case 'BEEP':
        device.beeps += Number(frame.args.n ?? '1');
        return ack;
      default:
        return { verb: 'NAK', args: { code: 'verb' } };
    }
  }

  private send(device: SimDevice, line: Buffer, reply: (bytes: Buffer) => void): void {
    if (device.faults.dropReplies > 0) {
      device.faults.dropReplies -= 1;
      return;
    }
    let out = Buffer.from(line);
    if (device.faults.corruptCrc) {
      const at = out.length - 3; // last CRC digit, before CR LF
      out[at] = out[at] === 0x30 ? 0x31 : 0x30;
    }
    // A garbage line, then bus turn-around noise glued to the real answer.
    if (device.faults.garbage) out = Buffer.concat([Buffer.from([0x00, 0xff, 0x7e, 0x41, 0x42, 0x0d, 0x0a, 0x00, 0xff]), out]);
    reply(out);
  }

  private device(address: number): SimDevice {
    const device = this.devices.get(address);
    if (!device) throw new RangeError(`no simulated device at address ${address}`);
    return device;
  }

  private fresh(address: number): SimDevice {
    return {
      address,
      faults: { silent: false, corruptCrc: false, garbage: false, dropReplies: 0 },
      helloPending: true,
      lastSeq: undefined,
      lastReply: undefined,
      events: [],
      armed: undefined,
      text: undefined,
      color: undefined,
      blink: false,
      beeps: 0,
      ignoredPresses: 0,
      executed: [],
    };
  }
}
