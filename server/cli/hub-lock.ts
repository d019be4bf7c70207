/**
 * The running hub's claim on its data directory: `hallq.pid` holds its process id while it runs, removed on a
 * graceful close. `hallq restore` refuses while a live process holds it, and a second hub refuses to start on
 * the same data. A crash leaves the file behind; a pid that is no longer alive is treated as stale.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'hallq.pid';

export function lockFile(dataDir: string): string {
  return join(dataDir, LOCK_FILE_NAME);
}

/** The pid of the live hub running on this data directory, if any. */
export function runningHubPid(dataDir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(lockFile(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && looksLikeHub(pid) ? pid : undefined;
}

/**
 * After a power cut the stale pid may belong to an unrelated process by now. Where /proc exists, a pid
 * counts only if that process is Node (the hub runs as node or tsx); elsewhere, aliveness has to do.
 */
function looksLikeHub(pid: number): boolean {
  let commandLine: string;
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return !existsSync('/proc/self/cmdline');
  }
  return /node|tsx/.test(commandLine);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (e.g. the hallq service account).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the data directory for this process; throws if another live hub already holds it. A lock file
 * that cannot be written for want of space (or a read-only disk) goes to `onUnwritable` instead of
 * throwing, when given: the hub then starts read-only rather than not at all.
 */
export function acquireHubLock(dataDir: string, onUnwritable?: (error: NodeJS.ErrnoException) => void): () => void {
  const holder = runningHubPid(dataDir);
  if (holder !== undefined && holder !== process.pid) {
    throw new Error(`another hallq hub (pid ${holder}) is running on ${dataDir}. Stop it first, or delete ${lockFile(dataDir)} if that process is not hallq.`);
  }
  try {
    writeFileSync(lockFile(dataDir), `${process.pid}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!onUnwritable || !(code === 'ENOSPC' || code === 'EDQUOT' || code === 'EROFS' || code === 'EIO')) throw error;
    onUnwritable(error as NodeJS.ErrnoException);
    return () => undefined;
  }
  return () => {
    if (runningHubPid(dataDir) === process.pid) rmSync(lockFile(dataDir), { force: true });
  };
}
