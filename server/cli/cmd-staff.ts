/**
 * `hallq staff add|passwd|disable|enable|list`: staff accounts in the hub's database. Safe while the hub
 * runs: each is one short transaction, and the database waits for the hub's writes (WAL, busy_timeout).
 */
import { StaffRole } from '../protocol/model';
import { openDatabase } from '../storage/db';
import { AuthRepo } from '../storage/auth-repo';
import { hashPassword } from '../app/passwords';
import { checkAccountChange, checkUsername } from '../domain/staff-rules';
import { readNewPassword } from './password-input';
import { CliError, DATA_DIR_OPTION, databaseFile, dataDirOf, parseCommand, requireDatabase, stringOption, type CommandIo } from './cli-kit';

export const STAFF_HELP = `Usage: hallq staff add <username> --name <name> --role clerk|manager|admin [--password-stdin]
       hallq staff passwd <username> [--password-stdin]
       hallq staff disable <username>
       hallq staff enable <username>
       hallq staff list

Staff accounts live in the hub's database (<data-dir>/hallq.db). The password is asked twice without
echo, or read from the first line of stdin with --password-stdin. Sign-in locks after failed attempts
hold one computer only and live in the running hub: a manager clears them in the console (管理 → 登录锁定).
A disabled account cannot sign in, and its open sessions stop working at their next action. The last
enabled admin cannot be disabled (the console keeps the same rules: server/domain/staff-rules.ts).
Safe to run while the hub is running.

Options:
  --data-dir <dir>   the hub's data directory (or env HALLQ_DATA_DIR; default ./data)
  --name <name>      the person's name as shown to colleagues (add)
  --role <role>      clerk (window), manager (hall overview, reports) or admin (also accounts) (add)
  --password-stdin   read the password from stdin instead of asking`;

const ROLES = StaffRole.anyOf.map((r) => r.const);

export async function runStaff(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand('staff', args, {
    ...DATA_DIR_OPTION,
    name: { type: 'string' },
    role: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  const [action, username, ...extra] = positionals;
  if (values.help || !action) {
    io.out(STAFF_HELP);
    return values.help ? 0 : 2;
  }
  if (action !== 'list' && (!username || extra.length > 0)) throw new CliError(`hallq staff ${action} needs exactly one username.`, 2);
  // The console applies the same rules (server/domain/staff-rules.ts).
  const validName = username === undefined ? undefined : checkUsername(username);
  if (validName && !validName.ok) throw new CliError(validName.message, 2);
  const dataDir = dataDirOf(values['data-dir']);
  const fromStdin = values['password-stdin'] === true;
  switch (action) {
    case 'add': {
      const name = stringOption(values.name);
      const role = stringOption(values.role);
      if (!name) throw new CliError('hallq staff add needs --name <name>.', 2);
      if (!role || !isRole(role)) throw new CliError(`hallq staff add needs --role ${ROLES.join('|')}.`, 2);
      // Creating the database here is right: adding the first admin comes before the first start.
      const repo = openRepo(databaseFile(dataDir));
      if (repo.auth.findStaff(username ?? '')) throw new CliError(`${username} already exists. Use \`hallq staff passwd ${username}\` or \`hallq staff enable ${username}\`.`);
      const passwordHash = await hashPassword(await readNewPassword(fromStdin, username ?? ''));
      repo.auth.upsertStaff({ username: username ?? '', name, role, passwordHash });
      repo.close();
      io.out(`Added ${username} (${name}), role ${role}.`);
      return 0;
    }
    case 'passwd':
    case 'disable':
    case 'enable': {
      const repo = openRepo(requireDatabase(dataDir));
      const staff = repo.auth.findStaff(username ?? '');
      if (!staff) throw new CliError(`No staff account ${username}. \`hallq staff list\` shows them.`);
      if (action === 'passwd') {
        const passwordHash = await hashPassword(await readNewPassword(fromStdin, staff.username));
        repo.auth.upsertStaff({ ...staff, passwordHash });
        repo.auth.recordLoginSuccess(staff.username);
        io.out(`Password of ${staff.username} changed.`);
      } else {
        const change = checkAccountChange(repo.auth.listStaff(), staff, { ...staff, isDisabled: action === 'disable', hasPassword: false }, undefined);
        if (!change.ok) {
          repo.close();
          throw new CliError(change.message);
        }
        repo.auth.upsertStaff({ ...staff, isDisabled: action === 'disable' });
        io.out(`${staff.username} is ${action === 'disable' ? 'disabled: it can no longer sign in' : 'enabled'}.`);
      }
      repo.close();
      return 0;
    }
    case 'list': {
      const repo = openRepo(requireDatabase(dataDir));
      const rows = repo.auth.listStaff();
      repo.close();
      if (rows.length === 0) io.out('No staff accounts yet. Add one with `hallq staff add admin --name 管理员 --role admin`.');
      for (const s of rows) io.out(`${s.username}\t${s.role}\t${s.name}${s.isDisabled ? '\tdisabled' : ''}${s.lockedUntil && s.lockedUntil > Date.now() ? '\tlocked' : ''}`);
      return 0;
    }
    default:
      throw new CliError(`unknown staff action ${action}. Run \`hallq staff --help\`.`, 2);
  }
}

function isRole(value: string): value is StaffRole {
  return (ROLES as readonly string[]).includes(value);
}

function openRepo(file: string): { auth: AuthRepo; close(): void } {
  const db = openDatabase(file);
  return { auth: new AuthRepo(db), close: () => db.close() };
}
