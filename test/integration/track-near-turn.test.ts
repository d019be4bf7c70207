/**
 * 「快轮到您了」 on the phone (TrackView.isNearTurn) while no open window served the service: the first
 * visitors of the morning, or the front of the line over lunch, were told 「下一位就是您」 and their phone
 * vibrated, though nobody could call them for an hour; the page alerts once, so when the windows opened
 * again it stayed silent. The hub now says near only while a window is open for the service.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, issue, login, startTestHub, TestClock, type TestHub } from '../support/hub';
import type { TrackView } from '../../server/protocol/model';

describe('the phone’s near-turn notice follows the open windows', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub({ clock: new TestClock() });
  });
  afterEach(() => hub.dispose());

  const track = async (token: string): Promise<TrackView> => {
    const answer = await api<TrackView>(hub, 'GET', `/api/track/${token}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('is not near before a window opens nor while the only window is paused, and is near while it serves', async () => {
    const ticket = await issue(hub, 'D'); // only window 4 serves D
    expect(await track(ticket.trackToken)).toMatchObject({ status: 'waiting', waitingAhead: 0, isUnstaffed: true, isNearTurn: false });

    const clerk = await login(hub, 'clerk4');
    expect((await api(hub, 'POST', '/api/windows/w4/open', { token: clerk, body: {} })).status).toBe(200);
    expect(await track(ticket.trackToken)).toMatchObject({ status: 'waiting', isUnstaffed: false, isNearTurn: true });

    expect((await api(hub, 'POST', '/api/windows/w4/pause', { token: clerk, body: { reason: 'break' } })).status).toBe(200);
    expect(await track(ticket.trackToken)).toMatchObject({ status: 'waiting', isUnstaffed: true, isNearTurn: false });
  });
});
