/**
 * The window devices' pure rules (server/domain): which visit the keypad and the rating pad offer and for how
 * long, which visit a pad press rates, what a caller key asks of the hub, and what a strip says.
 */
import { describe, expect, it } from 'vitest';
import {
  keypadTimeoutSeconds, padSecondsLeft, padTicketFor, pendingRatingOf, pendingSince, PendingRatings, type PendingRating,
} from '../../server/domain/pending-ratings';
import { callerKeyCommand } from '../../server/domain/caller-keys';
import { calledText, idleText, PAUSED_TEXT, refusalText } from '../../server/domain/window-strip-text';
import { CALLER_KEYS } from '../../server/protocol/window-devices';

const T0 = Date.parse('2026-11-27T01:00:00Z');
const policy = { ratingTimeoutSeconds: 60 };
const visit = (ticketId: string, finishedAt: number, windowId = 'w1') => ({ ticketId, number: ticketId.toUpperCase(), windowId, finishedAt });

describe('pending ratings (一次一评)', () => {
  it("offers a finished visit until the hall's keypad rating time has passed, then forgets it", () => {
    const pending = new PendingRatings();
    const a = pendingRatingOf(visit('a1', T0), policy);
    expect(a.deadline).toBe(T0 + 60_000);
    pending.set(a);
    expect(pending.get('w1', T0 + 60_000)).toEqual(a);
    expect(pending.get('w1', T0 + 60_001)).toBeUndefined();
    // Forgotten for good, even if asked with an earlier time again.
    expect(pending.get('w1', T0)).toBeUndefined();
  });

  it('keeps the newer finish at a window, and clears a rated visit wherever it waits', () => {
    const pending = new PendingRatings();
    const newer = pendingRatingOf(visit('b2', T0 + 5_000), policy);
    pending.set(newer);
    pending.set(pendingRatingOf(visit('a1', T0), policy)); // an older finish arriving late (a restart's re-arm)
    expect(pending.get('w1', T0 + 6_000)?.ticketId).toBe('b2');
    pending.set(pendingRatingOf(visit('c3', T0, 'w2'), policy));
    expect(pending.clearTicket('c3')).toBe('w2');
    expect(pending.get('w2', T0)).toBeUndefined();
    expect(pending.clearTicket('c3')).toBeUndefined();
    expect(pending.get('w1', T0 + 6_000)).toEqual(newer);
  });

  it('re-arms after a restart only what finished within the rating time', () => {
    expect(pendingSince(T0, policy)).toBe(T0 - 60_000);
  });

  it('counts down in whole seconds: the pad rounds up to zero, the keypad rounds down to at least one', () => {
    const p: PendingRating = pendingRatingOf(visit('a1', T0), policy);
    expect(padSecondsLeft(p, T0)).toBe(60);
    expect(padSecondsLeft(p, T0 + 59_001)).toBe(1);
    expect(padSecondsLeft(p, T0 + 61_000)).toBe(0);
    expect(keypadTimeoutSeconds(p, T0 + 500)).toBe(59);
    expect(keypadTimeoutSeconds(p, T0 + 59_999)).toBe(1);
    expect(keypadTimeoutSeconds(p, T0 + 90_000)).toBe(1);
  });

  it('rates on the pad only the visit whose number the pad showed', () => {
    const p = pendingRatingOf(visit('a1', T0), policy);
    const last = { ticketId: 'z9', number: 'Z9' };
    expect(padTicketFor('A1', p, last)).toBe('a1');
    // A pad still showing another number rates nothing, not even the last finished visit.
    expect(padTicketFor('Z9', p, last)).toBeUndefined();
    // With nothing pending, a retry after a lost answer still names the last finished visit.
    expect(padTicketFor('Z9', undefined, last)).toBe('z9');
    expect(padTicketFor('A1', undefined, last)).toBeUndefined();
    expect(padTicketFor('A1', undefined, undefined)).toBeUndefined();
  });
});

describe('caller keys (呼叫器)', () => {
  it("run the clerk's verbs; pause toggles; transfer has no hub action", () => {
    expect(callerKeyCommand('call-next', 'open')).toEqual({ verb: 'call-next', body: {} });
    expect(callerKeyCommand('recall', 'serving')).toEqual({ verb: 'recall', body: {} });
    expect(callerKeyCommand('no-show', 'serving')).toEqual({ verb: 'no-show', body: {} });
    expect(callerKeyCommand('finish', 'serving')).toEqual({ verb: 'finish', body: {} });
    expect(callerKeyCommand('pause', 'open')).toEqual({ verb: 'pause', body: { reason: 'other' } });
    expect(callerKeyCommand('pause', 'paused')).toEqual({ verb: 'resume', body: {} });
    expect(callerKeyCommand('transfer', 'serving')).toBeUndefined();
    expect(CALLER_KEYS.filter((key) => callerKeyCommand(key, 'open') === undefined)).toEqual(['transfer']);
  });
});

describe('strip text (窗口屏)', () => {
  it('says what visitors know from the displays, and never a name', () => {
    expect(calledText('A012', 3)).toBe('A012 请到3号窗口');
    expect(idleText('open', 3)).toBe('3号窗口 欢迎您');
    expect(idleText('paused', 3)).toBe(PAUSED_TEXT);
    expect(idleText('closed', 3)).toBe('3号窗口 暂停办理');
    expect(idleText('serving', 3)).toBeUndefined();
  });

  it('flashes a fixed reason for each refusal', () => {
    expect(refusalText('nobody-waiting')).toBe('无人等候');
    expect(refusalText('window-closed')).toBe('窗口未开');
    expect(refusalText('no-hub-action')).toBe('请在窗口页操作');
    expect(refusalText('internal')).toBe('操作未执行');
  });
});
