/**
 * The centre's configuration: defaults filled in, the result frozen, and every problem reported at once
 * with where it is (a registry that would let one hall write as another is refused).
 */
import { describe, expect, it } from 'vitest';
import { loadCentreConfig } from '../../server/centre/config';
import { readCentreConfigFile } from '../../server/centre/main';
import { writeCentreConfig } from './support/centre-process';

const HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const token = (c: string): string => c.repeat(64).slice(0, 64);

function file(): Record<string, unknown> {
  return {
    database: { url: 'postgres://u:p@db:5432/centre' },
    halls: [
      { code: '330106-001', name: '区中心', level: 'district', tokenHash: token('a') },
      { code: '330106-101', name: '镇中心', level: 'town', parent: '330106-001', tokenHash: token('b') },
    ],
    users: [{ username: 'viewer', name: '查看', role: 'hall-viewer', hallCode: '330106-101', passwordHash: HASH }],
  };
}

describe('loadCentreConfig', () => {
  it('fills the defaults and freezes the result', () => {
    const result = loadCentreConfig(file());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config).toMatchObject({
      database: { poolSize: 10, consolePoolSize: 4 },
      listen: { host: '0.0.0.0', port: 8090 },
      sessionHours: 12,
      limits: { batchesPerMinutePerHall: 600, signInsPerMinute: 20 },
      link: { offlineAfterSeconds: 300 },
    });
    expect(Object.isFrozen(result.config.halls[0])).toBe(true);
    // A one-connection database (the embedded demo) is one session: the console shares that connection.
    const single = loadCentreConfig({ ...file(), database: { url: 'postgres://u:p@db/c', poolSize: 1, consolePoolSize: 3 } });
    expect(single.ok && single.config.database.consolePoolSize).toBe(0);
  });

  it('reports every problem with its path', () => {
    const bad = file();
    const halls = bad.halls as Record<string, unknown>[];
    halls.push({ code: '330106-001', name: 'dup', level: 'town', tokenHash: token('a') });
    halls.push({ code: '330106-201', name: 'orphan', level: 'village', parent: '330106-999', tokenHash: token('c') });
    const users = bad.users as Record<string, unknown>[];
    users.push({ username: 'lost', name: 'x', role: 'hall-viewer', passwordHash: HASH });
    users.push({ username: 'boss', name: 'x', role: 'city-admin', hallCode: '330106-001', passwordHash: HASH });
    const result = loadCentreConfig(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(expect.arrayContaining([
      { path: '/halls/2', message: 'hall code 330106-001 is also used at /halls/0' },
      { path: '/halls/2', message: 'tokenHash aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa is also used at /halls/0' },
      { path: '/halls/3/parent', message: 'parent 330106-999 is not a hall of this registry' },
      { path: '/users/1/hallCode', message: expect.stringMatching(/say which hall/) },
      { path: '/users/2/hallCode', message: expect.stringMatching(/sees every hall/) },
    ]));
  });

  it('refuses loops of parents, malformed hashes and unknown keys', () => {
    const looped = file();
    (looped.halls as Record<string, unknown>[])[0]!.parent = '330106-101';
    const result = loadCentreConfig(looped);
    expect(!result.ok && result.problems.some((p) => /form a loop/.test(p.message))).toBe(true);
    const malformed: Record<string, unknown> = { ...file(), extra: 1 };
    (malformed.halls as Record<string, unknown>[])[0]!.tokenHash = 'not-hex';
    const second = loadCentreConfig(malformed);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['/halls/0/tokenHash']));
  });

  it('reads a file, with the database URL from the environment when given', () => {
    const written = writeCentreConfig(file());
    try {
      const result = readCentreConfigFile(written.path, { HALLQ_CENTRE_DATABASE_URL: 'postgres://other:secret@db2:5432/c' });
      expect(result.ok && result.config.database.url).toBe('postgres://other:secret@db2:5432/c');
      expect(readCentreConfigFile(`${written.path}.missing`)).toMatchObject({ ok: false, problems: [{ path: '/', message: expect.stringMatching(/cannot read/) }] });
    } finally {
      written.remove();
    }
  });
});
