/**
 * Turns one `windowBuses` entry of the hall config into a running window bus: the link (serial port,
 * TCP bridge, or an in-process simulator for the demo and tests) and the protocol (QLP/1 or FF68).
 * With kiosk-devices.ts, the only place in server/ that builds links and simulators.
 */
import type { ByteLink } from '../../drivers/device';
import { createWindowBus, type CallerKey, type RatingLevel } from '../../drivers/window-bus/index';
import { MemoryLink } from '../../drivers/link/memory-link';
import { QlpBusSimulator, type QlpSimKey } from '../../drivers/sim/window-bus/qlp-bus-simulator';
import { Ff68BusSimulator } from '../../drivers/sim/window-bus/ff68-bus-simulator';
import { FF68_CONFIRM_DIGITS, FF68_KEYS, FF68_LEVELS } from '../../drivers/window-bus/ff68/codec';
import type { BuildBus, SimulatedDevices, WindowBusEntry } from '../app/window-devices';
import { serialLink, tcpLink } from './byte-links';

const QLP_KEYS: Record<CallerKey, { k: QlpSimKey; arg?: string }> = {
  'call-next': { k: 'call' },
  'recall': { k: 'recall' },
  'finish': { k: 'eval' },
  'no-show': { k: 'confirm', arg: 'abandon' },
  'pause': { k: 'pause' },
  'transfer': { k: 'transfer' },
};

/** Bus timing for in-process simulators: replies come on the next tick, so poll a little slower than a real bus. */
const SIMULATED_POLL_MS = 80;

export const buildWindowBus: BuildBus = async (entry) => {
  const addresses = [...new Set(entry.devices.map((d) => d.address))];
  const devices = entry.devices.map((d) => ({ id: d.id, kind: d.kind, address: d.address }));
  if (entry.link.type === 'simulator') {
    const { link, simulated } = simulate(entry, addresses);
    return { entry, bus: createWindowBus({ protocol: entry.protocol, link, devices, pollIntervalMs: SIMULATED_POLL_MS }), simulated };
  }
  return { entry, bus: createWindowBus({ protocol: entry.protocol, link: await realLink(entry), devices }) };
};

async function realLink(entry: WindowBusEntry): Promise<ByteLink> {
  switch (entry.link.type) {
    case 'serial':
      return serialLink(entry.link.path, entry.link.baudRate);
    case 'tcp':
      // An RS-485-to-Ethernet bridge (transparent TCP server) in front of the bus.
      return tcpLink(entry.link.host, entry.link.port);
    default:
      throw new Error(`window bus ${entry.id}: link type '${entry.link.type}' is not supported for window devices; use serial, tcp or simulator`);
  }
}

function simulate(entry: WindowBusEntry, addresses: number[]): { link: ByteLink; simulated: SimulatedDevices } {
  if (entry.protocol === 'qlp') {
    const sim = new QlpBusSimulator(addresses);
    return {
      link: new MemoryLink(sim, { name: entry.id }),
      simulated: {
        rate: (address, level, reasons) => sim.press(address, level, reasons),
        key: (address, key) => sim.pressKey(address, QLP_KEYS[key].k, QLP_KEYS[key].arg),
        stripText: (address) => sim.textOf(address),
        beeps: (address) => sim.beepsOf(address),
      },
    };
  }
  const sim = new Ff68BusSimulator(addresses);
  const link = new MemoryLink(sim, { name: entry.id });
  sim.connect((bytes) => link.inject(bytes));
  // The vendor keypad records its own values; find the one the driver maps to the national level.
  const vendorValue = (level: RatingLevel): number | undefined => {
    const found = Object.entries(FF68_LEVELS).find(([, mapped]) => mapped === level);
    return found ? Number(found[0]) : undefined;
  };
  return {
    link,
    simulated: {
      rate: (address, level) => {
        const value = vendorValue(level);
        if (value === undefined) return false;
        sim.pressRating(address, value);
        return true;
      },
      key: (address, key) => {
        if (key === 'no-show') sim.pressKey(address, FF68_KEYS.confirm, FF68_CONFIRM_DIGITS.abandon);
        else sim.pressKey(address, ff68Key(key));
      },
      stripText: (address) => sim.displayOf(address),
      beeps: (address) => sim.beepsOf(address),
    },
  };
}

function ff68Key(key: Exclude<CallerKey, 'no-show'>): number {
  switch (key) {
    case 'call-next':
      return FF68_KEYS.call;
    case 'recall':
      return FF68_KEYS.recall;
    case 'finish':
      return FF68_KEYS.requestEvaluation;
    case 'pause':
      return FF68_KEYS.pause;
    case 'transfer':
      return FF68_KEYS.transfer;
  }
}
