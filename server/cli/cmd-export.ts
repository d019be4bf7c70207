/**
 * `hallq export --from --to`: the hall's tickets as CSV for spreadsheets (with a BOM, so Excel reads the
 * Chinese). No visitor data at all: no ID or name, not even masked; clerks are named, they are staff.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { localParts } from '../domain/calendar';
import { readConfigFile } from '../load-config-file';
import type { Config } from '../config';
import { MIGRATIONS } from '../storage/migrations';
import { CliError, DATA_DIR_OPTION, dataDirOf, parseCommand, requireDatabase, stringOption, type CommandIo } from './cli-kit';

export const EXPORT_HELP = `Usage: hallq export --from YYYY-MM-DD --to YYYY-MM-DD [--out <file>] [--config <file>] [--data-dir <dir>]

Writes the tickets of the business days from..to (inclusive) as CSV: day, number, service, priority,
status, window, clerk, issue/call/finish times, wait and service minutes, recalls, rating.
No visitor data. Times are in the hall's time zone. Safe while the hub runs.

Options:
  --out <file>      write here instead of stdout
  --config <file>   hall configuration (or env HALLQ_CONFIG), for service/window names and the time zone
                    (without it: ids, and Asia/Shanghai)`;

interface ExportRow {
  day: string;
  number: string;
  service_id: string;
  priority: string;
  status: string;
  close_reason: string | null;
  is_return: number;
  window_id: string | null;
  staff_id: string | null;
  staff_name: string | null;
  issued_at: number;
  first_called_at: number | null;
  called_at: number | null;
  finished_at: number | null;
  call_count: number;
  score: number | null;
  channel: string | null;
}

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
  const db = new Database(requireDatabase(dataDirOf(values['data-dir'])), { readonly: true, fileMustExist: true });
  let rows: ExportRow[];
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) throw new CliError(`The database has schema version ${version}, newer than this hallq (${MIGRATIONS.length}). Upgrade hallq.`, 3);
    // Read-only and outside storage/ on purpose: a report query, not a use case (see report: belongs in a repo).
    rows = db
      .prepare<[string, string], ExportRow>(
        `SELECT t.day, t.number, t.service_id, t.priority, t.status, t.close_reason, t.is_return, t.window_id, t.staff_id,
                s.name AS staff_name, t.issued_at, t.first_called_at, t.called_at, t.finished_at, t.call_count, r.score, r.channel
           FROM tickets t LEFT JOIN staff s ON s.username = t.staff_id LEFT JOIN ratings r ON r.ticket_id = t.id
          WHERE t.day BETWEEN ? AND ? ORDER BY t.day, t.issued_at, t.number`,
      )
      .all(from, to);
  } finally {
    db.close();
  }
  const services = new Map(config?.services.map((s) => [s.id, s.name]));
  const windows = new Map(config?.windows.map((w) => [w.id, w.number]));
  const time = (at: number | null): string => (at === null ? '' : localTime(at, timeZone));
  const minutes = (a: number | null, b: number | null): string => (a === null || b === null ? '' : ((b - a) / 60_000).toFixed(1));
  const lines = [HEADER, ...rows.map((r) => [
    r.day, r.number, r.service_id, services.get(r.service_id) ?? r.service_id, r.priority, r.status, r.close_reason ?? '', r.is_return ? 'yes' : 'no',
    r.window_id ?? '', r.window_id ? String(windows.get(r.window_id) ?? '') : '', r.staff_id ?? '', r.staff_name ?? '',
    time(r.issued_at), time(r.first_called_at), time(r.finished_at), minutes(r.issued_at, r.first_called_at),
    r.status === 'done' ? minutes(r.called_at, r.finished_at) : '', String(r.call_count), r.score === null ? '' : String(r.score), r.channel ?? '',
  ])];
  const csv = `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
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

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
