/** The hub's two decisions for the visitor's phone (server/domain/visitor-notice.ts). */
import { describe, expect, it } from 'vitest';
import { isNearTurn, noShowUndoMinutesLeft } from '../../server/domain/visitor-notice';

describe('visitor notice', () => {
  it('says the turn is near at N people ahead or fewer, only while waiting', () => {
    expect(isNearTurn({ status: 'waiting' }, 4, 3)).toBe(false);
    expect(isNearTurn({ status: 'waiting' }, 3, 3)).toBe(true);
    expect(isNearTurn({ status: 'waiting' }, 0, 0)).toBe(true);
    // Set aside (挂起): not in line, whatever the count says.
    expect(isNearTurn({ status: 'parked' }, 0, 3)).toBe(false);
    expect(isNearTurn({ status: 'called' }, 0, 3)).toBe(false);
    // No open window serves it (before opening, lunch): nobody is about to call, whatever the count.
    expect(isNearTurn({ status: 'waiting' }, 0, 3, true)).toBe(false);
  });

  it('gives the minutes left to undo a 过号, rounded up, and nothing once it is over or not allowed', () => {
    const at = 1_000_000;
    const noShow = { status: 'no-show' as const, finishedAt: at };
    expect(noShowUndoMinutesLeft(noShow, 2, at)).toBe(2);
    expect(noShowUndoMinutesLeft(noShow, 2, at + 61_000)).toBe(1);
    expect(noShowUndoMinutesLeft(noShow, 2, at + 120_000)).toBeUndefined();
    expect(noShowUndoMinutesLeft(noShow, 0, at)).toBeUndefined();
    expect(noShowUndoMinutesLeft({ status: 'done', finishedAt: at }, 2, at)).toBeUndefined();
  });
});
