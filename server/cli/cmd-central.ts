/**
 * `hallq central`: the city centre (server/centre). `hallq central --config <file>` runs it;
 * `hallq central hall-token` and `hallq central password-hash` make what its registry needs.
 */
import { hashPassword, hashToken, newToken } from '../app/passwords';
import { CliError, parseCommand, stringOption, type CommandIo } from './cli-kit';
import { readNewPassword } from './password-input';

export const CENTRAL_HELP = `Usage: hallq central --config <file> [--port <n>] [--host <addr>]
       hallq central hall-token
       hallq central password-hash <username> [--password-stdin]

Runs the city centre (市、镇两级中心): halls ship their event logs to it, the city console reads it.
Its state lives only in PostgreSQL, so several centres can run behind a load balancer. It keeps running
until SIGTERM/SIGINT, then finishes the batches in flight and exits 0.

  --config <file>   centre configuration (or env HALLQ_CENTRE_CONFIG); see docs/centre.md
  --port <n>        overrides listen.port (0 = any free port)
  --host <addr>     overrides listen.host
  hall-token        prints a new hall token and its sha256: put the hash in the centre's registry
                    (halls[].tokenHash) and the token in the hall's uplink configuration
  password-hash     prints the scrypt hash of a console user's password for users[].passwordHash

Env HALLQ_CENTRE_DATABASE_URL overrides database.url. Exit status: 2 bad configuration,
3 database refused (migrated by a newer hallq), 1 other start failure (PostgreSQL unreachable).`;

export async function runCentral(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand('central', args, {
    config: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  if (values.help) {
    io.out(CENTRAL_HELP);
    return 0;
  }
  const [sub, ...rest] = positionals;
  if (sub === 'hall-token') {
    const token = newToken();
    io.out(`token:     ${token}\ntokenHash: ${hashToken(token)}`);
    return 0;
  }
  if (sub === 'password-hash') {
    const username = rest[0];
    if (!username) throw new CliError('hallq central password-hash needs the username (it is only shown in the prompt).', 2);
    io.out(await hashPassword(await readNewPassword(values['password-stdin'] === true, username)));
    return 0;
  }
  if (sub !== undefined) throw new CliError(`unknown central command ${sub}. Run \`hallq central --help\`.`, 2);
  const portText = stringOption(values.port);
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new CliError(`--port ${portText} is not a port number.`, 2);
  // Imported here so that the light subcommands do not load Fastify and pg.
  const { mainCentre } = await import('../centre/main');
  await mainCentre({ configPath: stringOption(values.config), port, host: stringOption(values.host) });
  // The centre keeps the process alive and exits by itself on a signal.
  return -1;
}
