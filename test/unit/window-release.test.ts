/**
 * 强制关窗 and the day's closing as pure rules (server/domain/window-verbs.ts). Regression: a window left open
 * by a clerk who signed out could not be closed by anyone, and the day rollover left it open with that clerk.
 */
import { describe, expect, it } from 'vitest';
import * as verbs from '../../server/domain/window-verbs';
import { chooseNext } from '../../server/domain/call-policy';
import type { Decision } from '../../server/domain/decision';
import type { WindowStatus } from '../../server/domain/types';
import { MIN, T0, openStatus, policy, ticket, window } from '../support/domain';

const w1 = window('w1', [['A', 1]]);
const w2 = window('w2', [['A', 1]]);

function ok<T>(d: Decision<T>): T {
  if (!d.ok) throw new Error(`refused: ${d.code} ${d.message}`);
  return d.value;
}

function ctx(status: WindowStatus, current?: ReturnType<typeof ticket>, now = T0) {
  return { window: w1, status, current, now, policy };
}

/** clerk1 called `visitor` (sent to w1 by name, with a transfer return pending) at w1 at T0. */
function servingAtW1() {
  const visitor = ticket({ targetWindowId: 'w1', returnServiceId: 'B', note: '补材料', arrivedAt: T0 - 20 * MIN, issuedAt: T0 - 20 * MIN });
  const called = ok(verbs.callTicket(ctx(openStatus('w1', 'clerk1')), visitor));
  return { status: called.status, current: called.call!.ticket };
}

describe('who may release a window', () => {
  it('a manager or an admin, never a clerk', () => {
    expect(verbs.mayReleaseWindow('manager').ok).toBe(true);
    expect(verbs.mayReleaseWindow('admin').ok).toBe(true);
    const clerk = verbs.mayReleaseWindow('clerk');
    expect(clerk).toMatchObject({ ok: false, code: 'forbidden' });
    const { status, current } = servingAtW1();
    expect(verbs.releaseWindow(ctx(status, current, T0 + 30 * MIN), 'clerk', 'seg')).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('releasing a window (强制关窗)', () => {
  it('closes a serving window with no clerk and sends the visitor back to the front of the queue, not served', () => {
    const { status, current } = servingAtW1();
    const at = T0 + 30 * MIN;
    const released = ok(verbs.releaseWindow(ctx(status, current, at), 'manager', 'seg-2'));
    expect(released.isReleased).toBe(true);
    expect(released.clerk).toBe('clerk1');
    expect(released.status).toEqual({ windowId: 'w1', state: 'closed', since: at, isAutoCall: false });
    // The visit at the counter ends without counting as served (it cannot be rated) …
    expect(released.changed).toEqual([{ ...current, status: 'transferred', closeReason: 'window-released', finishedAt: at }]);
    // … and the visitor waits again: same number and arrival, ahead of normal tickets, for any window of the service.
    const again = released.created[0]!;
    expect(released.created).toHaveLength(1);
    expect(again).toMatchObject({
      id: 'seg-2', number: current.number, serviceId: 'A', status: 'waiting', arrivedAt: current.arrivedAt, issuedAt: at,
      isReturn: true, previousId: current.id, callCount: 0, returnServiceId: 'B', note: '补材料', trackToken: current.trackToken,
    });
    expect(again.targetWindowId).toBeUndefined();
    expect(again.firstCalledAt).toBeUndefined();
    expect(released.requeued).toEqual({ from: released.changed[0], to: again });
    expect(released.ticket).toBe(again);
    // Another window of the service calls them before someone who came earlier and never was called.
    const earlier = ticket({ arrivedAt: T0 - 60 * MIN, issuedAt: T0 - 60 * MIN });
    expect(chooseNext(w2, [earlier, again], policy, at)?.id).toBe('seg-2');
  });

  it('closes an idle or paused window and drops its pause', () => {
    const idle = ok(verbs.releaseWindow(ctx(openStatus('w1', 'clerk1')), 'admin', 'seg'));
    expect(idle).toMatchObject({ isReleased: true, clerk: 'clerk1', changed: [], created: [] });
    expect(idle.status).toEqual({ windowId: 'w1', state: 'closed', since: T0, isAutoCall: false });
    const paused: WindowStatus = { ...openStatus('w1', 'clerk2'), state: 'paused', pauseReason: 'break', pauseNote: '午饭', isAutoCall: true };
    const fromPause = ok(verbs.releaseWindow(ctx(paused, undefined, T0 + MIN), 'manager', 'seg'));
    expect(fromPause.status).toEqual({ windowId: 'w1', state: 'closed', since: T0 + MIN, isAutoCall: true });
    expect(fromPause.clerk).toBe('clerk2');
  });

  it('changes nothing on a window that is already closed', () => {
    const closed: WindowStatus = { windowId: 'w1', state: 'closed', since: 5, isAutoCall: false };
    expect(ok(verbs.releaseWindow(ctx(closed), 'manager', 'seg'))).toEqual({ status: closed, changed: [], created: [], isReleased: false });
  });

  it('after a release the window opens for another clerk', () => {
    const { status, current } = servingAtW1();
    const released = ok(verbs.releaseWindow(ctx(status, current), 'manager', 'seg'));
    expect(verbs.openWindow(ctx(status), 'clerk4')).toMatchObject({ ok: false, code: 'window-taken' });
    expect(ok(verbs.openWindow(ctx(released.status), 'clerk4')).status).toMatchObject({ state: 'open', staffId: 'clerk4' });
  });
});

describe('closing windows for a new day', () => {
  const day = '2026-11-28';
  const midnight = Date.parse('2026-11-27T16:00:00Z');

  it('closes open, paused and serving windows with no clerk', () => {
    const expected = { windowId: 'w1', state: 'closed', since: midnight, isAutoCall: false };
    expect(verbs.closeForNewDay(openStatus('w1', 'clerk1'), undefined, day, midnight)).toEqual(expected);
    expect(verbs.closeForNewDay({ ...openStatus('w1', 'clerk1'), state: 'paused', pauseReason: 'meeting' }, undefined, day, midnight)).toEqual(expected);
    // Yesterday's visitor (already closed 'day-closed' by the rollover) no longer holds the window.
    const yesterday = ticket({ day: '2026-11-27', status: 'cancelled', closeReason: 'day-closed' });
    expect(verbs.closeForNewDay({ ...openStatus('w1', 'clerk1'), state: 'serving', currentTicketId: yesterday.id }, yesterday, day, midnight)).toEqual(expected);
  });

  it('leaves closed windows, and a window serving a visitor of the new day, alone', () => {
    expect(verbs.closeForNewDay({ windowId: 'w1', state: 'closed', since: 1, isAutoCall: false }, undefined, day, midnight)).toBeUndefined();
    const today = ticket({ day, status: 'called' });
    expect(verbs.closeForNewDay({ ...openStatus('w1', 'clerk1'), state: 'serving', currentTicketId: today.id }, today, day, midnight)).toBeUndefined();
  });
});
