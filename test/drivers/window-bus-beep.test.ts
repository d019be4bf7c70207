/**
 * A caller signals a refused key by beeping: QLP/1 `BEEP n=2`, FF68 two func 03 frames. Driver against
 * simulator through SerialLink on the mock serial binding, as on a real port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceSimulator } from '../../drivers/device';
import { SerialLink } from '../../drivers/link/serial-link';
import { SimulatedBinding } from '../../drivers/link/simulated-binding';
import { Ff68BusSimulator } from '../../drivers/sim/window-bus/ff68-bus-simulator';
import { QlpBusSimulator } from '../../drivers/sim/window-bus/qlp-bus-simulator';
import { createWindowBus, WindowBusError, type WindowBus } from '../../drivers/window-bus';
import { encodeQlp, parseQlpLine } from '../../drivers/window-bus/qlp/codec';
import { waitUntil } from '../support/wait';

/** CRC-16/MODBUS written out bit by bit here, so the driver's bytes are not checked by its own CRC code. */
function modbusCrc(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'ascii')) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** Keeps every byte the host wrote, then hands them to the simulator. */
class Recording implements DeviceSimulator {
  readonly written: Buffer[] = [];
  constructor(private readonly inner: DeviceSimulator) {}
  receive(bytes: Buffer, reply: (bytes: Buffer) => void): void {
    this.written.push(Buffer.from(bytes));
    this.inner.receive(bytes, reply);
  }
  lines(): string[] {
    return Buffer.concat(this.written).toString('latin1').split(/(?<=\r\n)/);
  }
}

let counter = 0;
let bus: WindowBus | undefined;

afterEach(async () => {
  await bus?.close();
  bus = undefined;
});

const TIMING = { pollIntervalMs: 5, replyTimeoutMs: 80, backoff: { initialMs: 20, maxMs: 80 } };

async function qlpSetup() {
  counter += 1;
  const path = `/dev/ttySIM-beep-qlp-${counter}`;
  const sim = new QlpBusSimulator([2, 3]);
  const recording = new Recording(sim);
  const binding = new SimulatedBinding();
  binding.attach(path, recording, { maxReadSize: 3 });
  bus = createWindowBus({
    protocol: 'qlp',
    link: new SerialLink({ path, baudRate: 9600, binding }),
    ...TIMING,
    devices: [
      { id: 'strip', kind: 'led-strip', address: 2 },
      { id: 'caller', kind: 'caller', address: 3 },
    ],
  });
  const caller = bus.callers.get('caller');
  const strip = bus.strips.get('strip');
  if (!caller || !strip) throw new Error('devices missing');
  await bus.open();
  await waitUntil(() => caller.health().status === 'online' && strip.health().status === 'online');
  return { sim, recording, caller, strip };
}

async function ff68Setup() {
  counter += 1;
  const path = `/dev/ttySIM-beep-ff68-${counter}`;
  const sim = new Ff68BusSimulator([5]);
  const binding = new SimulatedBinding();
  binding.attach(path, sim, { maxReadSize: 4 });
  sim.connect((bytes) => binding.inject(path, bytes));
  bus = createWindowBus({
    protocol: 'ff68',
    link: new SerialLink({ path, baudRate: 9600, binding }),
    ...TIMING,
    devices: [
      { id: 'caller', kind: 'caller', address: 5 },
      { id: 'strip', kind: 'led-strip', address: 5 },
    ],
  });
  const caller = bus.callers.get('caller');
  const strip = bus.strips.get('strip');
  if (!caller || !strip) throw new Error('devices missing');
  await bus.open();
  await waitUntil(() => caller.health().status === 'online');
  return { sim, caller, strip };
}

describe('QLP/1 BEEP', () => {
  it('encodes and parses the golden line (CRC computed by hand outside this codebase)', () => {
    const frame = { address: 3, seq: 5, verb: 'BEEP', args: { n: '2' } };
    expect(encodeQlp(frame).toString('latin1')).toBe('03 05 BEEP n=2*7F8C\r\n');
    expect(parseQlpLine(Buffer.from('03 05 BEEP n=2*7F8C', 'ascii'))).toEqual({ ok: true, frame });
  });

  it('signalRefusal sends one framed BEEP n=2 to the caller, and the simulated device beeps twice', async () => {
    const { sim, recording, caller } = await qlpSetup();
    expect(sim.beepsOf(3)).toBe(0);
    await caller.signalRefusal();
    expect(sim.beepsOf(3)).toBe(2);
    expect(sim.beepsOf(2)).toBe(0);
    const beeps = recording.lines().filter((line) => line.includes('BEEP'));
    expect(beeps).toHaveLength(1);
    const match = /^03 ([0-9A-F]{2}) BEEP n=2\*([0-9A-F]{4})\r\n$/.exec(beeps[0] ?? '');
    expect(match).not.toBeNull();
    const [, seq, crc] = match ?? [];
    expect(Number.parseInt(crc ?? '', 16)).toBe(modbusCrc(`03 ${seq} BEEP n=2`));
  });

  it('a lost ACK is retried with the same SEQ: the device answers from its cache and does not beep again', async () => {
    const { sim, caller } = await qlpSetup();
    sim.faults(3).dropReplies = 1;
    await caller.signalRefusal();
    expect(sim.beepsOf(3)).toBe(2);
    expect(sim.executed(3).filter((frame) => frame.verb === 'BEEP')).toHaveLength(1);
  });

  it('a silent caller rejects with no-answer instead of throwing elsewhere', async () => {
    const { sim, caller } = await qlpSetup();
    sim.faults(3).silent = true;
    const error = await caller.signalRefusal().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WindowBusError);
    expect((error as WindowBusError).code).toBe('no-answer');
    expect(sim.beepsOf(3)).toBe(0);
  });

  it('a QLP strip shows words', async () => {
    const { strip } = await qlpSetup();
    expect(strip.isDigitsOnly).toBe(false);
  });
});

describe('FF68 beep (func 03)', () => {
  it('signalRefusal sends two func 03 frames, each echoed; the display is left alone', async () => {
    const { sim, caller, strip } = await ff68Setup();
    await strip.show('A017 请到3号窗口');
    await caller.signalRefusal();
    expect(sim.beepsOf(5)).toBe(2);
    expect(sim.displayOf(5)).toBe('   017');
    expect(strip.isDigitsOnly).toBe(true);
  });

  it('a silent caller rejects with no-answer', async () => {
    const { sim, caller } = await ff68Setup();
    sim.faults(5).silent = true;
    const error = await caller.signalRefusal().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WindowBusError);
    expect((error as WindowBusError).code).toBe('no-answer');
    expect(sim.beepsOf(5)).toBe(0);
  });
});
