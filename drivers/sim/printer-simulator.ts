import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Listeners } from '../listeners';
import { EscPosTokenizer } from '../printer/escpos-tokenizer';
import { LineAssembler, findTicketNumber, transcript, type DecodedItem } from './escpos-decoder';

/** Where and as whom the simulated network printer runs. */
export interface PrinterSimulatorOptions {
  /** Default '127.0.0.1': the simulator is for loopback only. */
  readonly host?: string;
  /** 0 (default) picks a free port; read it back from `port`. */
  readonly port?: number;
  /** Jobs land in `<outputDir>/printer/<kioskId>/`. */
  readonly outputDir: string;
  readonly kioskId: string;
}

/** One cut ticket as the simulator printed it. */
export interface SimulatedJob {
  /** Found from the bytes (the largest line), or `job-<n>` if no line was enlarged. */
  readonly number: string;
  readonly lines: readonly string[];
  readonly qrPayloads: readonly string[];
  readonly bytes: Buffer;
  readonly binPath: string;
  readonly txtPath: string;
}

/** A running simulator with its fault switches. */
export interface PrinterSimulator {
  readonly host: string;
  readonly port: number;
  /** Printed jobs, in order. Jobs received while paper was out or the cover open are not here. */
  readonly jobs: readonly SimulatedJob[];
  /** How many jobs were discarded because the printer could not print. */
  readonly discardedJobs: number;
  /** Jobs printed whose transcript files could not be written (a full disk, too many open files). */
  readonly unwrittenJobs: number;
  readonly lastWriteError: string | undefined;
  setPaperOut(isOut: boolean): void;
  setCoverOpen(isOpen: boolean): void;
  setPaperNearEnd(isNearEnd: boolean): void;
  /** Resets every connection, like a pulled network cable or a printer reboot. */
  dropConnections(): void;
  /** While true, connections are accepted and immediately reset (printer powered off). */
  setUnreachable(isUnreachable: boolean): void;
  /** Called after a job's files are written. */
  onJob(listener: (job: SimulatedJob) => void): () => void;
  close(): Promise<void>;
}

/**
 * A far-side network ESC/POS printer on loopback TCP. It answers DLE EOT 1–4 at once (as real
 * printers do, even when offline), decodes everything else, and on each cut writes
 * `<number>.bin` (raw job bytes, status queries excluded) and `<number>.txt` (transcript).
 *
 * Paper-out / cover-open choice: a job that arrives, even in part, while the printer cannot print
 * is DISCARDED and counted, not buffered. Real printers keep bytes in their receive buffer and
 * print them after the fault clears; a kiosk ticket printed minutes late to nobody is worse than
 * none, and the driver never sends while faulted, so a discard here signals a driver bug.
 */
export async function startPrinterSimulator(options: PrinterSimulatorOptions): Promise<PrinterSimulator> {
  const host = options.host ?? '127.0.0.1';
  const dir = path.join(options.outputDir, 'printer', safeName(options.kioskId));
  await mkdir(dir, { recursive: true });
  const state = { paperOut: false, coverOpen: false, nearEnd: false, unreachable: false };
  const jobs: SimulatedJob[] = [];
  const listeners = new Listeners<[job: SimulatedJob]>();
  const sockets = new Set<net.Socket>();
  let discarded = 0;
  let sequence = 0;
  let writes: Promise<void> = Promise.resolve();
  let unwritten = 0;
  let lastWriteError: string | undefined;

  const finishJob = (items: DecodedItem[], bytes: Buffer): void => {
    sequence += 1;
    const number = findTicketNumber(items) ?? `job-${sequence}`;
    const lines = transcript(items);
    const base = path.join(dir, safeName(number));
    const job: SimulatedJob = {
      number,
      lines,
      qrPayloads: items.flatMap((item) => (item.kind === 'qr' ? [item.payload] : [])),
      bytes,
      binPath: `${base}.bin`,
      txtPath: `${base}.txt`,
    };
    // Files are written in job order; the job is announced only once both exist. A file that cannot be
    // written (ENOSPC, EMFILE) loses that transcript only: an unhandled rejection here used to kill the demo hub.
    writes = writes
      .then(async () => {
        await writeFile(job.binPath, bytes);
        await writeFile(job.txtPath, `${lines.join('\n')}\n`, 'utf8');
        jobs.push(job);
        listeners.emit(job);
      })
      .catch((error: unknown) => {
        unwritten += 1;
        lastWriteError = error instanceof Error ? error.message : String(error);
      });
  };

  const server = net.createServer((socket) => {
    if (state.unreachable) {
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const tokenizer = new EscPosTokenizer();
    const assembler = new LineAssembler();
    let items: DecodedItem[] = [];
    let raw: Buffer[] = [];
    let isTainted = false;
    socket.on('data', (chunk: Buffer) => {
      for (const token of tokenizer.push(chunk)) {
        if (token.type === 'status-query') {
          // Answer on a later tick, as hardware would, never synchronously inside the write.
          const reply = statusByte(token.n, state);
          setImmediate(() => socket.writable && socket.write(Buffer.from([reply])));
          continue;
        }
        if (state.paperOut || state.coverOpen) isTainted = true;
        raw.push(token.raw);
        const produced = assembler.feed(token);
        items.push(...produced);
        if (!produced.some((item) => item.kind === 'cut')) continue;
        if (isTainted) discarded += 1;
        else finishJob(items, Buffer.concat(raw));
        items = [];
        raw = [];
        isTainted = false;
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const dropAll = (): void => {
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
  };

  return {
    host,
    port,
    jobs,
    get discardedJobs() {
      return discarded;
    },
    get unwrittenJobs() {
      return unwritten;
    },
    get lastWriteError() {
      return lastWriteError;
    },
    setPaperOut: (isOut) => void (state.paperOut = isOut),
    setCoverOpen: (isOpen) => void (state.coverOpen = isOpen),
    setPaperNearEnd: (isNearEnd) => void (state.nearEnd = isNearEnd),
    dropConnections: dropAll,
    setUnreachable(isUnreachable) {
      state.unreachable = isUnreachable;
      if (isUnreachable) dropAll();
    },
    onJob(listener) {
      return listeners.add(listener);
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writes;
    },
  };
}

/** DLE EOT reply bytes (reference §1.2): bits 1 and 4 always set. */
export function statusByte(
  n: number,
  state: { readonly paperOut: boolean; readonly coverOpen: boolean; readonly nearEnd: boolean },
): number {
  const base = 0x12;
  const isOffline = state.paperOut || state.coverOpen;
  if (n === 1) return base | (isOffline ? 0x08 : 0);
  if (n === 2) return base | (state.coverOpen ? 0x04 : 0) | (state.paperOut ? 0x20 : 0);
  if (n === 4) return base | (state.nearEnd || state.paperOut ? 0x0c : 0) | (state.paperOut ? 0x60 : 0);
  return base;
}

/** Ticket numbers come from the wire: never let one name a path outside the job folder. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^\p{L}\p{N}_-]/gu, '_').slice(0, 64);
  return cleaned === '' ? '_' : cleaned;
}
