/**
 * A staff socket lives only as long as its session (issue 21: the actor used to be captured once at the
 * handshake, so a signed-out, disabled or reset clerk kept calling and kept receiving staff events). The
 * app decides when a session ended (server/app/sessions.ts); this file only translates: `session:ended`
 * on the bus becomes the reason event and a disconnect, and every command re-checks first.
 */
import type { Server, Socket } from 'socket.io';
import type { Hub } from '../../app/hub';
import type { Actor } from '../../app/actor';
import type { SessionsEnded } from '../../app/bus';
import { HubError } from '../../app/errors';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';
import { SESSION_END_MESSAGES, type SessionEndReason } from '../../protocol/sessions';

/** What a socket keeps from its handshake: who, and which staff session (token hash) to re-check. */
export interface SocketIdentity {
  actor: Actor;
  sessionId?: string;
}

type IdentifiedSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketIdentity>;

/** Says why, then disconnects (the reason packet is flushed before the close) so the page goes to sign-in. */
export function endSocket(socket: IdentifiedSocket, reason: SessionEndReason): void {
  if (!socket.connected) return;
  socket.emit('session:ended', { reason, message: SESSION_END_MESSAGES[reason] });
  socket.disconnect(true);
}

export function endSocketsOf(io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketIdentity>, ended: SessionsEnded): void {
  const ids = new Set(ended.sessionIds ?? []);
  for (const socket of io.of('/').sockets.values()) {
    const { actor, sessionId } = socket.data;
    const isEnded = (sessionId !== undefined && ids.has(sessionId)) || (ended.username !== undefined && actor.kind === 'staff' && actor.username === ended.username);
    if (isEnded) endSocket(socket, ended.reason);
  }
}

/**
 * The actor for a command now: a staff socket's session is checked again (a disconnect can race a command
 * already on the wire). A dead session refuses the command with `session-ended`; the socket is ended right
 * after the refusal's ack has gone out.
 */
export function liveActor(hub: Hub, socket: IdentifiedSocket): Actor {
  const { actor, sessionId } = socket.data;
  if (actor.kind !== 'staff' || sessionId === undefined) return actor;
  const live = hub.recheckSession(sessionId, actor);
  if (live.ok) return live.actor;
  setImmediate(() => endSocket(socket, live.reason));
  throw new HubError('session-ended', SESSION_END_MESSAGES[live.reason]);
}
