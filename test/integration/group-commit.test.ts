/**
 * Group commit (issue #8): tickets issued in the same event-loop turn share one transaction and one fsync,
 * but each keeps its own savepoint, number and idempotency, and nothing is announced or answered before
 * the shared commit is durable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Actor } from '../../server/app/actor';
import { HubError } from '../../server/app/errors';
import type { TicketView } from '../../server/protocol/model';
import { api, connectSocket, emitAck, KIOSK_TOKEN, startTestHub, TestClock, type TestHub, unlimitedConfig } from '../support/hub';

const KIOSK: Actor = { kind: 'kiosk', kioskId: 'kiosk1' };
const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.dispose();
});

async function start(): Promise<TestHub> {
  const config = unlimitedConfig();
  const hub = await startTestHub({ config, clock: new TestClock() });
  hubs.push(hub);
  return hub;
}

function settle<T>(promises: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(promises);
}

describe('group commit of ticket issuance', () => {
  it('issues concurrent tickets in one batch with distinct consecutive numbers, announced before anyone is answered', async () => {
    const hub = await start();
    const order: string[] = [];
    hub.hub.bus.on('facts', (events) => events.forEach((e) => void (e.type === 'ticket:issued' && order.push('published'))));
    // Queued in one synchronous run: one batch, one commit.
    const issued = Array.from({ length: 20 }, () => hub.hub.issueTicketBatched(KIOSK, { serviceId: 'A' }).then((t) => (order.push('answered'), t)));
    expect(order).toEqual([]);
    const tickets = await Promise.all(issued);
    expect(tickets.map((t) => t.number)).toEqual(Array.from({ length: 20 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
    expect(order).toEqual([...Array<string>(20).fill('published'), ...Array<string>(20).fill('answered')]);
  });

  it('keeps numbers consecutive over HTTP when many kiosk requests arrive at once', async () => {
    const hub = await start();
    const answers = await Promise.all(Array.from({ length: 60 }, () => api<TicketView>(hub, 'POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'B' } })));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(answers.map((a) => a.body.number).sort()).toEqual(Array.from({ length: 60 }, (_, i) => `B${String(i + 1).padStart(3, '0')}`));
  });

  it('rolls back only the refused item of a batch', async () => {
    const hub = await start();
    const refuse = (): void => {
      throw new HubError('appointment-used', 'refused inside the transaction');
    };
    const results = await settle([
      hub.hub.issueTicketBatched(KIOSK, { serviceId: 'A' }),
      hub.hub.issueTicketBatched(KIOSK, { serviceId: 'A' }, { onIssued: refuse }),
      hub.hub.issueTicketBatched(KIOSK, { serviceId: 'A' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refusal = results[1] as PromiseRejectedResult;
    expect(refusal.reason).toBeInstanceOf(HubError);
    expect((refusal.reason as HubError).code).toBe('appointment-used');
    // The refused ticket's number and fact were rolled back with its savepoint: no gap, no stray event.
    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.number] : []));
    expect(numbers).toEqual(['A001', 'A002']);
    const db = new Database(join(hub.dataDir, 'hallq.db'), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE service_id = 'A'").get()).toEqual({ n: 2 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ticket:issued'").get()).toEqual({ n: 2 });
    db.close();
  });

  it('refuses the fourth ticket of one person in one batch and keeps the other three', async () => {
    const hub = await start();
    const person = { hash: 'p-hash-1', masked: '1101**********1234' };
    const results = await settle(Array.from({ length: 4 }, () => hub.hub.issueTicketBatched(KIOSK, { serviceId: 'D' }, { person })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect(((results[3] as PromiseRejectedResult).reason as HubError).code).toBe('person-limit-reached');
  });

  it('publishes facts only after the commit: a second connection already sees the ticket', async () => {
    const hub = await start();
    const reader = new Database(join(hub.dataDir, 'hallq.db'), { readonly: true });
    const seen: Array<{ id: string; isVisible: boolean }> = [];
    hub.hub.bus.on('facts', (events) => {
      for (const e of events) {
        if (e.type !== 'ticket:issued') continue;
        const row = reader.prepare('SELECT id FROM tickets WHERE id = ?').get(e.data.ticket.id);
        seen.push({ id: e.data.ticket.id, isVisible: row !== undefined });
      }
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => hub.hub.issueTicketBatched(KIOSK, { serviceId: i % 2 ? 'A' : 'B' })));
    reader.close();
    expect(seen).toHaveLength(10);
    expect(seen.every((s) => s.isVisible)).toBe(true);
  });

  it('makes one ticket for two retries with the same key in one batch, and refuses a different request under that key', async () => {
    const hub = await start();
    const [first, retry, other] = await settle([
      hub.hub.issueTicketBatched(KIOSK, { serviceId: 'A' }, undefined, 'press-1'),
      hub.hub.issueTicketBatched(KIOSK, { serviceId: 'A' }, undefined, 'press-1'),
      hub.hub.issueTicketBatched(KIOSK, { serviceId: 'B' }, undefined, 'press-1'),
    ]);
    expect(first?.status).toBe('fulfilled');
    expect(retry?.status).toBe('fulfilled');
    expect((retry as PromiseFulfilledResult<TicketView>).value.id).toBe((first as PromiseFulfilledResult<TicketView>).value.id);
    expect(((other as PromiseRejectedResult).reason as HubError).code).toBe('idempotency-conflict');
    // A retry after the batch committed is answered from the stored reply, outside any batch.
    const later = await hub.hub.issueTicketBatched(KIOSK, { serviceId: 'A' }, undefined, 'press-1');
    expect(later.id).toBe((first as PromiseFulfilledResult<TicketView>).value.id);
    const db = new Database(join(hub.dataDir, 'hallq.db'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: 1 });
    db.close();
  });

  it('acks a socket ticket:issue once the batch is durable', async () => {
    const hub = await start();
    const socket = connectSocket(hub, KIOSK_TOKEN);
    const acks = await Promise.all(Array.from({ length: 5 }, () => emitAck<{ ok: boolean; data: TicketView }>(socket, 'ticket:issue', { serviceId: 'C' })));
    const refused = await emitAck<{ ok: boolean; error: { error: string } }>(socket, 'ticket:issue', { serviceId: 'nope' });
    socket.close();
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(acks.map((a) => a.data.number).sort()).toEqual(['C001', 'C002', 'C003', 'C004', 'C005']);
    expect(refused).toMatchObject({ ok: false, error: { error: 'unknown-service' } });
  });
});
