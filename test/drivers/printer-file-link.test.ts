import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUsbLpPrinter } from '../../drivers/printer/create-printer';
import { decodeEscPos, findTicketNumber } from '../../drivers/sim/escpos-decoder';

describe('USB printer via a device file (write-only)', () => {
  it('writes the ticket bytes to the file and reports online without status replies', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hallq-lp-'));
    const file = path.join(dir, 'lp0');
    const printer = createUsbLpPrinter({ id: 'usb', path: file, pollIntervalMs: 0 });
    await printer.open();
    expect(printer.health()).toMatchObject({ status: 'online' });
    const outcome = await printer.print({
      hallName: 'Hall', serviceName: 'Tax', number: 'T009', waitingAhead: 0, estimatedWaitMinutes: 0,
      issuedAt: 0, timeZone: 'UTC', trackUrl: 'http://h/t/1', note: '', language: 'en',
    });
    expect(outcome).toEqual({ printed: true });
    await printer.close();
    expect(findTicketNumber(decodeEscPos(await readFile(file)))).toBe('T009');
    await rm(dir, { recursive: true, force: true });
  });

  it('is offline, not throwing, when the device file cannot be opened', async () => {
    const printer = createUsbLpPrinter({ id: 'usb', path: '/nonexistent-dir/lp0', reconnectDelayMs: { initial: 5000, max: 5000 } });
    await printer.open();
    expect(printer.health()).toMatchObject({ status: 'offline', code: 'offline' });
    await printer.close();
  });
});
