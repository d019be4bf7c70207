/**
 * The baseline of figure 2, in its own process like the hub: a bare socket.io server that, for each
 * `call` from a window, commits one fsync'd single-row transaction and broadcasts the same payload a
 * hub call produces to every display. No validation, no rules, no projections: the floor for a call.
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';

const home = mkdtempSync(join(tmpdir(), 'hallq-bench-bare-io-'));
const db = new Database(join(home, 'bare.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE calls (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO calls (data) VALUES (?)');
const commit = db.transaction((data: string) => Number(insert.run(data).lastInsertRowid));

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
io.on('connection', (socket) => {
  socket.on('join', (ack: () => void) => {
    void socket.join('public');
    ack();
  });
  socket.on('call', (payload: { ticketId: string; event: Record<string, unknown> }, ack: (r: { ticketId: string }) => void) => {
    const seq = commit(JSON.stringify(payload.event));
    // The hub's message shape: a list of the commit's public facts, here always one call.
    io.to('public').emit('hub:public-events', [{ ...payload.event, seq }]);
    ack({ ticketId: payload.ticketId });
  });
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, startMs: 0 });
});

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return;
  void io.close(() => {
    db.close();
    rmSync(home, { recursive: true, force: true });
    process.send?.({ type: 'stopped' });
    process.disconnect();
  });
});
