/**
 * An embedded PostgreSQL for the demo city (`npm run demo:city` without HALLQ_CENTRE_DATABASE_URL): PGlite
 * (PostgreSQL compiled to WebAssembly) with its data in a folder, served over the PostgreSQL wire protocol by
 * pglite-socket, so the centre's `pg` client, SQL and migrations are exactly those of production.
 *
 * PGlite is one backend session: the centre gets one pooled connection (transactions from several would
 * interleave), and notifications are not forwarded across connections, so the live feed is nudged by the
 * caller instead of LISTEN/NOTIFY. A demo, not a production database.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** postgres://… on 127.0.0.1, for the centre's `database.url`. */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  // After start() the server knows the port the system gave it: "127.0.0.1:<port>".
  const port = Number(/:(\d+)$/.exec(server.getServerConn())?.[1] ?? 0);
  if (!port) {
    await server.stop();
    await db.close();
    throw new Error('the embedded PostgreSQL did not say which port it listens on');
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop().catch(() => undefined);
      await db.close().catch(() => undefined);
    },
  };
}
