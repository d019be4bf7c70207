/**
 * Clients and devices (issue #7): the browsers' own HubClient (server/protocol/client/hub-client.ts), staff
 * and public, through a network cut and a hub restart on the same address. Each reconnects by itself and
 * resyncs: staff see every fact exactly once and in order, public clients end at the hub's sequence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../server/compose';
import { HubClient } from '../../ui-client/hub-client';
import type { PublicEvent, StaffEvent } from '../../server/protocol/events';
import { freePort } from '../crash/hub-process';
import { api, issue, login, openWindow, testConfig, until } from '../support/hub';

const dataDir = mkdtempSync(join(tmpdir(), 'hallq-reconnect-'));
const clients: Array<HubClient<'staff'> | HubClient<'public'>> = [];
afterAll(() => {
  for (const c of clients) c.close();
  rmSync(dataDir, { recursive: true, force: true });
});


describe('reconnect and resync', () => {
  it('staff and public clients survive a network cut and a hub restart without missing or repeating a fact', async () => {
    const port = await freePort();
    const config = testConfig();
    const start = (): Promise<RunningHub> => startHub({ config, dataDir, host: '127.0.0.1', port });
    let hub = await start();
    const token = await login(hub, 'clerk1');

    const staffSeqs: number[] = [];
    let staffSnapshotSeq = -1;
    const staff = new HubClient('staff', { snapshot: (s) => (staffSnapshotSeq = s.seq), event: (e: StaffEvent) => staffSeqs.push(e.seq) }, { url: hub.url, token });
    const publicSeqs: number[] = [];
    const display = new HubClient('public', { event: (e: PublicEvent) => publicSeqs.push(e.seq) }, { url: hub.url });
    clients.push(staff, display);
    await until(() => staff.seq !== undefined && display.seq !== undefined, 'first sync');

    await issue(hub, 'A');
    await until(() => staff.seq === hub.hub.ports.read.hall.lastSeq(), 'live facts');

    // Network cut: the transport drops; facts committed meanwhile arrive by replay on reconnect.
    staff.socket.io.engine.close();
    display.socket.io.engine.close();
    for (let i = 0; i < 3; i++) hub.hub.issueTicket({ kind: 'kiosk', kioskId: 'kiosk1' }, { serviceId: 'B' });
    await until(() => staff.seq === hub.hub.ports.read.hall.lastSeq(), 'replay after the cut');

    // Hub restart on the same address and data: clients come back by themselves.
    await hub.close();
    hub = await start();
    for (let i = 0; i < 3; i++) await issue(hub, 'C');
    // End on public facts (a call and its window), which is what a display's sequence follows.
    await openWindow(hub, 'clerk2', 'w3');
    expect((await api(hub, 'POST', '/api/windows/w3/call-next', { token: await login(hub, 'clerk2'), body: {} })).status).toBe(200);
    const head = hub.hub.ports.read.hall.lastSeq();
    await until(() => staff.seq === head && display.seq === head, 'resync after the restart');

    // Every staff fact after the first snapshot, once each, in order, with no gap.
    const expected = Array.from({ length: head - staffSnapshotSeq }, (_, i) => staffSnapshotSeq + 1 + i);
    expect(staffSeqs).toEqual(expected);
    expect(new Set(publicSeqs).size).toBe(publicSeqs.length);
    expect([...publicSeqs].sort((a, b) => a - b)).toEqual(publicSeqs);
    await hub.close();
  }, 60_000);
});
