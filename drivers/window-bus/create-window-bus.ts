import type { BusDriver } from './bus-driver';
import { BusHardwareCaller, BusRatingKeypad, BusWindowStrip } from './devices';
import { Ff68Master } from './ff68/ff68-master';
import { QlpMaster } from './qlp/qlp-master';
import { systemTimers } from '../timers';
import type { HardwareCaller, RatingKeypad, WindowBus, WindowBusConfig, WindowStrip } from './types';

/**
 * Builds every device on one serial bus. The hub gets devices by configured id and never learns
 * which protocol is wired. Throws RangeError for an invalid config (duplicate id, bad address).
 */
export function createWindowBus(config: WindowBusConfig): WindowBus {
  const maxAddress = config.protocol === 'qlp' ? 0xf7 : 0xff;
  const ids = new Set<string>();
  for (const device of config.devices) {
    if (ids.has(device.id)) throw new RangeError(`window bus: duplicate device id '${device.id}'`);
    ids.add(device.id);
    if (!Number.isInteger(device.address) || device.address < 1 || device.address > maxAddress) {
      throw new RangeError(`window bus: device '${device.id}' address ${device.address} outside 1..${maxAddress}`);
    }
  }
  const addresses = [...new Set(config.devices.map((device) => device.address))];
  const timers = config.timers ?? systemTimers;
  const common = {
    link: config.link,
    addresses,
    pollIntervalMs: config.pollIntervalMs,
    replyTimeoutMs: config.replyTimeoutMs,
    retries: config.retries,
    backoff: config.backoff,
    timers,
  };
  const driver: BusDriver = config.protocol === 'qlp' ? new QlpMaster(common) : new Ff68Master(common);

  let opening: Promise<void> | undefined;
  const openBus = (): Promise<void> => (opening ??= driver.open());

  const keypads = new Map<string, RatingKeypad>();
  const strips = new Map<string, WindowStrip>();
  const callers = new Map<string, HardwareCaller>();
  const all: Array<{ open(): Promise<void>; close(): Promise<void> }> = [];
  for (const device of config.devices) {
    if (device.kind === 'keypad') {
      const keypad = new BusRatingKeypad(device.id, device.address, driver, openBus, timers);
      keypads.set(device.id, keypad);
      all.push(keypad);
    } else if (device.kind === 'led-strip') {
      const strip = new BusWindowStrip(device.id, device.address, driver, openBus, config.protocol === 'ff68');
      strips.set(device.id, strip);
      all.push(strip);
    } else {
      const caller = new BusHardwareCaller(device.id, device.address, driver, openBus);
      callers.set(device.id, caller);
      all.push(caller);
    }
  }

  return {
    keypads,
    strips,
    callers,
    async open() {
      await Promise.all(all.map((device) => device.open()));
      await openBus();
    },
    async close() {
      await Promise.all(all.map((device) => device.close()));
      opening = undefined;
      await driver.close();
    },
  };
}
