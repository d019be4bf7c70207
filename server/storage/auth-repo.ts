/** Staff accounts, sessions and idempotency records. */
import type { StaffRole } from '../protocol/model';
import type { Db } from './db';

export interface StaffRecord {
  username: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
  isDisabled: boolean;
  failedLogins: number;
  lockedUntil?: number;
}

interface StaffRow {
  username: string;
  name: string;
  role: string;
  password_hash: string;
  is_disabled: number;
  failed_logins: number;
  locked_until: number | null;
}

export interface StoredReply {
  requestHash: string;
  status: number;
  response: unknown;
}

export class AuthRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      staff: db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE username = ?'),
      allStaff: db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY username'),
      upsertStaff: db.prepare(
        `INSERT INTO staff (username, name, role, password_hash, is_disabled) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(username) DO UPDATE SET name = excluded.name, role = excluded.role, password_hash = excluded.password_hash, is_disabled = excluded.is_disabled`,
      ),
      insertStaffIfMissing: db.prepare('INSERT OR IGNORE INTO staff (username, name, role, password_hash, is_disabled) VALUES (?, ?, ?, ?, 0)'),
      loginFailed: db.prepare('UPDATE staff SET failed_logins = failed_logins + 1, locked_until = ? WHERE username = ?'),
      loginOk: db.prepare('UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE username = ?'),
      insertSession: db.prepare('INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      session: db.prepare<[string], { username: string; expires_at: number }>('SELECT username, expires_at FROM sessions WHERE token_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteSessionsOf: db.prepare('DELETE FROM sessions WHERE username = ?'),
      purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at < ?'),
      expiredSessions: db.prepare<[number], { token_hash: string }>('SELECT token_hash FROM sessions WHERE expires_at <= ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      reply: db.prepare<[string, string], { request_hash: string; status: number; response: string }>(
        'SELECT request_hash, status, response FROM idempotency WHERE scope = ? AND key = ?',
      ),
      saveReply: db.prepare('INSERT INTO idempotency (scope, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      purgeReplies: db.prepare('DELETE FROM idempotency WHERE created_at < ?'),
    };
  }

  findStaff(username: string): StaffRecord | undefined {
    const r = this.s.staff.get(username);
    return r ? toStaff(r) : undefined;
  }

  listStaff(): StaffRecord[] {
    return this.s.allStaff.all().map(toStaff);
  }

  upsertStaff(r: { username: string; name: string; role: StaffRole; passwordHash: string; isDisabled?: boolean }): void {
    this.s.upsertStaff.run(r.username, r.name, r.role, r.passwordHash, r.isDisabled ? 1 : 0);
  }

  /** Seeds an account from the config file without overwriting a password changed since. */
  seedStaff(r: { username: string; name: string; role: StaffRole; passwordHash: string }): void {
    this.s.insertStaffIfMissing.run(r.username, r.name, r.role, r.passwordHash);
  }

  recordLoginFailure(username: string, lockedUntil: number | undefined): void {
    this.s.loginFailed.run(lockedUntil ?? null, username);
  }

  recordLoginSuccess(username: string): void {
    this.s.loginOk.run(username);
  }

  createSession(tokenHash: string, username: string, now: number, expiresAt: number): void {
    this.s.purgeSessions.run(now);
    this.s.insertSession.run(tokenHash, username, now, expiresAt);
  }

  findSession(tokenHash: string): { username: string; expiresAt: number } | undefined {
    const r = this.s.session.get(tokenHash);
    return r ? { username: r.username, expiresAt: r.expires_at } : undefined;
  }

  deleteSession(tokenHash: string): void {
    this.s.deleteSession.run(tokenHash);
  }

  /** Sessions whose time is up at `now` (the expiry sweep, server/app/sessions.ts), by token hash. */
  expiredSessionIds(now: number): string[] {
    return this.s.expiredSessions.all(now).map((r) => r.token_hash);
  }

  deleteExpiredSessions(now: number): void {
    this.s.deleteExpired.run(now);
  }

  /** Signs a user out everywhere; returns how many sessions ended. */
  deleteSessionsOf(username: string): number {
    return this.s.deleteSessionsOf.run(username).changes;
  }

  findReply(scope: string, key: string): StoredReply | undefined {
    const r = this.s.reply.get(scope, key);
    return r ? { requestHash: r.request_hash, status: r.status, response: JSON.parse(r.response) as unknown } : undefined;
  }

  saveReply(scope: string, key: string, reply: StoredReply, now: number): void {
    this.s.saveReply.run(scope, key, reply.requestHash, reply.status, JSON.stringify(reply.response), now);
  }

  purgeReplies(before: number): void {
    this.s.purgeReplies.run(before);
  }
}

function toStaff(r: StaffRow): StaffRecord {
  return {
    username: r.username,
    name: r.name,
    role: r.role as StaffRole,
    passwordHash: r.password_hash,
    isDisabled: r.is_disabled === 1,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until ?? undefined,
  };
}
