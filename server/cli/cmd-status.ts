/**
 * `hallq status`: is the hub running, which version, since when, the last backup, the free disk and the city
 * link, on one screen for the IT person on the phone with a hall. Read-only; safe while the hub runs.
 */
import { existsSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { listBackups } from '../storage/backup';
import { openUplinkReader } from '../storage/uplink-repo';
import { storedUplinkStatus } from '../app/uplink-shipper';
import { HALLQ_VERSION } from '../version';
import { runningHubPid } from './hub-lock';
import { DATA_DIR_OPTION, databaseFile, dataDirOf, parseCommand, stringOption, type CommandIo } from './cli-kit';

export const STATUS_HELP = `Usage: hallq status [--data-dir <dir>] [--url <hub address>] [--json]

Shows whether a hub runs on the data directory, its version and uptime (asked at --url, default
env HALLQ_URL or http://127.0.0.1:$PORT, PORT default 8080), the last backup, the free disk space and
the city link as last recorded. Exit status 0 when the hub runs and answers, 1 otherwise.`;

interface StatusReport {
  readonly isRunning: boolean;
  readonly pid?: number;
  readonly isAnswering: boolean;
  readonly url: string;
  readonly cliVersion: string;
  readonly hubVersion?: string;
  readonly uptimeSeconds?: number;
  readonly answerError?: string;
  readonly lastBackup?: { file: string; at: number; bytes: number };
  readonly diskFreeBytes?: number;
  readonly uplink?: { state: string; backlog: number; lastContactAt?: number };
}

export async function runStatus(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand('status', args, { ...DATA_DIR_OPTION, url: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) {
    io.out(STATUS_HELP);
    return 0;
  }
  if (positionals.length > 0) io.err(`hallq status takes no arguments; ignoring ${positionals.join(' ')}`);
  const dataDir = dataDirOf(values['data-dir']);
  const url = (stringOption(values.url) ?? process.env.HALLQ_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`).replace(/\/$/, '');
  const report = await collect(dataDir, url);
  io.out(values.json ? JSON.stringify(report, null, 2) : describe(report, dataDir).join('\n'));
  return report.isRunning && report.isAnswering ? 0 : 1;
}

async function collect(dataDir: string, url: string): Promise<StatusReport> {
  const pid = runningHubPid(dataDir);
  let health: { version?: string; uptimeSeconds?: number } | undefined;
  let answerError: string | undefined;
  if (pid !== undefined) {
    try {
      const answer = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
      health = (await answer.json()) as { version?: string; uptimeSeconds?: number };
    } catch (error) {
      answerError = (error as Error).message;
    }
  }
  const backups = listBackups(join(dataDir, 'backups')).sort((a, b) => b.at - a.at);
  return {
    isRunning: pid !== undefined,
    ...(pid !== undefined ? { pid } : {}),
    isAnswering: health !== undefined,
    url,
    cliVersion: HALLQ_VERSION,
    ...(health?.version ? { hubVersion: health.version } : {}),
    ...(health?.uptimeSeconds !== undefined ? { uptimeSeconds: health.uptimeSeconds } : {}),
    ...(answerError ? { answerError } : {}),
    ...(backups[0] ? { lastBackup: { file: backups[0].file, at: backups[0].at, bytes: backups[0].bytes } } : {}),
    ...freeSpace(dataDir),
    ...uplinkOf(dataDir),
  };
}

function freeSpace(dataDir: string): { diskFreeBytes?: number } {
  try {
    const stats = statfsSync(existsSync(dataDir) ? dataDir : '.');
    return { diskFreeBytes: stats.bavail * stats.bsize };
  } catch {
    return {};
  }
}

function uplinkOf(dataDir: string): { uplink?: StatusReport['uplink'] } {
  if (!existsSync(databaseFile(dataDir))) return {};
  try {
    const reader = openUplinkReader(databaseFile(dataDir));
    if (!reader) return {};
    try {
      const recorded = reader.repo.link();
      if (!recorded) return { uplink: { state: 'off', backlog: 0 } };
      const status = storedUplinkStatus(reader.repo, { isConfigured: true }, recorded);
      return { uplink: { state: status.state, backlog: status.backlog, ...(status.lastContactAt ? { lastContactAt: status.lastContactAt } : {}) } };
    } finally {
      reader.close();
    }
  } catch {
    return {};
  }
}

const local = (at: number): string => new Date(at).toLocaleString('sv-SE').slice(0, 16);
const mib = (bytes: number): string => `${Math.floor(bytes / 1024 / 1024)} MiB`;

function uptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

function describe(r: StatusReport, dataDir: string): string[] {
  const lines: string[] = [];
  if (!r.isRunning) lines.push(`hallq ${r.cliVersion}: no hub is running on ${dataDir}. Start it: sudo systemctl start hallq`);
  else if (!r.isAnswering) lines.push(`hallq: a hub runs (pid ${r.pid}) but does not answer at ${r.url} (${r.answerError ?? 'no answer'}). Pass --url if it listens elsewhere.`);
  else lines.push(`hallq ${r.hubVersion ?? '?'} runs (pid ${r.pid}) at ${r.url}, up ${uptime(r.uptimeSeconds ?? 0)}${r.hubVersion && r.hubVersion !== r.cliVersion ? ` — this command is ${r.cliVersion}: restart the hub to run the installed version` : ''}`);
  lines.push(`  data          ${dataDir}`);
  lines.push(`  last backup   ${r.lastBackup ? `${local(r.lastBackup.at)}  ${r.lastBackup.file} (${mib(r.lastBackup.bytes)})` : 'none yet'}`);
  if (r.diskFreeBytes !== undefined) lines.push(`  disk free     ${mib(r.diskFreeBytes)}${r.diskFreeBytes < 500 * 1024 * 1024 ? '  — low: free space before ticketing stops' : ''}`);
  if (r.uplink) lines.push(`  city link     ${r.uplink.state}${r.uplink.state === 'off' ? '' : `, backlog ${r.uplink.backlog}, last contact ${r.uplink.lastContactAt ? local(r.uplink.lastContactAt) : 'never'}`} (hallq uplink status for more)`);
  return lines;
}
