/** `hallq start --config <file>`: the production start of the hub (npm start runs the demo hall). */
import { CliError, DATA_DIR_OPTION, dataDirOf, parseCommand, stringOption, type CommandIo } from './cli-kit';

export const START_HELP = `Usage: hallq start --config <file> [--data-dir <dir>] [--port <n>] [--host <addr>]
       hallq start --demo

Starts the hub for your hall. It keeps running until SIGTERM/SIGINT, then finishes the current
transaction, tells the pages and devices, closes ports and exits 0. Devices that are missing at
start are reported offline and reconnected when they appear; they never stop the hub.

Options:
  --config <file>   hall configuration (or env HALLQ_CONFIG); check it first with \`hallq check\`
  --data-dir <dir>  database, backups and hallq.pid (or env HALLQ_DATA_DIR; default ./data)
  --port <n>        HTTP port (or env PORT; default 8080; 0 = any free port)
  --host <addr>     listen address (or env HOST; default 0.0.0.0)
  --demo            the demo hall with simulated devices (what \`npm start\` runs)

Exit status: 2 bad configuration, 3 database refused (corrupt, or newer than this hallq),
4 another hub runs on this data directory, 1 other start failure.`;

export async function runStart(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand('start', args, {
    config: { type: 'string' },
    ...DATA_DIR_OPTION,
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean' },
  });
  if (values.help) {
    io.out(START_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}. Did you mean \`hallq start --config ${positionals[0]}\`?`, 2);
  const configPath = stringOption(values.config) ?? process.env.HALLQ_CONFIG;
  if (!configPath && !values.demo) throw new CliError('hallq start needs --config <file> (or HALLQ_CONFIG). For the demo hall use `hallq start --demo`.', 2);
  if (configPath && values.demo) throw new CliError('--demo and --config exclude each other.', 2);
  const portText = stringOption(values.port);
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new CliError(`--port ${portText} is not a port number.`, 2);
  // Imported here so that the light commands (check, staff, ...) do not load Fastify and socket.io.
  const { main } = await import('../main');
  await main({ configPath: values.demo ? '' : configPath, dataDir: dataDirOf(values['data-dir']), port, host: stringOption(values.host) });
  // main() keeps the process alive with the server; it exits by itself on a signal.
  return -1;
}
