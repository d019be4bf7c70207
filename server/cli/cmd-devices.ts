/**
 * `hallq devices`: the serial ports this machine has, and for each device port the configuration names,
 * whether it is present. Live health (paper, errors, last contact) belongs to the running hub: /manager.
 */
import { existsSync, realpathSync } from 'node:fs';
import { readConfigFile } from '../load-config-file';
import type { Config } from '../config';
import { CliError, parseCommand, stringOption, type CommandIo } from './cli-kit';

export const DEVICES_HELP = `Usage: hallq devices [--config <file>]

Lists the serial ports of this machine (path, maker, USB ids, serial number), then every device
port the configuration names and whether it is present. Exit status 1 if a configured serial or USB
device file is missing. Live health of a running hub (paper, errors) is on /manager.

Options:
  --config <file>   hall configuration (or env HALLQ_CONFIG)`;

interface ConfiguredPort {
  readonly where: string;
  readonly what: string;
  readonly transport: { type: string; path?: string; host?: string; port?: number };
}

export async function runDevices(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand('devices', args, { config: { type: 'string' } });
  if (values.help) {
    io.out(DEVICES_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}.`, 2);
  const configPath = stringOption(values.config) ?? process.env.HALLQ_CONFIG;
  let config: Config | undefined;
  if (configPath) {
    const result = readConfigFile(configPath);
    if (!result.ok) throw new CliError(`${configPath} is not valid; run \`hallq check ${configPath}\`.`);
    config = result.config;
  }
  const { SerialPort } = await import('serialport');
  const ports = await SerialPort.list().catch((error: unknown) => {
    io.err(`warning: cannot list serial ports: ${(error as Error).message}`);
    return [];
  });
  io.out(`Serial ports on this machine (${ports.length}):`);
  for (const p of ports) {
    const usb = p.vendorId ? ` usb ${p.vendorId}:${p.productId ?? '?'}` : '';
    io.out(`  ${p.path}${p.manufacturer ? `  ${p.manufacturer}` : ''}${usb}${p.serialNumber ? `  serial ${p.serialNumber}` : ''}${p.pnpId ? `  (/dev/serial/by-id/${p.pnpId})` : ''}`);
  }
  if (!config) {
    io.out('\nPass --config <file> to see which configured device uses which port.');
    return 0;
  }
  const listed = new Set(ports.map((p) => p.path));
  let missing = 0;
  io.out(`\nConfigured devices (${config.hall.name}):`);
  const configured = configuredPorts(config);
  if (configured.length === 0) io.out('  none');
  for (const c of configured) {
    const state = describe(c.transport, listed);
    if (state.isMissing) missing++;
    io.out(`  ${c.what.padEnd(28)} ${c.where.padEnd(26)} ${state.text}`);
  }
  io.out('\nLive health (paper, errors, last contact) of the running hub: open /manager.');
  if (missing > 0) io.err(`${missing} configured device(s) missing: check cables and paths; the hub waits for them.`);
  return missing > 0 ? 1 : 0;
}

function configuredPorts(config: Config): ConfiguredPort[] {
  const list: ConfiguredPort[] = [];
  config.kiosks.forEach((k, i) => {
    if (k.printer) list.push({ where: `/kiosks/${i}/printer`, what: `kiosk ${k.id} printer`, transport: k.printer });
    if (k.idReader) list.push({ where: `/kiosks/${i}/idReader`, what: `kiosk ${k.id} ID-card reader`, transport: k.idReader });
  });
  config.windowBuses.forEach((b, i) => list.push({ where: `/windowBuses/${i}/link`, what: `window bus ${b.id} (${b.devices.length} devices)`, transport: b.link }));
  return list;
}

function describe(t: ConfiguredPort['transport'], listed: ReadonlySet<string>): { text: string; isMissing: boolean } {
  if (t.type === 'simulator') return { text: 'simulated', isMissing: false };
  if (t.type === 'tcp') return { text: `network ${t.host}:${t.port} (not probed: the hub holds the connection)`, isMissing: false };
  const path = t.path ?? '';
  if (!existsSync(path)) return { text: `${t.type} ${path}  MISSING`, isMissing: true };
  // by-id names are symlinks to /dev/ttyUSBn, which is what the port list shows.
  const real = safeRealpath(path);
  const isListed = listed.has(path) || listed.has(real);
  const note = t.type === 'serial' && !isListed ? '  present (not listed as a serial port)' : '  present';
  return { text: `${t.type} ${path}${real !== path ? ` -> ${real}` : ''}${note}`, isMissing: false };
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
