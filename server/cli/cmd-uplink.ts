/**
 * `hallq uplink status`: the city link as the hub last recorded it in its database (state, last contact,
 * backlog, generation, last error, the centre's latest 督办 notes). Read-only; safe while the hub runs.
 */
import { readConfigFile } from '../load-config-file';
import { openUplinkReader } from '../storage/uplink-repo';
import { storedUplinkStatus } from '../app/uplink-shipper';
import type { UplinkStatus } from '../protocol/uplink';
import type { UplinkSettings } from '../config';
import { runningHubPid } from './hub-lock';
import { CliError, DATA_DIR_OPTION, dataDirOf, parseCommand, requireDatabase, stringOption, type CommandIo } from './cli-kit';

export const UPLINK_HELP = `Usage: hallq uplink status [--data-dir <dir>] [--config <file>] [--json]

Shows the link to the city centre: its state (off, connecting, ok, retrying, refused), the last contact
and the last acknowledged batch (hall clock), the backlog of facts the centre has not acknowledged, the
database generation, the last error, and the centre's latest supervision notes (督办).
Exit status 0 when the link is ok or off, 1 when it is connecting, retrying or refused.

Options:
  --config <file>   hall configuration (or env HALLQ_CONFIG): the centre's address and the hall code
  --json            the same as GET /api/uplink/status answers`;

const when = (at: number | undefined): string => (at === undefined ? 'never' : new Date(at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'));

function describe(status: UplinkStatus, isRunning: boolean): string[] {
  const lines = [`Uplink: ${status.state}${isRunning ? '' : ' (the hub is not running: as last recorded)'}`];
  if (status.hallCode) lines.push(`  hall code      ${status.hallCode}`);
  if (status.url) lines.push(`  centre         ${status.url}`);
  if (status.state === 'off') {
    lines.push('  No uplink is configured: add an `uplink:` section to the hall configuration (docs/uplink.md).');
    return lines;
  }
  lines.push(
    `  last contact   ${when(status.lastContactAt)}`,
    `  last ack       ${when(status.lastAckAt)}`,
    `  backlog        ${status.backlog} fact(s) not yet acknowledged (acknowledged up to ${status.ackedSeq} of ${status.lastSeq})`,
  );
  if (status.generation) lines.push(`  generation     ${status.generation.id}${status.generation.parent ? ` (after ${status.generation.parent} at ${status.generation.forkSeq})` : ''}`);
  if (status.nextAttemptAt && status.state !== 'ok') lines.push(`  next attempt   ${when(status.nextAttemptAt)}`);
  if (status.lastError) lines.push(`  last error     ${status.lastError} [${status.lastErrorCode ?? '?'}, ${when(status.lastErrorAt)}]`);
  for (const note of status.notes.slice(0, 5)) lines.push(`  督办 ${when(note.at)} ${note.by}${note.number ? ` (${note.number})` : ''}: ${note.text}`);
  return lines;
}

export function runUplink(args: string[], io: CommandIo): number {
  const { values, positionals } = parseCommand('uplink', args, { ...DATA_DIR_OPTION, config: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) {
    io.out(UPLINK_HELP);
    return 0;
  }
  const [sub, ...extra] = positionals;
  if (sub !== 'status' || extra.length > 0) throw new CliError('hallq uplink has one subcommand: status. Run `hallq uplink --help`.', 2);
  const configPath = stringOption(values.config) ?? process.env.HALLQ_CONFIG;
  let settings: UplinkSettings | undefined;
  let hallCode: string | undefined;
  if (configPath) {
    const result = readConfigFile(configPath);
    if (!result.ok) throw new CliError(`${configPath} is not valid; run \`hallq check ${configPath}\`.`);
    settings = result.config.uplink;
    hallCode = result.config.hall.code;
  }
  const dataDir = dataDirOf(values['data-dir']);
  const reader = openUplinkReader(requireDatabase(dataDir));
  if (!reader) throw new CliError('This database has not been opened by a hallq with the city uplink yet: start the hub once.');
  try {
    const { repo } = reader;
    // Without --config the recorded state is all there is: a link that was never started reads as off.
    const recorded = repo.link();
    const status = storedUplinkStatus(repo, { isConfigured: settings !== undefined || recorded !== undefined, url: settings?.url, hallCode }, recorded);
    io.out(values.json ? JSON.stringify(status, null, 2) : describe(status, runningHubPid(dataDir) !== undefined).join('\n'));
    return status.state === 'ok' || status.state === 'off' ? 0 : 1;
  } finally {
    reader.close();
  }
}
