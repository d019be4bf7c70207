/**
 * `hallq layout export|drop`: the one source of truth for services and windows. hallq.yaml owns them until an
 * admin saves a layout in the console; from then on the stored layout wins at every start (server/app/admin.ts
 * says so in the start-up log, `hallq check --data-dir` and the console say so too). `export` prints that
 * layout in the config file's shape, to paste into hallq.yaml; `drop` deletes it so the file owns the layout
 * again. Drop refuses while the hub runs: the hub holds the layout in memory and would keep serving it.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Layout } from '../protocol/layout';
import { localDateTime } from '../domain/local-time';
import { dropStoredLayout, readStoredLayout, type StoredLayout } from '../storage/layout-override-file';
import { readConfigFile } from '../load-config-file';
import { runningHubPid } from './hub-lock';
import { CliError, DATA_DIR_OPTION, dataDirOf, parseCommand, requireDatabase, stringOption, type CommandIo } from './cli-kit';

export const LAYOUT_HELP = `Usage: hallq layout export [--out <file.yaml>] [--data-dir <dir>]
       hallq layout drop [--data-dir <dir>]

Services and windows come from hallq.yaml until an admin edits them in the manager console (系统配置);
from then on the console's layout overrides the file's at every start.

  export   prints the console's layout as YAML in hallq.yaml's shape (services: and windows:), to paste
           over those two sections of hallq.yaml. Safe while the hub runs.
  drop     deletes the console's layout, so hallq.yaml's services and windows apply at the next start.
           Refused while the hub runs: stop it first (systemctl stop hallq), then start it again.

Options:
  --out <file>      write the YAML here instead of stdout
  --config <file>   (or env HALLQ_CONFIG) for the hall's time zone in messages`;

export function runLayout(args: string[], io: CommandIo): number {
  const { values, positionals } = parseCommand('layout', args, { ...DATA_DIR_OPTION, out: { type: 'string' }, config: { type: 'string' } });
  if (values.help) {
    io.out(LAYOUT_HELP);
    return 0;
  }
  const [action, ...extra] = positionals;
  if ((action !== 'export' && action !== 'drop') || extra.length > 0) throw new CliError('hallq layout needs `export` or `drop`; run `hallq layout --help`.', 2);
  const dataDir = dataDirOf(values['data-dir']);
  const file = requireDatabase(dataDir);
  const stored = readStoredLayout(file);
  const timeZone = timeZoneOf(stringOption(values.config) ?? process.env.HALLQ_CONFIG);
  if (action === 'export') {
    if (!stored) throw new CliError('No layout was edited in the console: hallq.yaml owns the services and windows, nothing to export.');
    const yaml = layoutYaml(stored, timeZone);
    const out = stringOption(values.out);
    if (out) {
      writeFileSync(out, yaml);
      io.err(`Wrote the console's layout (${stored.layout.services.length} services, ${stored.layout.windows.length} windows) to ${out}.`);
    } else io.out(yaml);
    return 0;
  }
  if (!stored) {
    io.out('No layout was edited in the console: hallq.yaml already owns the services and windows.');
    return 0;
  }
  const pid = runningHubPid(dataDir);
  if (pid !== undefined) throw new CliError(`A hub (pid ${pid}) is running on ${dataDir}: stop it first, then run \`hallq layout drop\` again and start it.`);
  dropStoredLayout(file);
  io.out(`Dropped the console's layout edit of ${localDateTime(stored.updatedAt, timeZone)} by ${stored.updatedBy}: hallq.yaml's services and windows apply from the next start.`);
  return 0;
}

/** The stored layout as hallq.yaml's `services:` and `windows:` sections, with where it came from on top. */
export function layoutYaml(stored: StoredLayout, timeZone: string): string {
  const header = [
    `# The services and windows edited in the manager console on ${localDateTime(stored.updatedAt, timeZone)} by ${stored.updatedBy}.`,
    '# Paste over the services: and windows: sections of hallq.yaml (and departments:, and each kiosk\'s services: /',
    '# departments: where they are listed here), run `hallq check`, then `hallq layout drop`',
    '# (hub stopped) so the file owns the layout again.',
  ];
  return `${header.join('\n')}\n${stringify(withoutEmpty(stored.layout), { lineWidth: 0 })}${kioskOffersComment(stored.layout)}`;
}

/**
 * What each kiosk offers, as comments: hallq.yaml's kiosks also hold their devices, so a pasted `kiosks:` section
 * would drop the printers. Each line says what to set in that kiosk's own entry.
 */
function kioskOffersComment(layout: Layout): string {
  if (!layout.kiosks || layout.kiosks.length === 0) return '';
  const lines = ['# What each kiosk offers: set these in that kiosk\'s entry under kiosks: (remove both for every service).'];
  for (const k of layout.kiosks) {
    const parts = [k.services ? `services: [${k.services.join(', ')}]` : '', k.departments ? `departments: [${k.departments.join(', ')}]` : ''].filter(Boolean);
    lines.push(`#   ${k.id}${k.name ? ` (${k.name})` : ''}: ${parts.length > 0 ? parts.join('  ') : 'every service'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Drops undefined fields and empty `hours` lists, which the file leaves out. */
function withoutEmpty(layout: Layout): Layout {
  return {
    services: layout.services.map((s) => {
      const copy: Record<string, unknown> = { ...s };
      for (const key of Object.keys(copy)) if (copy[key] === undefined) delete copy[key];
      if (Array.isArray(copy.hours) && copy.hours.length === 0) delete copy.hours;
      return copy as Layout['services'][number];
    }),
    windows: layout.windows.map((w) => Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined)) as Layout['windows'][number]),
    // Departments, when the console edited them: an export that left them out would lose them at `hallq layout drop`.
    ...(layout.departments ? { departments: layout.departments.map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as NonNullable<Layout['departments']>[number]) } : {}),
  };
}

function timeZoneOf(path: string | undefined): string {
  if (!path) return 'Asia/Shanghai';
  const result = readConfigFile(path);
  return result.ok ? result.config.hall.timeZone : 'Asia/Shanghai';
}
