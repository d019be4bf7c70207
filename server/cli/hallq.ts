/**
 * The `hallq` command line: set up a hall, check it, run it, and look after it for years
 * (staff accounts, devices, backups, exports). Each command lives in its own cmd-*.ts.
 */
import { CliError, processIo, type CommandIo } from './cli-kit';

const USAGE = `Usage: hallq <command> [options]     (hallq <command> --help for details; hallq --version)

Set up
  init <dir>                  write a commented configuration for a new hall
  check <config>              validate a configuration; every problem, with where it is
  kiosk-token                 a new device token for another kiosk
  cert [--name H] [--ip A]    HTTPS: a hall CA (once) and a server certificate signed by it
Run
  start --config <file>       start the hub (production); --demo for the demo hall
  central --config <file>     start the city centre (PostgreSQL; docs/centre.md)
  devices [--config <file>]   serial ports here, and which configured device is on which
Look after
  staff add|passwd|disable|enable|list   staff accounts
  backup [--out <file>]       copy the database, also while the hub runs
  restore <file>              put a backup back (the hub must be stopped)
  export --from D --to D      tickets as CSV or XLSX (Chinese headers; --lang en)
  layout export|drop          the layout edited in the console: as YAML for hallq.yaml, or drop it
  uplink status               the link to the city centre: state, last contact, backlog
  status                      running or not, version, uptime, last backup, disk free, city link

Common option: --data-dir <dir> (or env HALLQ_DATA_DIR; default ./data).
Docs: README.md ("Set up your hall"), docs/deploy.md.`;

type Command = (args: string[], io: CommandIo) => number | Promise<number>;

// Loaded on demand: a short command should not pay for Fastify, socket.io or serialport.
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./cmd-init')).runInit,
  check: async () => (await import('./cmd-check')).runCheck,
  'kiosk-token': async () => (await import('./cmd-init')).runKioskToken,
  cert: async () => (await import('./cmd-cert')).runCert,
  start: async () => (await import('./cmd-start')).runStart,
  central: async () => (await import('./cmd-central')).runCentral,
  devices: async () => (await import('./cmd-devices')).runDevices,
  staff: async () => (await import('./cmd-staff')).runStaff,
  backup: async () => (await import('./cmd-backup')).runBackup,
  restore: async () => (await import('./cmd-backup')).runRestore,
  export: async () => (await import('./cmd-export')).runExport,
  layout: async () => (await import('./cmd-layout')).runLayout,
  uplink: async () => (await import('./cmd-uplink')).runUplink,
  status: async () => (await import('./cmd-status')).runStatus,
};

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`hallq ${(await import('../version')).HALLQ_VERSION}`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`hallq: unknown command ${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`hallq: ${error.message}`);
      return error.status;
    }
    // The database's own refusals (corrupt, newer than this hallq) are written for the operator already.
    if (error instanceof Error && error.name === 'DatabaseError') {
      io.err(`hallq: ${error.message}`);
      return 3;
    }
    io.err(`hallq: ${name} failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

const status = await runCli(process.argv.slice(2), processIo);
// A negative status means the command keeps running (the hub) and exits by itself.
if (status >= 0) process.exitCode = status;
