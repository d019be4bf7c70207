/**
 * Staff pages get the facts of one commit in one `hub:events` message (docs/architecture.md): fewer frames
 * when many windows act at once, and never a fact lost, repeated or out of order across messages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AckResult, StaffEvent, WindowCommandReply } from '../../server/protocol/events';
import { api, connectSocket, emitAck, issue, openWindow, startTestHub, until, type TestHub, type TestSocket } from '../support/hub';

/** What a window command answers over socket.io. */
type CommandAck = AckResult<WindowCommandReply | null>;

let hub: TestHub;
const sockets: TestSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub?.dispose();
});


describe('staff messages', () => {
  it('carry one commit per message, and every fact once and in order across many windows calling at once', async () => {
    hub = await startTestHub();
    const clerks = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w, i) => openWindow(hub, `clerk${i + 1}`, w)));
    const watcher = connectSocket(hub, clerks[0]);
    sockets.push(watcher);
    const messages: StaffEvent[][] = [];
    watcher.on('hub:events', (events) => messages.push(events));
    await emitAck(watcher, 'hall:sync', {});
    // Every service gets visitors, so each window has someone to call whatever it serves.
    const services = (await api(hub, 'GET', '/api/services')).body as Array<{ id: string }>;
    for (const service of services) for (let i = 0; i < 2; i++) await issue(hub, service.id);

    // One call-next is one commit with two facts: the call and the window's new state.
    const first = connectSocket(hub, clerks[0]);
    sockets.push(first);
    const ack = await emitAck<CommandAck>(first, 'window:command', { windowId: 'w1', verb: 'call-next', body: {} });
    expect(ack.ok).toBe(true);
    await until(() => messages.some((m) => m.some((e) => e.type === 'ticket:called')), 'the first call');
    const callMessage = messages.find((m) => m.some((e) => e.type === 'ticket:called')) ?? [];
    expect(callMessage.map((e) => e.type)).toEqual(['ticket:called', 'window:updated']);

    // Four windows calling at the same moment: whatever the batching, each fact arrives exactly once, in order.
    const before = messages.flat().length;
    const windows = await Promise.all(clerks.map(async (token) => {
      const socket = connectSocket(hub, token);
      sockets.push(socket);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      return socket;
    }));
    const acks = await Promise.all(
      windows.map((s, i) => emitAck<CommandAck>(s, 'window:command', { windowId: `w${i + 1}`, verb: i === 0 ? 'finish' : 'call-next', body: {} })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    // Three calls (a call and a window state each) and one finish (the ticket and the window state).
    await until(() => messages.flat().length - before >= 8, 'eight facts');
    await new Promise((r) => setTimeout(r, 100));
    const facts = messages.flat();
    const counts = (type: string): number => facts.slice(before).filter((e) => e.type === type).length;
    expect([facts.length - before, counts('ticket:called'), counts('ticket:updated'), counts('window:updated')]).toEqual([8, 3, 1, 4]);
    const seqs = facts.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => (seqs[0] ?? 0) + i));
  });
});
