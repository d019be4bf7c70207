import { afterEach, describe, expect, it } from 'vitest';
import { SerialLink } from '../../drivers/link/serial-link';
import { SimulatedBinding } from '../../drivers/link/simulated-binding';
import { Ff68BusSimulator } from '../../drivers/sim/window-bus/ff68-bus-simulator';
import { FF68_KEYS } from '../../drivers/window-bus/ff68/codec';
import { createWindowBus, type CallerKey, type Rating, type WindowBus } from '../../drivers/window-bus';
import { waitUntil } from '../support/wait';

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let counter = 0;
let bus: WindowBus | undefined;

/** Vendor bus: caller + strip share box 0x05 (keys and 3-digit display), evaluator at 0x06. */
async function setup() {
  counter += 1;
  const path = `/dev/ttySIM-ff68-${counter}`;
  const sim = new Ff68BusSimulator([5, 6]);
  const binding = new SimulatedBinding();
  binding.attach(path, sim, { maxReadSize: 4 });
  sim.connect((bytes) => binding.inject(path, bytes));
  bus = createWindowBus({
    protocol: 'ff68',
    link: new SerialLink({ path, baudRate: 9600, binding }),
    pollIntervalMs: 5,
    replyTimeoutMs: 80, // QLP says 100; shorter keeps tests fast, not so short that a loaded CI box times out
    backoff: { initialMs: 20, maxMs: 80 },
    devices: [
      { id: 'caller', kind: 'caller', address: 5 },
      { id: 'strip', kind: 'led-strip', address: 5 },
      { id: 'kp', kind: 'keypad', address: 6 },
    ],
  });
  const caller = bus.callers.get('caller');
  const strip = bus.strips.get('strip');
  const keypad = bus.keypads.get('kp');
  if (!caller || !strip || !keypad) throw new Error('devices missing');
  const ratings: Rating[] = [];
  keypad.onRating((rating) => ratings.push(rating));
  const keys: CallerKey[] = [];
  caller.onKey((key) => keys.push(key));
  await bus.open();
  await waitUntil(() => [caller, strip, keypad].every((d) => d.health().status === 'online'));
  return { sim, binding, path, caller, strip, keypad, ratings, keys };
}

afterEach(async () => {
  await bus?.close();
  bus = undefined;
});

describe('window bus on the FF68 vendor bus through SerialLink + simulated binding', () => {
  it('strip shows the ticket digits with func 02; clear blanks it', async () => {
    const { sim, strip } = await setup();
    await strip.show('A017 请到3号窗口');
    expect(sim.displayOf(5)).toBe('   017');
    await strip.clear();
    expect(sim.displayOf(5)).toBe('      ');
  });

  it('caller keys are echoed as ACK and mapped', async () => {
    const { sim, keys } = await setup();
    sim.pressKey(5, FF68_KEYS.call);
    await waitUntil(() => keys.length === 1);
    sim.pressKey(5, FF68_KEYS.confirm, 0x06);
    sim.faults(5).garbage = true;
    await settle(20);
    sim.pressKey(5, FF68_KEYS.requestEvaluation);
    await waitUntil(() => keys.length === 3);
    expect(keys).toEqual(['call-next', 'no-show', 'finish']);
    await waitUntil(() => sim.ackedOf(5) === 3);
  });

  it('arm → press → one rating (vendor 4 → level 5); unarmed and double presses are ignored and counted', async () => {
    const { sim, keypad, ratings } = await setup();
    sim.pressRating(6, 1);
    await waitUntil(() => keypad.ignoredPresses() === 1);
    await keypad.arm({ ticketId: 't-9', ticketNumber: 'B009', windowNumber: 5, timeoutSeconds: 30 });
    sim.pressRating(6, 4);
    await waitUntil(() => ratings.length === 1);
    await settle(20);
    sim.pressRating(6, 3);
    await waitUntil(() => keypad.ignoredPresses() === 2);
    expect(ratings).toEqual([{ ticketId: 't-9', level: 5, reasons: [] }]);
  });

  it('silent device → offline no-answer → back online', async () => {
    const { sim, keypad } = await setup();
    sim.faults(6).silent = true;
    await waitUntil(() => keypad.health().code === 'no-answer');
    sim.faults(6).silent = false;
    await waitUntil(() => keypad.health().status === 'online');
  });

  it('unplug → port-missing → replug → online, and the display is redrawn', async () => {
    const { sim, binding, path, strip } = await setup();
    await strip.show('A123');
    binding.unplug(path);
    await waitUntil(() => strip.health().code === 'port-missing');
    await expect(strip.show('A124')).rejects.toMatchObject({ code: 'offline' });
    binding.replug(path);
    await waitUntil(() => strip.health().status === 'online');
    expect(sim.displayOf(5)).toBe('   123');
  });
});
