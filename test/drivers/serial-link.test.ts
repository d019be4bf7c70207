import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceSimulator, LinkState } from '../../drivers/device';
import { SerialLink } from '../../drivers/link/serial-link';
import { SimulatedBinding } from '../../drivers/link/simulated-binding';
import { waitUntil } from '../support/wait';

/** Answers every write with the same bytes reversed, so replies are distinguishable from writes. */
const reverser: DeviceSimulator = {
  receive(bytes, reply) {
    reply(Buffer.from(bytes).reverse());
  },
};

describe('SerialLink on the simulated binding', () => {
  let link: SerialLink | undefined;
  afterEach(async () => {
    await link?.close();
    link = undefined;
  });

  it('opens 8N1 at the given baud, writes to the simulator and receives its reply asynchronously', async () => {
    const binding = new SimulatedBinding();
    binding.attach('/dev/ttySIM-link-1', reverser, { maxReadSize: 2 });
    link = new SerialLink({ path: '/dev/ttySIM-link-1', baudRate: 19200, binding });
    const received: Buffer[] = [];
    link.onData((chunk) => received.push(chunk));
    await link.open();
    expect(link.isOpen()).toBe(true);
    await link.write(Buffer.from('abcde'));
    expect(received).toEqual([]); // never synchronous
    await waitUntil(() => Buffer.concat(received).length === 5);
    expect(Buffer.concat(received).toString()).toBe('edcba');
    expect(received.length).toBeGreaterThan(1); // maxReadSize split it
  });

  it('rejects opening a missing port without emitting an unhandled error', async () => {
    const binding = new SimulatedBinding();
    link = new SerialLink({ path: '/dev/ttySIM-nothing', binding });
    await expect(link.open()).rejects.toThrow(/cannot open/);
    expect(link.isOpen()).toBe(false);
  });

  it('emits closed with an error when unplugged, fails writes and opens, and reopens after replug', async () => {
    const binding = new SimulatedBinding();
    binding.attach('/dev/ttySIM-link-2', reverser);
    link = new SerialLink({ path: '/dev/ttySIM-link-2', binding });
    // serialport marks a vanished port with a DisconnectedError, recognisable by its flag.
    const states: Array<[LinkState, boolean]> = [];
    link.onState((state, error) => states.push([state, error !== undefined && 'disconnected' in error]));
    await link.open();
    binding.unplug('/dev/ttySIM-link-2');
    await waitUntil(() => states.length === 2);
    expect(states).toEqual([
      ['open', false],
      ['closed', true],
    ]);
    expect(link.isOpen()).toBe(false);
    await expect(link.write(Buffer.from('x'))).rejects.toThrow();
    await expect(link.open()).rejects.toThrow(/cannot open/);

    binding.replug('/dev/ttySIM-link-2');
    await link.open();
    const received: Buffer[] = [];
    link.onData((chunk) => received.push(chunk));
    await link.write(Buffer.from('ok'));
    await waitUntil(() => Buffer.concat(received).toString() === 'ko');
  });

  it('closes cleanly with a plain closed state', async () => {
    const binding = new SimulatedBinding();
    binding.attach('/dev/ttySIM-link-3', reverser);
    link = new SerialLink({ path: '/dev/ttySIM-link-3', binding });
    const states: Array<[LinkState, Error | undefined]> = [];
    link.onState((state, error) => states.push([state, error]));
    await link.open();
    await link.close();
    await waitUntil(() => states.length === 2);
    expect(states[1]).toEqual(['closed', undefined]);
  });
});
