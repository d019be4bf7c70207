/**
 * Progress of the long database steps as lines for an operator (issue 20): `hallq restore`, `hallq export` and
 * the hub's start (`hallq start`, main.ts) print them on stderr, which a terminal shows and systemd's journal keeps.
 * At most one line per 10 %, never 100 % (the step's own closing sentence says it is done): a step that ends
 * within its first tenth, as on any small database, prints nothing at all.
 */
import type { OpenProgress } from '../storage/db';

/** `write("<what> 40 %")` at most once per 10 %. */
export function percentLines(write: (line: string) => void, what: string): (fraction: number) => void {
  let shown = 0;
  return (fraction) => {
    const tenth = Math.floor(fraction * 10);
    if (tenth <= shown || tenth >= 10) return;
    shown = tenth;
    write(`${what} ${tenth * 10} %`);
  };
}

const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

/**
 * Lines for the database open: the whole-file check after an unclean shutdown (announced with the file's size,
 * then its percentage, then its verdict) and an upgrade of an existing database (each migration). A new file's
 * migrations are its creation and print nothing.
 */
export function openProgressLines(write: (line: string) => void): (progress: OpenProgress) => void {
  const reading = percentLines(write, 'integrity check:');
  return (progress) => {
    if (progress.step === 'migration') {
      if (progress.from > 0) write(`database upgrade: migration ${progress.applied} of ${progress.to - progress.from} (schema ${progress.from} → ${progress.to})`);
      return;
    }
    if (progress.phase === 'reading') {
      if (progress.fraction === 0) write(`integrity check after an unclean shutdown: reading ${mib(progress.bytes)}`);
      // Below two read-ahead steps (16 MiB each) a percentage would only say where the write-ahead log starts.
      else if (progress.bytes >= 32 * 2 ** 20) reading(progress.fraction);
    } else if (progress.phase === 'done') {
      write(`integrity check: ok (${mib(progress.bytes)} in ${(progress.ms / 1000).toFixed(1)} s)`);
    }
  };
}
