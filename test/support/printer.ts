/** Waiting for the simulated kiosk printer in tests. */
import type { PrinterSimulator, SimulatedJob } from '../../drivers/sim/printer-simulator';

/** Resolves when the simulator has written the job for `number` (its files exist once it is announced). */
export function printedJob(simulator: PrinterSimulator | undefined, number: string, timeoutMs = 5000): Promise<SimulatedJob> {
  if (!simulator) throw new Error('no simulated printer');
  const found = simulator.jobs.find((j) => j.number === number);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ticket ${number} was not printed`)), timeoutMs);
    const stop = simulator.onJob((job) => {
      if (job.number !== number) return;
      clearTimeout(timer);
      stop();
      resolve(job);
    });
  });
}
