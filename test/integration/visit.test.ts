/** A whole visit over the real server: ticket → call → events → finish → rating. */
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicEvent, StaffEvent, WindowCommandReply } from '../../server/protocol/events';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { api, connectSocket, emitAck, issue, login, openWindow, startTestHub, testConfig, until, type TestHub, type TestSocket } from '../support/hub';

let hub: TestHub;
const sockets: TestSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub?.dispose();
});

/** Staff and public clients alike get the facts of one commit in one message. */
function collect<E>(socket: TestSocket, name: 'hub:events' | 'hub:public-events'): E[] {
  const seen: E[] = [];
  socket.on(name as 'hub:events', (events: unknown[]) => seen.push(...(events as E[])));
  return seen;
}


describe('a whole visit', () => {
  it('issues, calls, announces to displays and staff, finishes and takes one rating', async () => {
    hub = await startTestHub();
    const display = connectSocket(hub);
    sockets.push(display);
    const clerkToken = await openWindow(hub, 'clerk1', 'w1');
    const staff = connectSocket(hub, clerkToken);
    sockets.push(staff);
    const publicSeen = collect<PublicEvent>(display, 'hub:public-events');
    const staffSeen = collect<StaffEvent>(staff, 'hub:events');
    const displaySync = await emitAck(display, 'hall:sync', {});
    expect(displaySync).toMatchObject({ ok: true, data: { mode: 'snapshot' } });
    await emitAck(staff, 'hall:sync', {});

    const ticket = await issue(hub, 'A');
    expect(ticket).toMatchObject({ number: 'A001', serviceId: 'A', status: 'waiting', waitingAhead: 0 });
    expect(ticket.trackUrl).toMatch(/\/t\/[A-Za-z0-9_-]+$/);
    // A visitor who chose English at the kiosk gets the phone page in English.
    const english = await issue(hub, 'B', { language: 'en' });
    expect(english.trackUrl).toMatch(/\/t\/[A-Za-z0-9_-]+\?lang=en$/);
    const second = await issue(hub, 'A');
    expect(second).toMatchObject({ number: 'A002', waitingAhead: 1 });
    expect(second.estimatedWaitMinutes).toBeGreaterThan(0);

    const called = await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerkToken, body: {} });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ ticket: { id: ticket.id, status: 'called', windowId: 'w1', staffId: 'clerk1' }, window: { state: 'serving' } });

    await until(() => publicSeen.some((e) => e.type === 'ticket:called'), 'the display to hear the call');
    const call = publicSeen.find((e) => e.type === 'ticket:called');
    expect(call?.data).toEqual({ call: expect.objectContaining({ number: 'A001', windowNumber: 1, serviceId: 'A', isRecall: false }) });
    // Public payloads never carry a ticket view (which can hold masked personal data) or a track token.
    expect(JSON.stringify(publicSeen)).not.toMatch(/trackToken|personMasked|nameMasked|staffId/);
    await until(() => staffSeen.some((e) => e.type === 'ticket:called'), 'staff to hear the call');

    const tracked = await api(hub, 'GET', `/api/track/${ticket.trackToken}`);
    expect(tracked.body).toMatchObject({ number: 'A001', status: 'called', windowNumber: 1, canRate: false });
    const early = await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 5 } });
    expect(early).toMatchObject({ status: 409, body: { error: 'ticket-not-finished' } });

    const finished = await api(hub, 'POST', '/api/windows/w1/finish', { token: clerkToken, body: {} });
    expect(finished.body).toMatchObject({ ticket: { status: 'done' }, window: { state: 'open' } });
    const rated = await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 2, tags: ['long-wait'] } });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ ticketId: ticket.id, windowId: 'w1', serviceId: 'A', score: 2, tags: ['long-wait'], channel: 'phone' });
    // The phone is a public client: the clerk's account stays with staff (issue #7, test/security/privacy.test.ts).
    expect(rated.body).not.toHaveProperty('staffId');
    const again = await api(hub, 'POST', `/api/track/${ticket.trackToken}/rating`, { body: { score: 5 } });
    expect(again).toMatchObject({ status: 409, body: { error: 'already-rated' } });
    await until(() => staffSeen.some((e) => e.type === 'rating:recorded'), 'staff to see the rating');

    // Staff events arrive in strictly increasing sequence with no gaps.
    const seqs = staffSeen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.every((s, i) => i === 0 || s === (seqs[i - 1] ?? 0) + 1)).toBe(true);
  });

  it('answers 204 when nobody waits, and refuses verbs from a clerk not signed in at that window', async () => {
    hub = await startTestHub();
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    expect((await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} })).status).toBe(204);
    const clerk2 = await login(hub, 'clerk2');
    const refused = await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk2, body: {} });
    expect(refused).toMatchObject({ status: 403, body: { error: 'not-signed-in-here' } });
    const taken = await api(hub, 'POST', '/api/windows/w1/open', { token: clerk2, body: {} });
    expect(taken).toMatchObject({ status: 409, body: { error: 'window-taken' } });
  });

  it('transfers a visitor to another service with their arrival time and number, and back', async () => {
    hub = await startTestHub();
    const clerk1 = await openWindow(hub, 'clerk1', 'w1');
    const clerk4 = await openWindow(hub, 'clerk4', 'w4');
    const t = await issue(hub, 'A');
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
    const moved = await api(hub, 'POST', '/api/windows/w1/transfer', { token: clerk1, body: { toServiceId: 'D', returnAfter: true, note: '先办户籍' } });
    expect(moved.body).toMatchObject({ ticket: { number: 'A001', serviceId: 'D', status: 'waiting', arrivedAt: t.arrivedAt } });
    const atD = await api(hub, 'POST', '/api/windows/w4/call-next', { token: clerk4, body: {} });
    expect(atD.body).toMatchObject({ ticket: { number: 'A001', serviceId: 'D' } });
    expect((await api(hub, 'GET', `/api/track/${t.trackToken}`)).body).toMatchObject({ status: 'called', windowNumber: 4 });
    await api(hub, 'POST', '/api/windows/w4/finish', { token: clerk4, body: {} });
    await issue(hub, 'A'); // a newer normal ticket must not overtake the returning visitor
    const back = await api(hub, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} });
    expect(back.body).toMatchObject({ ticket: { number: 'A001', serviceId: 'A' } });
  });

  it('calling a chosen ticket out of order is audited, and can be reserved to managers', async () => {
    hub = await startTestHub();
    const clerk = await openWindow(hub, 'clerk1', 'w1');
    await issue(hub, 'A');
    const second = await issue(hub, 'A');
    const chosen = await api(hub, 'POST', '/api/windows/w1/call', { token: clerk, body: { ticketId: second.id } });
    expect(chosen.body).toMatchObject({ ticket: { number: 'A002', status: 'called' } });
    const db = new Database(join(hub.dataDir, 'hallq.db'), { readonly: true });
    const audit = db.prepare("SELECT actor, data FROM events WHERE type = 'ticket:called'").all() as { actor: string; data: string }[];
    db.close();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe('staff:clerk1');
    expect(JSON.parse(audit[0]?.data ?? '{}')).toMatchObject({ isChosen: true, call: { number: 'A002' } });
    await hub.dispose();

    hub = await startTestHub({ config: testConfig((c) => void (c.policy = { ...c.policy!, clerksMayCallOutOfOrder: false })) });
    const strict = await openWindow(hub, 'clerk1', 'w1');
    await issue(hub, 'A');
    const other = await issue(hub, 'A');
    const refused = await api(hub, 'POST', '/api/windows/w1/call', { token: strict, body: { ticketId: other.id } });
    expect(refused).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    // Calling back one's own parked visitor is not "out of order".
    await api(hub, 'POST', '/api/windows/w1/call-next', { token: strict, body: {} });
    const parked = await api<Required<WindowCommandReply>>(hub, 'POST', '/api/windows/w1/park', { token: strict, body: { minutes: 5 } });
    const back = await api(hub, 'POST', '/api/windows/w1/call', { token: strict, body: { ticketId: parked.body.ticket.id } });
    expect(back.body).toMatchObject({ ticket: { number: 'A001', status: 'called' } });
  });
});
