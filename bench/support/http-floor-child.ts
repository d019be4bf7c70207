/**
 * The floor of figure 1, in its own process like the hub: the least an HTTP server must do to issue a
 * durable ticket. node:http with no framework, no validation, no rules and no audit log: it reads the
 * JSON body, commits it as one row in one fsync'd transaction (WAL + synchronous=FULL, as the hub and
 * the bare baseline), and only then answers 201. Requests that arrive in the same event-loop turn share
 * one transaction, as the hub's group commit does, so nothing is answered before it is durable.
 *
 * It answers what this machine allows: no hub, however lean, can issue faster through HTTP on this disk
 * with this client. Figure 1 prints it beside the hub (docs/performance.md, "The HTTP floor").
 */
import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const home = mkdtempSync(join(tmpdir(), 'hallq-bench-floor-'));
const db = new Database(join(home, 'floor.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE tickets (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, data TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO tickets (at, data) VALUES (?, ?)');

interface Pending {
  readonly body: string;
  readonly response: ServerResponse;
}

let queue: Pending[] = [];
const commitBatch = db.transaction((batch: readonly Pending[]) => batch.map((p) => Number(insert.run(Date.now(), p.body).lastInsertRowid)));

function flush(): void {
  const batch = queue;
  queue = [];
  const ids = commitBatch(batch);
  batch.forEach(({ body, response }, i) => {
    const answer = JSON.stringify({ id: ids[i], ...(JSON.parse(body) as object) });
    response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    response.end(answer);
  });
}

const http = createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (body += chunk));
  request.on('end', () => {
    if (queue.length === 0) setImmediate(flush);
    queue.push({ body, response });
  });
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
});

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return;
  http.closeAllConnections();
  http.close(() => {
    db.close();
    rmSync(home, { recursive: true, force: true });
    process.send?.({ type: 'stopped' });
    process.disconnect();
  });
});
