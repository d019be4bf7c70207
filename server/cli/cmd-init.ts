/** `hallq init <dir>`: a new hall's configuration from the commented template, with fresh secrets. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { hashToken, newToken } from '../app/passwords';
import { renderConfigTemplate } from './config-template';
import { CliError, parseCommand, stringOption, type CommandIo } from './cli-kit';

export const INIT_HELP = `Usage: hallq init <dir> [--name <hall name>] [--force]

Writes <dir>/hallq.yaml: a commented configuration for a new hall (services, windows, a kiosk, devices)
with a freshly generated secret for ID hashing and a new kiosk device token. No staff passwords: add
accounts with \`hallq staff add\`. The kiosk token is printed once; only its SHA-256 is stored.

Options:
  --name <text>   the hall's name (default 政务服务中心)
  --force         overwrite an existing hallq.yaml (its secrets are lost)
  -h, --help      this help`;

export function runInit(args: string[], io: CommandIo): number {
  const { values, positionals } = parseCommand('init', args, { name: { type: 'string' }, force: { type: 'boolean' } });
  if (values.help) {
    io.out(INIT_HELP);
    return 0;
  }
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new CliError('hallq init needs exactly one directory, e.g. `hallq init /etc/hallq`.', 2);
  const target = resolve(dir);
  const file = join(target, 'hallq.yaml');
  // Overwriting would silently replace the ID-hash secret and invalidate the kiosks' tokens.
  if (existsSync(file) && !values.force) throw new CliError(`${file} already exists. Edit it, or pass --force to replace it (its secrets are lost).`);
  const kioskToken = newToken();
  const text = renderConfigTemplate({
    hallName: stringOption(values.name) ?? '政务服务中心',
    idHashKey: randomBytes(32).toString('hex'),
    kioskTokenHash: hashToken(kioskToken),
  });
  mkdirSync(target, { recursive: true });
  writeFileSync(file, text, { mode: 0o600 });
  const shown = relative(process.cwd(), file) || file;
  io.out(`Wrote ${shown}

Kiosk "kiosk1" device token (shown only now; the file keeps only its hash):
  ${kioskToken}

Next steps:
  1. Edit ${shown}: services, windows, kiosks and devices of your hall.
  2. hallq check ${shown}
  3. hallq staff add admin --name "管理员" --role admin --data-dir ${join(relative(process.cwd(), target) || '.', 'data')}
  4. hallq start --config ${shown} --data-dir ${join(relative(process.cwd(), target) || '.', 'data')}
See "Set up your hall" in README.md.`);
  return 0;
}

export const KIOSK_TOKEN_HELP = `Usage: hallq kiosk-token

Prints a new kiosk device token and its SHA-256. Put the hash in the kiosk's \`tokenHash\` in the
configuration, and the token in that kiosk's browser (see docs/deploy.md). The token is not stored.`;

export function runKioskToken(args: string[], io: CommandIo): number {
  const { values, positionals } = parseCommand('kiosk-token', args, {});
  if (values.help) {
    io.out(KIOSK_TOKEN_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}.`, 2);
  const token = newToken();
  io.out(`token:     ${token}\ntokenHash: ${hashToken(token)}`);
  return 0;
}
