/** The manager console's reducer (manager-ui/state.ts): which alerts and follow-ups its lists hold as facts arrive. */
import { describe, expect, it } from 'vitest';
import { emptyState, reduce, withAlerts, withFollowups } from '../../manager-ui/state';
import type { AlertView, FollowupView } from '../../server/protocol/manager-model';
import type { StaffEvent } from '../../server/protocol/events';

const alert = (over: Partial<AlertView> = {}): AlertView => ({ id: 'a1', kind: 'paper-out', subjectId: 'p', subject: 'kiosk1/p', since: 1, raisedAt: 1, ...over });
const followup = (over: Partial<FollowupView> = {}): FollowupView =>
  ({ id: 'f1', ratingId: 'r1', ticketId: 't1', number: 'A001', serviceId: 'A', windowId: 'w1', assignee: 'clerk1', score: 1, tags: [], ratedAt: 1, dueAt: 9, status: 'open', isOverdue: false, appealStatus: 'none', ...over }) as FollowupView;
const fact = (type: StaffEvent['type'], data: unknown, seq = 1): StaffEvent => ({ seq, at: 0, type, data }) as StaffEvent;

describe('manager console state', () => {
  // Issue 19: the clear of an alert acknowledged while it held put it back on the list as unacknowledged.
  it('keeps an acknowledged alert off the list when it clears; an unacknowledged one stays, marked cleared', () => {
    let state = withAlerts(emptyState(), [alert(), alert({ id: 'a2' })]);
    state = reduce(state, fact('alert:acknowledged', { alert: alert({ acknowledgedAt: 2, acknowledgedBy: 'manager' }) }));
    state = reduce(state, fact('alert:cleared', { alert: alert({ clearedAt: 3, acknowledgedAt: 2, acknowledgedBy: 'manager' }) }, 2));
    state = reduce(state, fact('alert:cleared', { alert: alert({ id: 'a2', clearedAt: 3 }) }, 3));
    expect([...state.alerts.keys()]).toEqual(['a2']);
    expect(state.alerts.get('a2')?.clearedAt).toBe(3);
  });

  it('drops a closed follow-up from the open list but keeps it in the closed and all lists', () => {
    const closed = followup({ status: 'closed', closedAt: 5, closedBy: 'manager' });
    const open = reduce(withFollowups(emptyState(), [followup()], 'open'), fact('followup:updated', { followup: closed }));
    expect(open.followups.size).toBe(0);
    const history = reduce(withFollowups(emptyState(), [], 'closed'), fact('followup:updated', { followup: closed }));
    expect(history.followups.get('f1')?.closedBy).toBe('manager');
    const all = reduce(withFollowups(emptyState(), [followup()], 'recent'), fact('followup:updated', { followup: closed }));
    expect(all.followups.get('f1')?.status).toBe('closed');
    // A new open one does not enter the closed list.
    expect(reduce(history, fact('followup:updated', { followup: followup({ id: 'f2' }) }, 2)).followups.has('f2')).toBe(false);
  });
});
