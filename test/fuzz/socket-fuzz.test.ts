/**
 * socket.io fuzz (issue #7): public, kiosk and clerk sockets send thousands of malformed and wrong-typed
 * commands, unknown events, missing acks and oversized frames. Every command with an ack is refused with a
 * 4xx code from the vocabulary (never 'internal'), the hub stays up for everyone else, and the hall is
 * unchanged. Payloads are built invalid (an unknown field every schema forbids, or not an object at all).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../server/protocol/errors';
import { WINDOW_VERBS } from '../../server/protocol/http';
import type { AckResult } from '../../server/protocol/events';
import { connectSocket, emitAck, issue, KIOSK_TOKEN, openWindow, startTestHub, type TestHub, type TestSocket } from '../support/hub';
import { stateOf } from './state';

const EVENTS = Number(process.env.HALLQ_FUZZ_EVENTS ?? 2000);
const SEED = Number(process.env.HALLQ_FUZZ_SEED ?? 7);

let hub: TestHub;
const sockets: Record<string, TestSocket> = {};

beforeAll(async () => {
  hub = await startTestHub();
  const clerk = await openWindow(hub, 'clerk1', 'w1');
  await issue(hub, 'A');
  await issue(hub, 'B');
  for (const [name, token] of [['public', undefined], ['kiosk', KIOSK_TOKEN], ['clerk', clerk]] as const) {
    sockets[name] = connectSocket(hub, token);
    await new Promise<void>((resolve) => sockets[name]?.on('connect', resolve));
  }
});
afterAll(async () => {
  for (const s of Object.values(sockets)) s.disconnect();
  await hub.dispose();
});

const notAnObject = fc.anything().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v));
const withForbiddenField = fc.record({
  serviceId: fc.oneof(fc.constant('A'), fc.anything()),
  windowId: fc.oneof(fc.constant('w1'), fc.anything()),
  verb: fc.oneof(fc.constantFrom(...WINDOW_VERBS), fc.string()),
  body: fc.oneof(fc.constant({}), fc.anything()),
  trackToken: fc.oneof(fc.string({ minLength: 8, maxLength: 12 }), fc.anything()),
  score: fc.anything(),
  forbidden: fc.anything(),
}, { requiredKeys: ['forbidden'] }).map(({ forbidden, ...rest }) => ({ ...rest, [`x-${String(typeof forbidden)}`]: forbidden ?? 0 }));
/** A well-formed window command whose verb body carries a field no verb accepts. */
const badVerbBody = fc.record({ windowId: fc.constantFrom('w1', 'w2', 'nope'), verb: fc.constantFrom(...WINDOW_VERBS), junk: fc.anything() }).map(({ windowId, verb, junk }) => ({ windowId, verb, body: { junk: junk ?? 1 } }));

const event = fc.record({
  socket: fc.constantFrom('public', 'kiosk', 'clerk'),
  name: fc.constantFrom('ticket:issue', 'window:command', 'ticket:rate', 'hall:sync', 'nonsense', '__proto__', 'hub:events', 'toString'),
  payload: fc.oneof(notAnObject, withForbiddenField, badVerbBody),
  withAck: fc.boolean(),
});

describe(`socket fuzz (seed ${SEED})`, () => {
  it(`refuses ${EVENTS} malformed commands with 4xx codes and changes nothing`, async () => {
    const before = await stateOf(hub);
    const codes = new Map<string, number>();
    const samples = fc.sample(event, { numRuns: EVENTS, seed: SEED });
    for (let i = 0; i < samples.length; i += 50) {
      await Promise.all(
        samples.slice(i, i + 50).map(async (e) => {
          const socket = sockets[e.socket] as TestSocket;
          const isCommand = ['ticket:issue', 'window:command', 'ticket:rate', 'hall:sync'].includes(e.name);
          if (!e.withAck || !isCommand) {
            (socket.emit as (name: string, ...args: unknown[]) => void)(e.name, e.payload);
            return;
          }
          const result = await Promise.race([
            emitAck<AckResult<unknown>>(socket, e.name as 'ticket:issue', e.payload),
            new Promise<'silent'>((resolve) => setTimeout(() => resolve('silent'), 5000)),
          ]);
          const what = `${e.name} from ${e.socket}: ${JSON.stringify(e.payload)?.slice(0, 120)} → ${JSON.stringify(result).slice(0, 200)}`;
          expect(result, what).not.toBe('silent');
          if (result === 'silent') return;
          // A sync changes nothing whatever it carries, so it may succeed; every other command must be refused.
          if (e.name === 'hall:sync' && result.ok) return;
          expect(result.ok, what).toBe(false);
          if (result.ok) return;
          codes.set(result.error.error, (codes.get(result.error.error) ?? 0) + 1);
          const status = ERROR_STATUS[result.error.error];
          expect(status >= 400 && status < 500, what).toBe(true);
          expect(result.error.message.length, what).toBeGreaterThan(0);
        }),
      );
    }
    // Oversized frames: the socket is dropped, nobody else is affected.
    const big = connectSocket(hub);
    await new Promise<void>((resolve) => big.on('connect', resolve));
    const dropped = new Promise<void>((resolve) => big.on('disconnect', () => resolve()));
    big.emit('ticket:issue', { serviceId: 'A', pad: 'x'.repeat(200 * 1024) } as never, () => undefined);
    await dropped;
    for (const s of Object.values(sockets)) expect(s.connected).toBe(true);
    const sync = await emitAck<AckResult<unknown>>(sockets.public as TestSocket, 'hall:sync', {});
    expect(sync.ok).toBe(true);
    expect(await stateOf(hub)).toEqual(before);
    process.stdout.write(`socket fuzz (seed ${SEED}): ${samples.length} events, refusals ${JSON.stringify(Object.fromEntries(codes))}\n`);
  }, 180_000);
});
