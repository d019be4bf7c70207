/**
 * Auto-call at an idle window (issue 18 item 6). It fired only after a finish: an idle window with auto-call
 * on left a newly arrived visitor waiting. Now an open, idle auto-call window calls as soon as a ticket it
 * serves arrives, and after a no-show, a park or a transfer, in the transaction that made the change — so
 * two idle auto-call windows and one ticket make exactly one call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, issue, openWindow, startTestHub, TestClock, unlimitedConfig, type TestHub } from '../support/hub';
import type { KioskIssuedTicket } from '../../server/protocol/http';
import type { TicketView, WindowView } from '../../server/protocol/model';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.dispose();
  hub = undefined;
});

async function start(): Promise<TestHub> {
  hub = await startTestHub({ clock: new TestClock(), config: unlimitedConfig() });
  return hub;
}

async function autoCallOn(running: TestHub, token: string, windowId: string): Promise<void> {
  expect((await api(running, 'POST', `/api/windows/${windowId}/auto-call`, { token, body: { enabled: true } })).status).toBe(200);
}

async function ticket(running: TestHub, token: string, id: string): Promise<TicketView> {
  const answer = await api<TicketView>(running, 'GET', `/api/tickets/${id}`, { token });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function windows(running: TestHub): Promise<Map<string, WindowView>> {
  return new Map((await api<WindowView[]>(running, 'GET', '/api/windows')).body.map((w) => [w.id, w]));
}

describe('auto-call at an idle window', () => {
  it('calls a newly arrived visitor at once, the next one after a no-show, a park and a transfer, and a parked one back', async () => {
    const running = await start();
    const clerk1 = await openWindow(running, 'clerk1', 'w1');
    const clerk2 = await openWindow(running, 'clerk2', 'w2');
    await autoCallOn(running, clerk1, 'w1');
    // Turned on at an idle window with nobody waiting: nothing to call yet.
    expect((await windows(running)).get('w1')?.current).toBeUndefined();

    const first = await issue(running, 'A');
    expect(await ticket(running, clerk1, first.id)).toMatchObject({ status: 'called', windowId: 'w1', staffId: 'clerk1', callCount: 1 });
    expect((await windows(running)).get('w1')).toMatchObject({ state: 'serving', current: { ticketId: first.id } });

    const [second, third, fourth] = [await issue(running, 'A'), await issue(running, 'A'), await issue(running, 'A')];
    expect((await ticket(running, clerk1, second.id)).status).toBe('waiting');

    // No-show: the window is idle again and calls the next one in the same answer.
    const noShow = await api<{ window: WindowView }>(running, 'POST', '/api/windows/w1/no-show', { token: clerk1, body: {} });
    expect(noShow.body.window).toMatchObject({ state: 'serving', current: { ticketId: second.id } });
    // Park: likewise.
    expect((await api(running, 'POST', '/api/windows/w1/park', { token: clerk1, body: {} })).status).toBe(200);
    expect(await ticket(running, clerk1, third.id)).toMatchObject({ status: 'called', windowId: 'w1' });

    // Turning auto-call on at an idle window calls whoever is waiting there.
    await autoCallOn(running, clerk2, 'w2');
    expect(await ticket(running, clerk2, fourth.id)).toMatchObject({ status: 'called', windowId: 'w2' });
    expect((await api(running, 'POST', '/api/windows/w2/finish', { token: clerk2, body: {} })).status).toBe(200);

    // Transfer to window 2, idle with auto-call on: w2 calls the visitor it was sent at once.
    expect((await api(running, 'POST', '/api/windows/w1/transfer', { token: clerk1, body: { toWindowId: 'w2' } })).status).toBe(200);
    const after = await windows(running);
    const atW2 = after.get('w2')?.current?.ticketId;
    expect(atW2).toBeDefined();
    expect(await ticket(running, clerk2, atW2 as string)).toMatchObject({ status: 'called', windowId: 'w2', number: third.number });
    // Nobody else waits for w1 (the parked one is not back yet): it stays idle.
    expect(after.get('w1')).toMatchObject({ state: 'open' });
    expect(after.get('w1')?.current).toBeUndefined();

    // The parked visitor's time is up: back in w1's queue, and w1, idle, calls them in the same commit.
    running.clock?.advance(11 * 60_000);
    running.hub.housekeeping();
    expect(await ticket(running, clerk1, second.id)).toMatchObject({ status: 'called', windowId: 'w1', callCount: 2 });
  });

  it('leaves a paused or closed auto-call window alone, and a manual window to its clerk', async () => {
    const running = await start();
    const clerk1 = await openWindow(running, 'clerk1', 'w1');
    await autoCallOn(running, clerk1, 'w1');
    expect((await api(running, 'POST', '/api/windows/w1/pause', { token: clerk1, body: { reason: 'break' } })).status).toBe(200);
    const waiting = await issue(running, 'A');
    expect((await ticket(running, clerk1, waiting.id)).status).toBe('waiting');
    // Resuming makes it idle and open: it calls the visitor who arrived during the pause.
    const resumed = await api<{ window: WindowView }>(running, 'POST', '/api/windows/w1/resume', { token: clerk1, body: {} });
    expect(resumed.body.window).toMatchObject({ state: 'serving', current: { ticketId: waiting.id } });
    // w2 serves A too but has auto-call off: it never calls by itself.
    const clerk2 = await openWindow(running, 'clerk2', 'w2');
    const other = await issue(running, 'A');
    expect((await ticket(running, clerk2, other.id)).status).toBe('waiting');
  });

  it('two idle auto-call windows and one ticket: exactly one calls it', async () => {
    const running = await start();
    // w1 (A) and w5 (A, B, C, D) both serve A.
    const clerk1 = await openWindow(running, 'clerk1', 'w1');
    const clerk2 = await openWindow(running, 'clerk2', 'w5');
    await autoCallOn(running, clerk1, 'w1');
    await autoCallOn(running, clerk2, 'w5');
    const only = await issue(running, 'A');
    const called = [...(await windows(running)).values()].filter((w) => w.current?.ticketId === only.id);
    expect(called).toHaveLength(1);
    expect(await ticket(running, clerk1, only.id)).toMatchObject({ status: 'called', callCount: 1 });
  });

  it('under concurrent issues and call-nexts, never calls one visitor twice or at two windows', async () => {
    const running = await start();
    const clerk1 = await openWindow(running, 'clerk1', 'w1');
    const clerk2 = await openWindow(running, 'clerk2', 'w5');
    await autoCallOn(running, clerk1, 'w1');
    await autoCallOn(running, clerk2, 'w5');
    // Three kiosks press at once while both clerks also press call-next: the group commit batches them.
    const answers = await Promise.all([
      issue(running, 'A'),
      api(running, 'POST', '/api/windows/w1/call-next', { token: clerk1, body: {} }),
      issue(running, 'A'),
      api(running, 'POST', '/api/windows/w5/call-next', { token: clerk2, body: {} }),
      issue(running, 'A'),
    ]);
    const issued = answers.filter((a): a is KioskIssuedTicket => 'trackToken' in a);
    expect(issued).toHaveLength(3);
    const views = await Promise.all(issued.map((t) => ticket(running, clerk1, t.id)));
    const called = views.filter((t) => t.status === 'called');
    expect(called).toHaveLength(2);
    for (const t of called) expect(t.callCount).toBe(1);
    expect(new Set(called.map((t) => t.windowId))).toEqual(new Set(['w1', 'w5']));
    const current = await windows(running);
    expect(new Set([current.get('w1')?.current?.ticketId, current.get('w5')?.current?.ticketId])).toEqual(new Set(called.map((t) => t.id)));
  });
});
