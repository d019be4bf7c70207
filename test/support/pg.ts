/**
 * A fresh PostgreSQL database for a test, on the server at HALLQ_TEST_PG_URL (default: the local
 * postgres://hallq:hallq@127.0.0.1:5432/postgres, a user allowed to CREATE DATABASE). Each call makes a
 * database with a random name; `drop()` removes it (connections still open to it are ended first).
 * No server is a failure with the sentence that says how to start one, never a skipped test.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_PG_URL = process.env.HALLQ_TEST_PG_URL ?? 'postgres://hallq:hallq@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** The server's address without the password, for messages. */
function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'} as ${decodeURIComponent(u.username) || '(default user)'}`;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The centre tests need a PostgreSQL server (15 or later) and cannot reach one at ${where(TEST_PG_URL)}: ${(error as Error).message}. ` +
        'Start one (Debian: `apt-get install postgresql && pg_ctlcluster 15 main start`, then create the user: ' +
        "`su postgres -c \"psql -c \\\"CREATE USER hallq SUPERUSER PASSWORD 'hallq'\\\"\"`), or set HALLQ_TEST_PG_URL to a server where the user may CREATE DATABASE.",
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createTestDatabase(prefix = 'hallq_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  let isDropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (isDropped) return;
      isDropped = true;
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
