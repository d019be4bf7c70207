import { describe, expect, it } from 'vitest';
import * as verbs from '../../server/domain/window-verbs';
import type { Decision } from '../../server/domain/decision';
import type { WindowStatus } from '../../server/domain/types';
import { MIN, T0, openStatus, policy, ticket, window } from '../support/domain';

const w1 = window('w1', [['A', 1]]);
const w2 = window('w2', [['B', 1]]);

function ok<T>(d: Decision<T>): T {
  if (!d.ok) throw new Error(`refused: ${d.code} ${d.message}`);
  return d.value;
}

function codeOf<T>(d: Decision<T>): string {
  return d.ok ? 'ok' : d.code;
}

function ctx(status: WindowStatus, current?: ReturnType<typeof ticket>, now = T0) {
  return { window: w1, status, current, now, policy };
}

describe('window verbs', () => {
  it('open → call → finish: the ticket is done and the window idle', () => {
    const opened = ok(verbs.openWindow(ctx({ windowId: 'w1', state: 'closed', since: 0, isAutoCall: false }), 'clerk1'));
    expect(opened.status.state).toBe('open');
    const waiting = ticket();
    const called = ok(verbs.callTicket(ctx(opened.status), waiting));
    expect(called.status).toMatchObject({ state: 'serving', currentTicketId: waiting.id });
    expect(called.call?.ticket).toMatchObject({ status: 'called', windowId: 'w1', staffId: 'clerk1', callCount: 1 });
    const finished = ok(verbs.finishTicket(ctx(called.status, called.call?.ticket, T0 + 5 * MIN), 'seg'));
    expect(finished.status.state).toBe('open');
    expect(finished.changed[0]).toMatchObject({ status: 'done', finishedAt: T0 + 5 * MIN });
    expect(finished.created).toHaveLength(0);
  });

  it('refuses to call while closed, paused or still serving', () => {
    expect(codeOf(verbs.callTicket(ctx({ windowId: 'w1', state: 'closed', since: 0, isAutoCall: false }), ticket()))).toBe('window-closed');
    expect(codeOf(verbs.callTicket(ctx({ ...openStatus('w1'), state: 'paused' }), ticket()))).toBe('window-paused');
    const current = ticket({ status: 'called' });
    expect(codeOf(verbs.callTicket(ctx({ ...openStatus('w1'), state: 'serving', currentTicketId: current.id }, current), ticket()))).toBe('window-busy');
  });

  it('refuses a ticket that is not waiting: the second of two windows cannot call the same visitor', () => {
    const visitor = ticket();
    const first = ok(verbs.callTicket(ctx(openStatus('w1')), visitor));
    const calledVisitor = first.call?.ticket;
    if (!calledVisitor) throw new Error('no call');
    const second = verbs.callTicket({ window: w2, status: openStatus('w2', 'clerk2'), now: T0, policy }, calledVisitor);
    expect(codeOf(second)).toBe('ticket-not-waiting');
  });

  it('recall counts calls and turns into a no-show past the recall limit', () => {
    let status: WindowStatus = openStatus('w1');
    const first = ok(verbs.callTicket(ctx(status), ticket()));
    status = first.status;
    let current = first.call?.ticket;
    for (let i = 0; i < policy.recallLimit; i++) {
      const recalled = ok(verbs.recallTicket(ctx(status, current)));
      expect(recalled.call?.isRecall).toBe(true);
      current = recalled.call?.ticket;
      status = recalled.status;
    }
    expect(current?.callCount).toBe(1 + policy.recallLimit);
    const over = ok(verbs.recallTicket(ctx(status, current)));
    expect(over.change).toBe('no-show');
    expect(over.changed[0]).toMatchObject({ status: 'no-show', closeReason: 'recall-limit' });
    expect(over.status.state).toBe('open');
  });

  it('no-show and park free the window; a parked ticket returns to the same window', () => {
    const called = ok(verbs.callTicket(ctx(openStatus('w1')), ticket()));
    const parked = ok(verbs.parkTicket(ctx(called.status, called.call?.ticket), 10));
    expect(parked.changed[0]).toMatchObject({ status: 'parked', parkedUntil: T0 + 10 * MIN, targetWindowId: 'w1' });
    const back = verbs.returnFromPark(parked.changed[0]!);
    expect(back).toMatchObject({ status: 'waiting', targetWindowId: 'w1' });
    // The clerk may call it back from the pool before its time is up.
    const recalledFromPool = ok(verbs.callTicket(ctx(parked.status), parked.changed[0]!));
    expect(recalledFromPool.call?.ticket.status).toBe('called');
  });

  it('transfer keeps number, arrival and track token; with return, finishing sends the visitor back', () => {
    const visitor = ticket({ arrivedAt: T0 - 30 * MIN });
    const called = ok(verbs.callTicket(ctx(openStatus('w1')), visitor));
    const moved = ok(
      verbs.transferTicket(ctx(called.status, called.call?.ticket), { toService: { id: 'B', name: '社保' }, returnAfter: true, note: '先办社保' }, 'seg-b'),
    );
    expect(moved.changed[0]).toMatchObject({ status: 'transferred' });
    const segment = moved.created[0]!;
    expect(segment).toMatchObject({
      id: 'seg-b', serviceId: 'B', status: 'waiting', number: visitor.number, arrivedAt: visitor.arrivedAt,
      trackToken: visitor.trackToken, returnServiceId: 'A', previousId: visitor.id, note: '先办社保',
    });
    const atB = ok(verbs.callTicket({ window: w2, status: openStatus('w2', 'clerk2'), now: T0, policy }, segment));
    const done = ok(verbs.finishTicket({ window: w2, status: atB.status, current: atB.call?.ticket, now: T0 + MIN, policy }, 'seg-a2'));
    expect(done.created[0]).toMatchObject({ id: 'seg-a2', serviceId: 'A', isReturn: true, status: 'waiting', arrivedAt: visitor.arrivedAt });
  });

  it('transfer to a named window targets it, and not to itself', () => {
    const called = ok(verbs.callTicket(ctx(openStatus('w1')), ticket()));
    const toW2 = ok(verbs.transferTicket(ctx(called.status, called.call?.ticket), { toWindow: w2 }, 'seg'));
    expect(toW2.created[0]).toMatchObject({ serviceId: 'A', targetWindowId: 'w2' });
    expect(codeOf(verbs.transferTicket(ctx(called.status, called.call?.ticket), { toWindow: w1 }, 'seg'))).toBe('invalid-request');
    expect(codeOf(verbs.transferTicket(ctx(called.status, called.call?.ticket), {}, 'seg'))).toBe('invalid-request');
  });

  it('does not transfer to a closed window (nobody could call the visitor there); a paused one resumes', () => {
    const called = ok(verbs.callTicket(ctx(openStatus('w1')), ticket()));
    const current = ctx(called.status, called.call?.ticket);
    expect(codeOf(verbs.transferTicket(current, { toWindow: w2, toWindowState: 'closed' }, 'seg'))).toBe('target-window-closed');
    expect(ok(verbs.transferTicket(current, { toWindow: w2, toWindowState: 'paused' }, 'seg')).created[0]).toMatchObject({ targetWindowId: 'w2' });
    expect(ok(verbs.transferTicket(current, { toService: { id: 'B', name: '社保' }, toWindowState: 'closed' }, 'seg')).created[0]).toMatchObject({ serviceId: 'B' });
  });

  it('pause needs an idle open window; resume needs a pause; close needs no visitor; another clerk cannot take an open window', () => {
    const paused = ok(verbs.pauseWindow(ctx(openStatus('w1')), 'break'));
    expect(paused.status).toMatchObject({ state: 'paused', pauseReason: 'break' });
    expect(codeOf(verbs.resumeWindow(ctx(openStatus('w1'))))).toBe('ticket-state');
    expect(ok(verbs.resumeWindow(ctx(paused.status))).status.state).toBe('open');
    const current = ticket({ status: 'called' });
    expect(codeOf(verbs.closeWindow(ctx({ ...openStatus('w1'), state: 'serving', currentTicketId: current.id }, current)))).toBe('window-busy');
    expect(codeOf(verbs.openWindow(ctx(openStatus('w1', 'clerk1')), 'clerk2'))).toBe('window-taken');
    expect(ok(verbs.openWindow(ctx(openStatus('w1', 'clerk1')), 'clerk1')).status.staffId).toBe('clerk1');
  });
});
