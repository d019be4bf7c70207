/**
 * `hallq export --from --to`: the hall's tickets as CSV or XLSX by the same writer and the same columns as the
 * console (app/table-files.ts, app/ticket-files.ts): Chinese headers and words by default, `--lang en` for
 * English, hall-local times. No visitor data at all: no ID or name, not even masked; clerks are named, they are
 * staff (storage/ticket-export-repo.ts).
 */
import { writeFileSync } from 'node:fs';
import { readConfigFile } from '../load-config-file';
import type { Config } from '../config';
import type { Language } from '../protocol/model';
import { readTicketsForExport } from '../storage/ticket-export-repo';
import { readStoredLayout } from '../storage/layout-override-file';
import { toCsv, toXlsx } from '../app/table-files';
import { ticketTable } from '../app/ticket-files';
import { CliError, DATA_DIR_OPTION, dataDirOf, parseCommand, requireDatabase, stringOption, type CommandIo } from './cli-kit';
import { percentLines } from './progress-lines';

export const EXPORT_HELP = `Usage: hallq export --from YYYY-MM-DD --to YYYY-MM-DD [--out <file>] [--format csv|xlsx] [--lang zh-CN|en]
                    [--config <file>] [--data-dir <dir>]

Writes the tickets of the business days from..to (inclusive): day, number, service, priority, status,
close reason, window, clerk, issue/call/finish times, wait and service minutes, calls, rating.
The same columns as the manager console. No visitor data. Times are in the hall's time zone.
Safe while the hub runs.

Options:
  --out <file>      write here instead of stdout (a name ending .xlsx means --format xlsx)
  --format <f>      csv (default; UTF-8 with a BOM, which Excel and WPS read) or xlsx
  --lang <l>        zh-CN (default: Chinese headers and words) or en
  --config <file>   hall configuration (or env HALLQ_CONFIG), for service/window names and the time zone
                    (without it: ids, and Asia/Shanghai). A layout edited in the console wins, as in the hub.`;

export async function runExport(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand('export', args, {
    ...DATA_DIR_OPTION,
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    lang: { type: 'string' },
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
  const out = stringOption(values.out);
  const format = formatOption(stringOption(values.format), out);
  const lang = langOption(stringOption(values.lang));
  if (format === 'xlsx' && !out) throw new CliError('--format xlsx needs --out <file>: a workbook is not for the terminal.', 2);
  const config = optionalConfig(stringOption(values.config) ?? process.env.HALLQ_CONFIG);
  const file = requireDatabase(dataDirOf(values['data-dir']));
  // A year's export takes a while: "export: reading tickets 40 %" lines, and a line before the file is written.
  const reading = percentLines((line) => io.err(line), 'export: reading tickets');
  const rows = readTicketsForExport(file, from, to, (read, total) => reading(read / total));
  // The names the hub shows: a layout edited in the console overrides the file's (server/app/admin.ts).
  const layout = readStoredLayout(file)?.layout ?? config;
  const table = ticketTable(rows, {
    lang,
    timeZone: config?.hall.timeZone ?? 'Asia/Shanghai',
    serviceNames: new Map(layout?.services.map((s) => [s.id, lang === 'en' && s.nameEn ? s.nameEn : s.name])),
    windowNumbers: new Map(layout?.windows.map((w) => [w.id, w.number])),
  });
  if (rows.length >= 1000) io.err(`export: writing ${rows.length} tickets as ${format === 'xlsx' ? 'XLSX' : 'CSV'}`);
  const body = format === 'xlsx' ? await toXlsx([table], `hallq-tickets-${from}_${to}`) : toCsv([table]);
  if (out) {
    writeFileSync(out, body);
    io.err(`Wrote ${rows.length} ticket(s) from ${from} to ${to} to ${out}.`);
  } else process.stdout.write(body);
  return 0;
}

function formatOption(value: string | undefined, out: string | undefined): 'csv' | 'xlsx' {
  const format = value ?? (out && /\.xlsx$/i.test(out) ? 'xlsx' : 'csv');
  if (format !== 'csv' && format !== 'xlsx') throw new CliError(`--format ${format} is not csv or xlsx.`, 2);
  return format;
}

function langOption(value: string | undefined): Language {
  if (value === undefined || value === 'zh-CN' || value === 'zh') return 'zh-CN';
  if (value === 'en') return 'en';
  throw new CliError(`--lang ${value} is not zh-CN or en.`, 2);
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
