/**
 * One kiosk's hardware: its ticket printer and its ID card reader, built from the kiosk's config
 * ('simulator' | 'tcp' | 'serial' | 'usb'). Health changes go to the hub as device health (owner = kiosk).
 * Card data goes only to `onCard`; it never reaches a log line or a health reason. With
 * window-bus-factory.ts, the only place in server/ that builds links and simulators.
 */
import type { HallConfigFile } from '../config-schema';
import type { DeviceHealthView } from '../protocol/model';
import type { ByteLink, Device, DeviceHealth } from '../../drivers/device';
import { createNetworkPrinter, createUsbLpPrinter, EscPosPrinter } from '../../drivers/printer';
import { startPrinterSimulator, type PrinterSimulator } from '../../drivers/sim/printer-simulator';
import { IdCardReader, type IdCardData } from '../../drivers/idcard';
import { IdCardSimulator } from '../../drivers/sim/idcard-simulator';
import { MemoryLink } from '../../drivers/link/memory-link';
import { serialLink, tcpLink } from './byte-links';

type KioskConfig = HallConfigFile['kiosks'][number];
type Transport = NonNullable<KioskConfig['printer']>;

export interface KioskDevices {
  readonly kioskId: string;
  readonly printer?: EscPosPrinter;
  /** Present when the printer is simulated: jobs land in <dataDir>/printer/<kioskId>/. */
  readonly printerSimulator?: PrinterSimulator;
  readonly reader?: IdCardReader;
  /** Present when the reader is simulated: the demo lays cards on it. */
  readonly readerSimulator?: IdCardSimulator;
  close(): Promise<void>;
}

export interface DeviceContext {
  readonly dataDir: string;
  readonly report: (health: DeviceHealthView) => void;
  readonly onCard: (kioskId: string, card: IdCardData) => void;
  readonly printerPollMs?: number;
  readonly now: () => number;
}

/** Simulated readers poll faster so the demo answers a "card" at once. */
const SIMULATED_READER_POLL_MS = 200;

export async function openKioskDevices(kiosk: KioskConfig, context: DeviceContext): Promise<KioskDevices> {
  const printerId = `${kiosk.id}-printer`;
  const readerId = `${kiosk.id}-id-reader`;
  const watch = (device: Device, kind: string): void => {
    const report = (h: DeviceHealth): void => context.report(toView(device.id, kind, kiosk.id, h));
    report(device.health());
    device.onHealth(report);
  };

  let printerSimulator: PrinterSimulator | undefined;
  let printer: EscPosPrinter | undefined;
  const pollIntervalMs = context.printerPollMs ?? 5000;
  if (kiosk.printer) {
    const link = kiosk.printer.type === 'serial' ? await linkFor(kiosk.printer, printerId, context, 'printer') : undefined;
    if (kiosk.printer.type === 'simulator') {
      printerSimulator = await startPrinterSimulator({ host: '127.0.0.1', port: 0, outputDir: context.dataDir, kioskId: kiosk.id });
      printer = createNetworkPrinter({ id: printerId, host: printerSimulator.host, port: printerSimulator.port, pollIntervalMs });
    } else if (kiosk.printer.type === 'tcp') {
      printer = createNetworkPrinter({ id: printerId, host: kiosk.printer.host, port: kiosk.printer.port, pollIntervalMs });
    } else if (kiosk.printer.type === 'usb') {
      printer = createUsbLpPrinter({ id: printerId, path: kiosk.printer.path, pollIntervalMs });
    } else if (link) {
      printer = new EscPosPrinter({ id: printerId, link, pollIntervalMs });
    }
    if (printer) {
      watch(printer, 'printer');
      await printer.open();
    }
  }

  let readerSimulator: IdCardSimulator | undefined;
  let reader: IdCardReader | undefined;
  if (kiosk.idReader) {
    let link: ByteLink | undefined;
    if (kiosk.idReader.type === 'simulator') {
      readerSimulator = new IdCardSimulator();
      link = new MemoryLink(readerSimulator, { name: readerId });
    } else {
      link = await linkFor(kiosk.idReader, readerId, context, 'id-reader');
    }
    if (link) {
      reader = new IdCardReader({ id: readerId, link, ...(readerSimulator ? { pollIntervalMs: SIMULATED_READER_POLL_MS } : {}) });
      const simulator = readerSimulator;
      reader.onCard((card) => {
        // The visitor takes the card back; on real hardware the reader latches until it is lifted.
        simulator?.removeCard();
        context.onCard(kiosk.id, card);
      });
      watch(reader, 'id-reader');
      await reader.open();
    }
  }

  return {
    kioskId: kiosk.id,
    ...(printer ? { printer } : {}),
    ...(printerSimulator ? { printerSimulator } : {}),
    ...(reader ? { reader } : {}),
    ...(readerSimulator ? { readerSimulator } : {}),
    async close() {
      await reader?.close().catch(() => undefined);
      await printer?.close().catch(() => undefined);
      await printerSimulator?.close().catch(() => undefined);
    },
  };
}

/** The byte link of a serial or TCP device; undefined (with an error health) when it cannot be made. */
async function linkFor(transport: Transport, id: string, context: DeviceContext, kind: string): Promise<ByteLink | undefined> {
  switch (transport.type) {
    case 'simulator':
      return undefined;
    case 'tcp':
      return tcpLink(transport.host, transport.port);
    case 'serial':
      try {
        return await serialLink(transport.path, transport.baudRate);
      } catch {
        context.report({ id, kind, status: 'error', code: 'no-serial-support', reason: 'the serial port driver could not be loaded on this computer', since: context.now() });
        return undefined;
      }
    case 'usb':
      if (kind === 'printer') return undefined;
      context.report({ id, kind, status: 'error', code: 'unsupported', reason: 'USB is only supported for printers; connect the reader as a serial device', since: context.now() });
      return undefined;
  }
}

function toView(id: string, kind: string, owner: string, h: DeviceHealth): DeviceHealthView {
  return { id, kind, status: h.status, ...(h.code ? { code: h.code } : {}), ...(h.reason ? { reason: h.reason } : {}), since: h.since, owner };
}
