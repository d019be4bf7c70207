/** `hallq staff`: accounts in the data directory's database, passwords never on the command line. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyPassword } from '../../server/app/passwords';
import { runHallq, tempDir } from './run-hallq';

const temp = tempDir();
afterAll(() => temp.remove());
const dataDir = join(temp.dir, 'data');

interface Row {
  password_hash: string;
  is_disabled: number;
  role: string;
  name: string;
  locked_until: number | null;
}

function account(username: string): Row | undefined {
  const db = new Database(join(dataDir, 'hallq.db'), { readonly: true });
  try {
    return db.prepare<[string], Row>('SELECT * FROM staff WHERE username = ?').get(username);
  } finally {
    db.close();
  }
}

const staff = (args: string[], input?: string) => runHallq(['staff', ...args, '--data-dir', dataDir], { input });

describe('hallq staff', { timeout: 120_000 }, () => {
  test('add creates the database and an account with a scrypt hash of the password from stdin', async () => {
    const result = await staff(['add', 'admin', '--name', '管理员', '--role', 'admin', '--password-stdin'], 'first-Password-1\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const row = account('admin');
    expect(row).toMatchObject({ role: 'admin', name: '管理员', is_disabled: 0 });
    expect(await verifyPassword('first-Password-1', row?.password_hash ?? '')).toBe(true);
    const list = await staff(['list']);
    expect(list.stdout).toMatch(/^admin\tadmin\t管理员$/m);
  });

  test('add refuses an existing username, a short password, an unknown role', async () => {
    const twice = await staff(['add', 'admin', '--name', 'X', '--role', 'clerk', '--password-stdin'], 'another-pass-2\n');
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain('admin already exists');
    const short = await staff(['add', 'clerk9', '--name', '张三', '--role', 'clerk', '--password-stdin'], 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('at least 8 characters');
    expect(account('clerk9')).toBeUndefined();
    const role = await staff(['add', 'clerk9', '--name', '张三', '--role', 'boss', '--password-stdin'], 'long-enough-1\n');
    expect(role.status).toBe(2);
    expect(role.stderr).toContain('--role clerk|manager|admin');
  });

  test('passwd replaces the hash and unlocks the account', async () => {
    const db = new Database(join(dataDir, 'hallq.db'));
    db.prepare('UPDATE staff SET failed_logins = 5, locked_until = ? WHERE username = ?').run(Date.now() + 600_000, 'admin');
    db.close();
    const result = await staff(['passwd', 'admin', '--password-stdin'], 'second-Password-2\n');
    expect(result.status).toBe(0);
    const row = account('admin');
    expect(await verifyPassword('second-Password-2', row?.password_hash ?? '')).toBe(true);
    expect(await verifyPassword('first-Password-1', row?.password_hash ?? '')).toBe(false);
    expect(row?.locked_until).toBeNull();
  });

  test('disable and enable, never the last enabled admin (the console keeps the same rule)', async () => {
    const last = await staff(['disable', 'admin']);
    expect(last.status).toBe(1);
    expect(last.stderr).toContain('admin is the last enabled admin');
    expect(account('admin')?.is_disabled).toBe(0);
    expect((await staff(['add', 'admin2', '--name', '副管理员', '--role', 'admin', '--password-stdin'], 'second-admin-2\n')).status).toBe(0);
    expect((await staff(['disable', 'admin'])).status).toBe(0);
    expect(account('admin')?.is_disabled).toBe(1);
    expect((await staff(['list'])).stdout).toContain('disabled');
    expect((await staff(['enable', 'admin'])).status).toBe(0);
    expect(account('admin')?.is_disabled).toBe(0);
  });

  test('unknown accounts, a wrong data directory and a missing terminal are clear errors', async () => {
    const unknown = await staff(['passwd', 'nobody', '--password-stdin'], 'whatever-123\n');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No staff account nobody');
    const elsewhere = await runHallq(['staff', 'disable', 'admin', '--data-dir', join(temp.dir, 'nothing-here')]);
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toContain('No hallq database');
    // stdin is a pipe here, not a terminal: the hidden prompt cannot work, so it says what to do instead.
    const noTty = await staff(['passwd', 'admin']);
    expect(noTty.status).toBe(2);
    expect(noTty.stderr).toContain('--password-stdin');
  });
});
