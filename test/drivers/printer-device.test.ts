import { mkdir, readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../drivers/device';
import { createNetworkPrinter } from '../../drivers/printer/create-printer';
import type { EscPosPrinter } from '../../drivers/printer/escpos-printer';
import type { PrintableTicket } from '../../drivers/printer/ticket-types';
import { decodeEscPos, transcript } from '../../drivers/sim/escpos-decoder';
import { startPrinterSimulator, type PrinterSimulator, type SimulatedJob } from '../../drivers/sim/printer-simulator';

const ticket = (number: string): PrintableTicket => ({
  hallName: '市民中心',
  serviceName: '社保业务',
  number,
  waitingAhead: 2,
  estimatedWaitMinutes: 8,
  issuedAt: Date.UTC(2026, 10, 27, 1, 30),
  timeZone: 'Asia/Shanghai',
  trackUrl: `http://hall.local:8080/t/${number.toLowerCase()}`,
  note: '过号请重新取号',
  language: 'zh-CN',
});

/** Resolves with the first health the printer reports that satisfies `predicate`. */
function healthWhere(printer: EscPosPrinter, predicate: (h: DeviceHealth) => boolean): Promise<DeviceHealth> {
  return new Promise((resolve) => {
    if (predicate(printer.health())) return resolve(printer.health());
    const off = printer.onHealth((h) => {
      if (!predicate(h)) return;
      off();
      resolve(h);
    });
  });
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function nextJob(sim: PrinterSimulator): Promise<SimulatedJob> {
  return new Promise((resolve) => {
    const off = sim.onJob((job) => {
      off();
      resolve(job);
    });
  });
}

describe('EscPosPrinter against the TCP printer simulator', () => {
  let outputDir: string;
  let sim: PrinterSimulator;
  let printer: EscPosPrinter;

  beforeEach(async () => {
    outputDir = await mkdtemp(path.join(tmpdir(), 'hallq-printer-'));
    sim = await startPrinterSimulator({ host: '127.0.0.1', port: 0, outputDir, kioskId: 'kiosk-1' });
    printer = createNetworkPrinter({
      id: 'printer-kiosk-1',
      host: '127.0.0.1',
      port: sim.port,
      pollIntervalMs: 50,
      statusTimeoutMs: 300,
      reconnectDelayMs: { initial: 20, max: 100 },
    });
    await printer.open();
  });

  afterEach(async () => {
    await printer.close();
    await sim.close();
    await rm(outputDir, { recursive: true, force: true });
  });

  it('opens online and prints a ticket that lands as .bin and .txt', async () => {
    expect(printer.health()).toMatchObject({ status: 'online' });
    expect(printer.kind).toBe('printer');
    const job = nextJob(sim);
    expect(await printer.print(ticket('A012'))).toEqual({ printed: true });
    const printed = await job;
    expect(printed.number).toBe('A012');
    const dir = path.join(outputDir, 'printer', 'kiosk-1');
    expect(printed.binPath).toBe(path.join(dir, 'A012.bin'));
    const bin = await readFile(path.join(dir, 'A012.bin'));
    expect(transcript(decodeEscPos(bin))).toEqual(printed.lines);
    const txt = await readFile(path.join(dir, 'A012.txt'), 'utf8');
    expect(txt).toContain('社保业务\nA012\n前面等候 2 人\n');
    expect(txt).toContain('QR: http://hall.local:8080/t/a012\n');
    expect(bin.includes(Buffer.from([0x10, 0x04]))).toBe(false); // status queries are not job bytes
  });

  it('prints several tickets in order without mixing status bytes into jobs', async () => {
    const numbers = ['A001', 'A002', 'B001'];
    const outcomes = await Promise.all(numbers.map((n) => printer.print(ticket(n))));
    expect(outcomes.every((o) => o.printed)).toBe(true);
    await expect.poll(() => sim.jobs.map((j) => j.number)).toEqual(numbers);
  });

  it('refuses with paper-out, shows it in health, and recovers when paper is loaded', async () => {
    sim.setPaperOut(true);
    const outcome = await printer.print(ticket('A013'));
    expect(outcome).toMatchObject({ printed: false, code: 'paper-out' });
    expect(printer.health()).toMatchObject({ status: 'error', code: 'paper-out' });
    expect(sim.jobs).toHaveLength(0);
    expect(sim.discardedJobs).toBe(0); // the driver never sent the job
    sim.setPaperOut(false);
    await healthWhere(printer, (h) => h.status === 'online');
    expect(await printer.print(ticket('A013'))).toEqual({ printed: true });
  });

  it('refuses with cover-open and warns on paper near end while still printing', async () => {
    sim.setCoverOpen(true);
    expect(await printer.print(ticket('C001'))).toMatchObject({ printed: false, code: 'cover-open' });
    sim.setCoverOpen(false);
    sim.setPaperNearEnd(true);
    const warned = await healthWhere(printer, (h) => h.code === 'paper-near-end');
    expect(warned.status).toBe('online');
    expect(await printer.print(ticket('C001'))).toEqual({ printed: true });
  });

  it('the simulator discards a job sent while paper is out (a driver bypassing status)', async () => {
    sim.setPaperOut(true);
    const blind = createNetworkPrinter({ id: 'blind', host: '127.0.0.1', port: sim.port, statusMode: 'none', pollIntervalMs: 0 });
    await blind.open();
    expect(await blind.print(ticket('X001'))).toEqual({ printed: true }); // blind mode cannot know
    await blind.close();
    await expect.poll(() => sim.discardedJobs).toBe(1);
    expect(sim.jobs).toHaveLength(0);
  });

  it('goes offline when the link drops and back online after reconnecting', async () => {
    const seen: string[] = [];
    printer.onHealth((h) => seen.push(h.status));
    sim.setUnreachable(true);
    const offline = await healthWhere(printer, (h) => h.status === 'offline');
    expect(offline.code).toBe('offline');
    expect(await printer.print(ticket('D001'))).toMatchObject({ printed: false, code: 'offline' });
    sim.setUnreachable(false);
    await healthWhere(printer, (h) => h.status === 'online');
    expect(seen).toEqual(['offline', 'online']);
    expect(await printer.print(ticket('D001'))).toEqual({ printed: true });
  });

  it('keeps printing when its transcript files cannot be written (ENOSPC, EMFILE): no unhandled rejection', async () => {
    // Regression: `writes.then(writeFile…)` rejected unhandled on a full disk and killed the demo hub.
    // The job folder replaced by a file makes every write fail, as a full disk does.
    const dir = path.join(outputDir, 'printer', 'kiosk-1');
    await rm(dir, { recursive: true, force: true });
    await writeFile(dir, 'in the way');
    expect(await printer.print(ticket('F001'))).toEqual({ printed: true });
    await until(() => sim.unwrittenJobs === 1);
    expect(sim.lastWriteError).toMatch(/ENOTDIR/);
    await rm(dir, { force: true });
    await mkdir(dir);
    const job = nextJob(sim);
    expect(await printer.print(ticket('F002'))).toEqual({ printed: true });
    expect((await job).number).toBe('F002');
  });

  it('reports offline without throwing when no printer listens at all', async () => {
    const port = sim.port;
    await sim.close();
    const lonely = createNetworkPrinter({ id: 'lonely', host: '127.0.0.1', port, reconnectDelayMs: { initial: 1000, max: 1000 } });
    await expect(lonely.open()).resolves.toBeUndefined();
    expect(lonely.health()).toMatchObject({ status: 'offline', code: 'offline' });
    expect(await lonely.print(ticket('E001'))).toMatchObject({ printed: false, code: 'offline' });
    await lonely.close();
    sim = await startPrinterSimulator({ port: 0, outputDir, kioskId: 'kiosk-1' }); // for afterEach
  });
});
