/**
 * `hallq export --from --to`: the hall's tickets as CSV for spreadsheets (with a BOM, so Excel reads the
 * Chinese) by the same writer as the manager's exports (app/table-files.ts). No visitor data at all: no ID
 * or name, not even masked; clerks are named, they are staff (storage/ticket-export-repo.ts).
 */
import { writeFileSync } from 'node:fs';
import { localParts } from '../domain/calendar';
import { readConfigFile } from '../load-config-file';
import type { Config } from '../config';
import { readTicketsForExport } from '../storage/ticket-export-repo';
import { toCsv } from '../app/table-files';
import { CliError, DATA_DIR_OPTION, dataDirOf, parseCommand, requireDatabase, stringOption, type CommandIo } from './cli-kit';

export const EXPORT_HELP = `Usage: hallq export --from YYYY-MM-DD --to YYYY-MM-DD [--out <file>] [--config <file>] [--data-dir <dir>]

Writes the tickets of the business days from..to (inclusive) as CSV: day, number, service, priority,
status, window, clerk, issue/call/finish times, wait and service minutes, recalls, rating.
No visitor data. Times are in the hall's time zone. Safe while the hub runs.

Options:
  --out <file>      write here instead of stdout
  --config <file>   hall configuration (or env HALLQ_CONFIG), for service/window names and the time zone
                    (without it: ids, and Asia/Shanghai)`;

const HEADER = ['day', 'number', 'service_id', 'service', 'priority', 'status', 'close_reason', 'is_return', 'window_id', 'window_number', 'clerk_username', 'clerk_name', 'issued_at', 'first_called_at', 'finished_at', 'wait_minutes', 'service_minutes', 'call_count', 'rating', 'rating_channel'];

export function runExport(args: string[], io: CommandIo): number {
  const { values, positionals } = parseCommand('export', args, {
    ...DATA_DIR_OPTION,
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    config: { type: 'string' },
  });
  if (values.help) {
    io.out(EXPORT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}.`, 2);
  const from = dayOption('--from', values.from);
  const to = dayOption('--to', values.to);
  if (from > to) throw new CliError(`--from ${from} is after --to ${to}.`, 2);
  const config = optionalConfig(stringOption(values.config) ?? process.env.HALLQ_CONFIG);
  const timeZone = config?.hall.timeZone ?? 'Asia/Shanghai';
  const rows = readTicketsForExport(requireDatabase(dataDirOf(values['data-dir'])), from, to);
  const services = new Map(config?.services.map((s) => [s.id, s.name]));
  const windows = new Map(config?.windows.map((w) => [w.id, w.number]));
  const time = (at: number | null): string => (at === null ? '' : localTime(at, timeZone));
  const minutes = (a: number | null, b: number | null): string => (a === null || b === null ? '' : ((b - a) / 60_000).toFixed(1));
  const csv = toCsv([{
    name: 'tickets',
    columns: HEADER,
    rows: rows.map((r) => [
      r.day, r.number, r.serviceId, services.get(r.serviceId) ?? r.serviceId, r.priority, r.status, r.closeReason ?? '', r.isReturn ? 'yes' : 'no',
      r.windowId ?? '', r.windowId ? String(windows.get(r.windowId) ?? '') : '', r.staffId ?? '', r.staffName ?? '',
      time(r.issuedAt), time(r.firstCalledAt), time(r.finishedAt), minutes(r.issuedAt, r.firstCalledAt),
      r.status === 'done' ? minutes(r.calledAt, r.finishedAt) : '', String(r.callCount), r.score === null ? '' : String(r.score), r.channel ?? '',
    ]),
  }]);
  const out = stringOption(values.out);
  if (out) {
    writeFileSync(out, csv);
    io.err(`Wrote ${rows.length} ticket(s) from ${from} to ${to} to ${out}.`);
  } else process.stdout.write(csv);
  return 0;
}

function dayOption(name: string, value: string | boolean | undefined): string {
  const text = stringOption(value);
  if (!text) throw new CliError(`hallq export needs ${name} YYYY-MM-DD.`, 2);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw new CliError(`${name} ${text} is not a date like 2026-03-01.`, 2);
  return text;
}

function optionalConfig(path: string | undefined): Config | undefined {
  if (!path) return undefined;
  const result = readConfigFile(path);
  if (!result.ok) throw new CliError(`${path} is not valid; run \`hallq check ${path}\`.`);
  return result.config;
}

function localTime(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}
