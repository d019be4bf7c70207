import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../drivers/device';
import { SerialLink } from '../../drivers/link/serial-link';
import { SimulatedBinding } from '../../drivers/link/simulated-binding';
import { QlpBusSimulator } from '../../drivers/sim/window-bus/qlp-bus-simulator';
import { createWindowBus, type CallerKey, type Rating, type WindowBus } from '../../drivers/window-bus';
import { waitUntil } from '../support/wait';

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const ARM = { ticketId: 't-1', ticketNumber: 'A001', windowNumber: 3, staffNumber: '017', timeoutSeconds: 60 };
let counter = 0;
let bus: WindowBus | undefined;

/** One RS-485 bus: keypad at 0x01, strip at 0x02, caller at 0x03, all through SerialLink on the simulated binding. */
async function setup(options: { maxReadSize?: number } = {}) {
  counter += 1;
  const path = `/dev/ttySIM-qlp-${counter}`;
  const sim = new QlpBusSimulator([1, 2, 3]);
  const binding = new SimulatedBinding();
  binding.attach(path, sim, options);
  const link = new SerialLink({ path, baudRate: 9600, binding });
  bus = createWindowBus({
    protocol: 'qlp',
    link,
    pollIntervalMs: 5,
    replyTimeoutMs: 80, // QLP says 100; shorter keeps tests fast, not so short that a loaded CI box times out
    backoff: { initialMs: 20, maxMs: 80 },
    devices: [
      { id: 'kp', kind: 'keypad', address: 1 },
      { id: 'strip', kind: 'led-strip', address: 2 },
      { id: 'caller', kind: 'caller', address: 3 },
    ],
  });
  const keypad = bus.keypads.get('kp');
  const strip = bus.strips.get('strip');
  const caller = bus.callers.get('caller');
  if (!keypad || !strip || !caller) throw new Error('devices missing');
  const ratings: Rating[] = [];
  keypad.onRating((rating) => ratings.push(rating));
  await bus.open();
  await waitUntil(() => [keypad, strip, caller].every((d) => d.health().status === 'online'));
  return { sim, binding, path, keypad, strip, caller, ratings };
}

afterEach(async () => {
  await bus?.close();
  bus = undefined;
});

describe('window bus on QLP/1 through SerialLink + simulated binding', () => {
  it('arm → press → exactly one rating for the armed ticket', async () => {
    const { sim, keypad, ratings } = await setup({ maxReadSize: 3 });
    await keypad.arm(ARM);
    expect(sim.armedTicket(1)).toBe('A001');
    expect(sim.press(1, 2, ['01', '07'])).toBe(true);
    await waitUntil(() => ratings.length === 1);
    expect(ratings).toEqual([{ ticketId: 't-1', level: 2, reasons: ['01', '07'] }]);
  });

  it('ignores a press while not armed, on the device and in the driver', async () => {
    const { sim, keypad, ratings } = await setup();
    expect(sim.press(1, 5)).toBe(false);
    expect(sim.ignoredPresses(1)).toBe(1);
    await settle(60);
    expect(ratings).toEqual([]);
    expect(keypad.ignoredPresses()).toBe(0);
  });

  it('double press gives one rating', async () => {
    const { sim, keypad, ratings } = await setup();
    await keypad.arm(ARM);
    sim.press(1, 4);
    sim.press(1, 1);
    await waitUntil(() => ratings.length === 1);
    await settle(60);
    expect(ratings).toEqual([{ ticketId: 't-1', level: 4, reasons: [] }]);
  });

  it('drops a press for the previous ticket that arrives after re-arming, and counts it', async () => {
    const { sim, keypad, ratings } = await setup();
    await keypad.arm(ARM);
    sim.press(1, 5); // queued on the device as ticket=A001, not yet polled
    const rearm = keypad.arm({ ...ARM, ticketId: 't-2', ticketNumber: 'A002' });
    await rearm;
    await waitUntil(() => keypad.ignoredPresses() === 1);
    expect(ratings).toEqual([]);
    sim.press(1, 3);
    await waitUntil(() => ratings.length === 1);
    expect(ratings).toEqual([{ ticketId: 't-2', level: 3, reasons: [] }]);
    await keypad.arm({ ...ARM, ticketId: 't-3', ticketNumber: 'A003' });
    await keypad.disarm();
    expect(sim.isArmed(1)).toBe(false);
  });

  it('strip shows UTF-8 text with colour and blink, and clears', async () => {
    const { sim, strip } = await setup({ maxReadSize: 1 });
    await strip.show('A001 请到3号窗口', { color: 'g', blink: true });
    expect(sim.textOf(2)).toBe('A001 请到3号窗口');
    expect(sim.styleOf(2)).toEqual({ color: 'g', blink: true });
    await strip.clear();
    expect(sim.textOf(2)).toBeUndefined();
    await expect(strip.show('请'.repeat(40))).rejects.toMatchObject({ code: 'too-long' });
  });

  it('caller keys become hub keys', async () => {
    const { sim, caller } = await setup();
    const keys: CallerKey[] = [];
    caller.onKey((key) => keys.push(key));
    sim.pressKey(3, 'call');
    sim.pressKey(3, 'eval');
    sim.pressKey(3, 'confirm', 'abandon');
    sim.pressKey(3, 'transfer');
    await waitUntil(() => keys.length === 4);
    expect(keys).toEqual(['call-next', 'finish', 'no-show', 'transfer']);
  });

  it('retries with the same SEQ: a lost reply is replayed from cache, not executed twice', async () => {
    const { sim, strip } = await setup();
    sim.faults(2).dropReplies = 1;
    const before = sim.executed(2).length;
    await strip.show('A002');
    const shows = sim.executed(2).slice(before).filter((f) => f.verb === 'SHOW');
    expect(shows).toHaveLength(1);
  });

  it('survives garbage and corrupt CRCs on the line', async () => {
    const { sim, strip } = await setup();
    sim.faults(2).garbage = true;
    await strip.show('A003');
    expect(sim.textOf(2)).toBe('A003');
    sim.faults(2).corruptCrc = true;
    await expect(strip.show('A004')).rejects.toMatchObject({ code: 'no-answer' });
    expect(strip.health()).toMatchObject({ status: 'offline', code: 'no-answer' });
  });

  it('silent device → offline no-answer; it comes back by itself', async () => {
    const { sim, caller } = await setup();
    const seen: DeviceHealth[] = [];
    caller.onHealth((h) => seen.push(h));
    sim.faults(3).silent = true;
    await waitUntil(() => caller.health().status === 'offline');
    expect(caller.health().code).toBe('no-answer');
    sim.faults(3).silent = false;
    await waitUntil(() => caller.health().status === 'online');
    expect(seen.map((h) => h.status)).toEqual(['offline', 'online']);
  });

  it('unplug → every device offline port-missing → replug → back online with back-off, no crash', async () => {
    const { binding, path, keypad, strip, caller } = await setup();
    binding.unplug(path);
    await waitUntil(() => [keypad, strip, caller].every((d) => d.health().code === 'port-missing'));
    await expect(strip.show('A005')).rejects.toMatchObject({ code: 'offline' });
    await settle(150); // several failed re-opens
    expect(strip.health().status).toBe('offline');
    binding.replug(path);
    await waitUntil(() => [keypad, strip, caller].every((d) => d.health().status === 'online'));
    await strip.show('A006');
  });

  it('re-draws a strip that rebooted (HELLO)', async () => {
    const { sim, strip } = await setup();
    await strip.show('A007');
    sim.powerCycle(2);
    expect(sim.textOf(2)).toBeUndefined();
    await waitUntil(() => sim.textOf(2) === 'A007');
  });
});
