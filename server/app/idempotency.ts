/**
 * Exactly-once for retried actions: the reply to a keyed request is stored in the SAME transaction as
 * the change it made, so a retry after a lost answer (or a double press) gets that reply back and
 * changes nothing — even across a hub crash between commit and answer.
 */
import { createHash } from 'node:crypto';
import type { HubCore, Tx } from './core';
import type { Actor } from './actor';
import { HubError } from './errors';

const KEEP_REPLIES_MS = 24 * 3600_000;

export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request ?? null)).digest('hex');
}

/**
 * Runs `work` in one transaction unless `key` was already answered in `scope`.
 * The scope names the actor and action, so two kiosks cannot collide on a key.
 */
export function commitOnce<T>(core: HubCore, actor: Actor, scope: string, key: string | undefined, request: unknown, work: (tx: Tx) => T): T {
  if (key === undefined) return core.commit(actor, work);
  return core.commit(actor, answerOnce(core, scope, key, requestHash(request), work));
}

/**
 * `commitOnce` through the group commit (`HubCore.commitBatched`). Two retries with the same key in one
 * batch still make one change: the second's look, inside the transaction, sees the first's reply.
 */
export function commitOnceBatched<T>(core: HubCore, actor: Actor, scope: string, key: string | undefined, request: unknown, work: (tx: Tx) => T): Promise<T> {
  if (key === undefined) return core.commitBatched(actor, work);
  return core.commitBatched(actor, answerOnce(core, scope, key, requestHash(request), work));
}

function answerOnce<T>(core: HubCore, scope: string, key: string, hash: string, work: (tx: Tx) => T): (tx: Tx) => T {
  return (tx) => {
    // The look happens inside the transaction only: the single writer makes it authoritative, and a retry is
    // too rare to deserve a second query on every request before it.
    const raced = core.auth.findReply(scope, key);
    if (raced) return replay<T>(raced, hash);
    const result = work(tx);
    core.auth.saveReply(scope, key, { requestHash: hash, status: 200, response: result ?? null }, tx.now);
    return result;
  };
}

function replay<T>(earlier: { requestHash: string; response: unknown }, hash: string): T {
  if (earlier.requestHash !== hash) {
    throw new HubError('idempotency-conflict', 'This idempotency key was already used for a different request. Use a new key for a new action.');
  }
  // null stays null: call-next that found nobody waiting answered null (HTTP 204), and so must its retry.
  return earlier.response as T;
}

export function purgeOldReplies(core: HubCore): void {
  core.auth.purgeReplies(core.now() - KEEP_REPLIES_MS);
}
