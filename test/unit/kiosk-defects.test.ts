/**
 * The kiosk's smaller defects (issue 18, item 8): an unknown appointment code threw the typed code away; the
 * error screen after the hub came back stayed until 返回首页; a capped or closed service said only 「今天的号已
 * 取完」/「现在不办理」 with no next step (the hub now says when tickets can be taken again).
 */
import { describe, expect, it } from 'vitest';
import { initialState, reduce, type Action, type KioskState } from '../../kiosk-ui/state';
import { nextOpening } from '../../server/domain/next-opening';

const run = (state: KioskState, ...actions: Action[]): KioskState => actions.reduce(reduce, state);
const online = run(initialState, { type: 'connection', isOnline: true });

describe('the appointment keypad', () => {
  it('keeps the typed code, with the hub’s reason, when the hub does not know it', () => {
    const typed = run(online, { type: 'open-appointment-keypad' }, { type: 'key', key: 'R' }, { type: 'key', key: '1' }, { type: 'key', key: '9' });
    const refused = reduce(typed, { type: 'failed', code: 'unknown-appointment' });
    expect(refused.screen).toEqual({ name: 'appointment-keypad', code: 'R19', problem: 'unknown-appointment' });
    // Correcting one character clears the reason; the rest of the code stays.
    expect(run(refused, { type: 'delete' }, { type: 'key', key: '0' }).screen).toEqual({ name: 'appointment-keypad', code: 'R10' });
  });
});

describe('the error screen after the hub was unreachable', () => {
  it('returns to the start screen by itself when the hub-client reconnects, keeping the visitor’s choices', () => {
    const failed = run(online, { type: 'toggle-elderly' }, { type: 'issuing' }, { type: 'failed', code: 'unavailable' }, { type: 'connection', isOnline: false });
    expect(failed.screen).toEqual({ name: 'error', code: 'unavailable' });
    const back = reduce(failed, { type: 'connection', isOnline: true });
    expect(back.screen).toEqual({ name: 'home' });
    expect(back.isElderly).toBe(true);
  });

  it('stays for a refusal that the reconnect does not change (the visitor reads it, then taps)', () => {
    const refused = run(online, { type: 'issuing' }, { type: 'failed', code: 'person-limit-reached' }, { type: 'connection', isOnline: false }, { type: 'connection', isOnline: true });
    expect(refused.screen).toEqual({ name: 'error', code: 'person-limit-reached' });
  });
});

describe('when a service issues again (ServiceView.nextOpening)', () => {
  const hours = [{ from: '13:30', to: '17:00' }, { from: '09:00', to: '11:30' }];
  // A Wednesday with no holidays: the next working day is tomorrow (test/unit/next-opening.test.ts has the calendar).
  const calendar = { holidays: new Set<string>(), workdays: new Set<string>() };
  const at = (hhmm: string) => ({ day: '2026-12-02', minute: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), calendar });
  const today = { isToday: true, day: '2026-12-02', isTomorrow: false };
  const tomorrow = { isToday: false, day: '2026-12-03', isTomorrow: true };
  it('is later today at lunch, and the next working day after closing', () => {
    expect(nextOpening(hours, 'outside-hours', at('12:00'))).toEqual({ ...today, from: '13:30' });
    expect(nextOpening(hours, 'outside-hours', at('08:00'))).toEqual({ ...today, from: '09:00' });
    expect(nextOpening(hours, 'outside-hours', at('17:00'))).toEqual({ ...tomorrow, from: '09:00' });
  });
  it('is the next working day once the daily cap or the numbers are used up, even before the afternoon range', () => {
    expect(nextOpening(hours, 'daily-cap-reached', at('10:00'))).toEqual({ ...tomorrow, from: '09:00' });
    expect(nextOpening(hours, 'no-numbers-left', at('10:00'))).toEqual({ ...tomorrow, from: '09:00' });
    expect(nextOpening([], 'daily-cap-reached', at('10:00'))).toEqual(tomorrow);
    expect(nextOpening(hours, undefined, at('10:00'))).toBeUndefined();
  });
  it('is the next working day at lunch when the morning used up the cap (said as closed, but spent too)', () => {
    expect(nextOpening(hours, 'outside-hours', at('12:00'), true)).toEqual({ ...tomorrow, from: '09:00' });
  });
});
