/**
 * The clerk's smaller verbs of issue 19 item 7, against a real hub over HTTP: a no-show put back at the
 * counter within the hall's undo time (audited, refused afterwards with a sentence, refused at another
 * window), and a transfer refused to a service that no open window serves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WindowCommandReply } from '../../server/protocol/events';
import type { WindowQueueReply } from '../../server/protocol/window-queue';
import { api, issue, openWindow, startTestHub, TestClock, testConfig, type TestHub } from '../support/hub';

let hub: TestHub;
let clock: TestClock;
beforeEach(async () => {
  clock = new TestClock();
  hub = await startTestHub({ clock, config: testConfig() });
});
afterEach(async () => {
  await hub?.dispose();
});

describe('undo a no-show (撤销过号)', () => {
  it('puts the visitor back at the counter within the undo time, audited; refuses after it, and at another window', async () => {
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    const clerk2 = await openWindow(hub, 'clerk2', 'w2');
    const ticket = await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
    const absent = await api<WindowCommandReply>(hub, 'POST', '/api/windows/w1/no-show', { token: clerk1, body: {} });
    expect(absent.body.ticket).toMatchObject({ id: ticket.id, status: 'no-show' });

    // The page learns how long it may offer the undo from the queue answer (the hall's policy: 2 minutes by default).
    const queue = await api<WindowQueueReply>(hub, 'GET', '/api/windows/w1/queue', { token: clerk1 });
    expect(queue.body.noShowUndoSeconds).toBe(120);

    const elsewhere = await api<{ error: string }>(hub, 'POST', '/api/windows/w2/undo-no-show', { token: clerk2, body: { ticketId: ticket.id } });
    expect(elsewhere).toMatchObject({ status: 409, body: { error: 'ticket-state' } });

    clock.advance(90_000);
    const back = await api<WindowCommandReply>(hub, 'POST', '/api/windows/w1/undo-no-show', { token: clerk1, body: { ticketId: ticket.id } });
    expect(back.status).toBe(200);
    expect(back.body.window).toMatchObject({ state: 'serving', current: { ticketId: ticket.id, number: ticket.number } });
    expect(back.body.ticket).toMatchObject({ status: 'called', callCount: 1 });
    expect(back.body.ticket?.closeReason).toBeUndefined();
    const logged = hub.hub.ports.read.hall.eventsAfter(0, 1000).filter((e) => e.type === 'ticket:updated' && (e.data as { reason: string }).reason === 'no-show-undone');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.actor).toContain('clerk1');

    // Marked again, and this time the undo comes too late.
    await api(hub, 'POST', '/api/windows/w1/no-show', { token: clerk1, body: {} });
    clock.advance(120_001);
    const late = await api<{ error: string; message: string }>(hub, 'POST', '/api/windows/w1/undo-no-show', { token: clerk1, body: { ticketId: ticket.id } });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('undo-expired');
    expect(late.body.message).toMatch(/more than 2 minute\(s\) ago.*new ticket/);
    expect(hub.hub.staffSnapshot().tickets.some((t) => t.id === ticket.id)).toBe(false);
  });

  it('is never possible in a hall that sets the undo time to 0', async () => {
    await hub.dispose();
    hub = await startTestHub({ clock, config: testConfig((file) => { file.policy = { ...file.policy!, noShowUndoMinutes: 0 }; }) });
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    const ticket = await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
    await api(hub, 'POST', '/api/windows/w1/no-show', { token: clerk1, body: {} });
    const undo = await api<{ error: string }>(hub, 'POST', '/api/windows/w1/undo-no-show', { token: clerk1, body: { ticketId: ticket.id } });
    expect(undo).toMatchObject({ status: 409, body: { error: 'undo-expired' } });
  });
});

describe('transfer', () => {
  it('refuses a service no open window serves, and takes it once a window serving it opens', async () => {
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
    const refused = await api<{ error: string; message: string }>(hub, 'POST', '/api/windows/w1/transfer', { token: clerk1, body: { toServiceId: 'D', note: '先办户籍' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('no-window-serves');
    expect(refused.body.message).toMatch(/No open window serves/);
    await openWindow(hub, 'clerk4', 'w4');
    const moved = await api<WindowCommandReply>(hub, 'POST', '/api/windows/w1/transfer', { token: clerk1, body: { toServiceId: 'D', note: '先办户籍' } });
    expect(moved.status).toBe(200);
    // The note travels with the visitor to the receiving window (its clerk's page shows it).
    expect(moved.body.ticket).toMatchObject({ serviceId: 'D', status: 'waiting', note: '先办户籍' });
  });
});
