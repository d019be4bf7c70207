/** The kiosk's 一次性告知 step (kiosk-ui/state.ts): shown before printing, 返回 keeps the person, the idle clock counts. */
import { describe, expect, it } from 'vitest';
import { initialState, reduce, type KioskState } from '../../kiosk-ui/state';
import { DEFAULT_TIMINGS, idleLimitMs, isVisitorChange } from '../../kiosk-ui/idle';

describe('kiosk guide step', () => {
  it('shows the guide for a service and an appointment, and 返回 goes home with the person still held', () => {
    const held: KioskState = { ...initialState, identity: { kind: 'typed', idNumber: '110101195001011234' } };
    const shown = reduce(held, { type: 'show-guide', serviceId: 'D', appointmentCode: 'AP1' });
    expect(shown.screen).toEqual({ name: 'guide', serviceId: 'D', appointmentCode: 'AP1' });
    expect(isVisitorChange(held, shown)).toBe(true);
    expect(idleLimitMs(shown, DEFAULT_TIMINGS)).toBe(DEFAULT_TIMINGS.idleMs);
    const back = reduce(shown, { type: 'guide-back' });
    expect(back.screen).toEqual({ name: 'home' });
    expect(back.identity).toEqual(held.identity);
    // Only from the guide: elsewhere it changes nothing.
    const issuing = reduce(shown, { type: 'issuing' });
    expect(reduce(issuing, { type: 'guide-back' })).toBe(issuing);
  });
});
