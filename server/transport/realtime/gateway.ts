/**
 * socket.io gateway: authenticates the handshake, puts each client in its room, turns commands into hub
 * calls and committed facts into emits. No rules here.
 *
 * Ordering guarantee: `hall:sync` computes the replay (or snapshot) and joins the client to its room in
 * the same synchronous step. The hub commits synchronously too, so no fact can fall between the two:
 * the client gets every fact exactly once, in sequence order.
 */
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { Server as HttpServer } from 'node:http';
import { Type } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';
import type { Hub } from '../../app/hub';
import type { Actor } from '../../app/actor';
import { errorBodyOf, HubError } from '../../app/errors';
import { HandshakeAuth, PROTOCOL_VERSION, type AckResult, type ClientToServerEvents, type ServerToClientEvents } from '../../protocol/events';
import { IssueTicketBody, RatingBody, WindowVerbBodies, WINDOW_VERBS, type WindowVerb } from '../../protocol/http';
import { toPublicEvent } from '../../app/projections';
import { takeTicket, type IssueHooks } from '../../app/issue-flow';
import { check } from './check';
import { WindowBudget } from './rate-limit';
import { actorLabel, isStaff as isStaffRole } from '../../app/actor';
import { asStorageRefusal } from '../../app/storage-health';
import { endSocketsOf, liveActor, type SocketIdentity } from './session-guard';
import { TerminalFault, TerminalHello } from '../../protocol/terminals';

type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketIdentity>;

const SyncRequest = Type.Object({ lastSeq: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false });
const WindowCommand = Type.Object(
  {
    windowId: Type.String({ minLength: 1, maxLength: 64 }),
    verb: Type.Union(WINDOW_VERBS.map((v) => Type.Literal(v))),
    body: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: false },
);
const RateRequest = Type.Composite([Type.Object({ trackToken: Type.String({ minLength: 8, maxLength: 64 }) }), RatingBody], { additionalProperties: false });

export interface RealtimeOptions {
  readonly hooks: IssueHooks;
  readonly publicUrl: (requestHost: string | undefined) => string;
  /** Connection bounds (socket-limits.ts): a per-address cap on handshakes and how long one may take. */
  readonly engine?: Pick<Partial<ServerOptions>, 'allowRequest' | 'connectTimeout'>;
}

export function attachRealtime(
  httpServer: HttpServer,
  hub: Hub,
  log: FastifyBaseLogger,
  options: RealtimeOptions = { hooks: {}, publicUrl: (host) => (host ? `http://${host}` : 'http://localhost') },
): Server<ClientToServerEvents, ServerToClientEvents> {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketIdentity>(httpServer, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    ...options.engine,
  });

  io.use((socket, next) => {
    try {
      const offered = (socket.handshake.auth as { protocol?: unknown } | undefined)?.protocol;
      if (offered !== PROTOCOL_VERSION) {
        // A page cached from another release: it must reload to get the hub's own pages.
        throw new HubError('protocol-outdated', `This page was built for protocol ${String(offered ?? 'none')}, the hub speaks ${PROTOCOL_VERSION}: reload the page.`);
      }
      const auth = check(HandshakeAuth, socket.handshake.auth, 'handshake');
      const { actor, sessionId } = hub.authenticateSession(auth.token !== undefined && auth.token.length > 0 ? auth.token : undefined);
      socket.data.actor = actor;
      socket.data.sessionId = sessionId;
      next();
    } catch (error) {
      const hubError = error instanceof HubError ? error : new HubError('unauthenticated', 'Could not authenticate.');
      const refusal = new Error(hubError.message) as Error & { data: unknown };
      refusal.data = { error: hubError.code, message: hubError.message };
      next(refusal);
    }
  });

  hub.bus.on('facts', (events) => {
    io.to('staff').emit('hub:events', [...events]);
    const projected = events.flatMap((event) => toPublicEvent(event) ?? []);
    if (projected.length > 0) io.to('public').emit('hub:public-events', projected);
  });
  hub.bus.on('queues', (payload) => io.to(['staff', 'public']).emit('queues:updated', payload));
  hub.bus.on('devices', (devices) => io.to('staff').emit('devices:updated', devices));
  hub.bus.on('session:ended', (ended) => endSocketsOf(io, ended));
  // Terminal health (app/terminals.ts): the list to managers only, a reload request to that terminal's sockets only.
  hub.bus.on('terminals', (terminals) => io.to('managers').emit('terminals:updated', terminals));
  hub.bus.on('terminal:reload', (request) => io.to(terminalRoom(request.terminalId)).emit('terminal:reload', request));
  hub.bus.on('backup:written', (file) => io.to('managers').emit('backup:written', file));

  // Per kiosk (or staff account) for issuing, per client address for phone ratings: as over HTTP.
  // Monotonic: with wall time, a clock step back kept every window open and refused kiosks for an hour.
  const now = (): number => hub.ports.time.elapsed();
  const issueBudget = new WindowBudget(hub.policy.ticketsPerMinutePerKiosk, 60_000, now);
  const rateBudget = new WindowBudget(10, 60_000, now);
  // A display needs no credential to say hello: per address, a page reconnecting now and then, not a flood of ids.
  const helloBudget = new WindowBudget(30, 60_000, now);
  // A page's own faults change now and then; without a bound one public socket could toggle one in a loop, each a write and a broadcast.
  const faultBudget = new WindowBudget(30, 60_000, now);

  io.on('connection', (socket: HallSocket) => {
    const isStaff = socket.data.actor.kind === 'staff';
    const isManager = isStaffRole(socket.data.actor, 'manager', 'admin');
    // Re-checked on every command: the session may have ended since the handshake (session-guard.ts).
    const live = (): Actor => liveActor(hub, socket);

    socket.on('hall:sync', (request, ack) =>
      answer(ack, log, () => {
        live();
        const { lastSeq } = check(SyncRequest, request ?? {}, 'sync request');
        const reply = isStaff ? hub.staffSync(lastSeq) : hub.publicSync(lastSeq);
        void socket.join(isStaff ? 'staff' : 'public');
        if (isManager) void socket.join('managers');
        return reply;
      }),
    );

    socket.on('ticket:issue', (request, ack) =>
      answerLater(ack, log, async () => {
        const actor = live();
        const body = check(IssueTicketBody, request, 'ticket request');
        issueBudget.take(actor.kind === 'public' ? `ip:${socket.handshake.address}` : actorLabel(actor));
        return takeTicket(hub, options.hooks, actor, body, { trackBase: options.publicUrl(socket.handshake.headers.host) });
      }),
    );

    socket.on('window:command', (request, ack) =>
      answerLater(ack, log, async () => {
        const actor = live();
        const command = check(WindowCommand, request, 'window command');
        const verb = command.verb as WindowVerb;
        const body = check(WindowVerbBodies[verb], command.body ?? {}, `${verb} body`);
        return hub.windowCommandBatched(actor, command.windowId, verb, body);
      }),
    );

    socket.on('terminal:hello', (request, ack) =>
      answer(ack, log, () => {
        const actor = live();
        const hello = check(TerminalHello, request, 'terminal hello');
        helloBudget.take(socket.handshake.address);
        const reply = hub.terminals.hello(socket.id, actor, hello);
        // One terminal per socket: a page that says hello as another terminal leaves the old one's room.
        for (const room of socket.rooms) if (room.startsWith('terminal:') && room !== terminalRoom(reply.terminalId)) void socket.leave(room);
        void socket.join(terminalRoom(reply.terminalId));
        return reply;
      }),
    );

    socket.on('terminal:fault', (request, ack) =>
      answer(ack, log, () => {
        live();
        const fault = check(TerminalFault, request, 'terminal fault');
        faultBudget.take(socket.handshake.address);
        hub.terminals.fault(socket.id, fault);
        return null;
      }),
    );

    // The socket is the terminal's presence: socket.io's ping closes a dead one within pingInterval + pingTimeout.
    // Closed by the page itself or by the hub ending its session (a clerk signing out): gone on purpose, no alarm.
    socket.on('disconnect', (reason) => hub.terminals.left(socket.id, reason === 'client namespace disconnect' || reason === 'server namespace disconnect'));

    socket.on('ticket:rate', (request, ack) =>
      answer(ack, log, () => {
        live();
        const { trackToken, ...body } = check(RateRequest, request, 'rating');
        rateBudget.take(socket.handshake.address);
        return hub.rateByTrackToken(trackToken, body);
      }),
    );
  });

  return io;
}

const terminalRoom = (terminalId: string): string => `terminal:${terminalId}`;

/** `answer` for a command that completes later (group commit): acks once the change is durable. */
function answerLater<T>(ack: unknown, log: FastifyBaseLogger, work: () => Promise<T>): void {
  work().then(
    (value) => answer(ack, log, () => value),
    (error: unknown) =>
      answer(ack, log, () => {
        throw error;
      }),
  );
}

/** Runs a command and acks `{ ok, data }` or `{ ok: false, error }`; a client without an ack callback gets nothing. */
function answer<T>(ack: unknown, log: FastifyBaseLogger, work: () => T): void {
  let result: AckResult<T>;
  try {
    result = { ok: true, data: work() };
  } catch (thrown) {
    const error = thrown instanceof HubError ? thrown : (asStorageRefusal(thrown) ?? thrown);
    if (error instanceof HubError) {
      result = { ok: false, error: errorBodyOf(error) };
    } else {
      log.error({ err: error }, 'socket command failed');
      result = { ok: false, error: { error: 'internal', message: 'Something went wrong in the hub. The action was not completed; please try again.' } };
    }
  }
  if (typeof ack === 'function') ack(result);
}
