/** The kiosk starts in the hall's language; a visitor's switch lasts until their ticket, not for the next visitor. */
import { describe, expect, it } from 'vitest';
import { initialState, reduce } from '../../kiosk-ui/state';
import type { KioskConfig } from '../../server/protocol/kiosk';
import type { IssuedTicket } from '../../server/protocol/http';

const config = (language: KioskConfig['language']): KioskConfig => ({ hallName: 'Hall', language, timeZone: 'Asia/Shanghai', isDemo: false, greenChannelAge: 70, perPersonDailyLimit: 3 });
const ticket = { number: 'A001' } as IssuedTicket;

describe('kiosk language', () => {
  it('starts in the language the hall configures', () => {
    expect(reduce(initialState, { type: 'config', config: config('en') }).language).toBe('en');
    expect(reduce(initialState, { type: 'config', config: config('zh-CN') }).language).toBe('zh-CN');
  });

  it('keeps the visitor’s switch through their visit and returns to the hall’s language for the next one', () => {
    let state = reduce(initialState, { type: 'config', config: config('zh-CN') });
    state = reduce(state, { type: 'toggle-language' });
    expect(state.language).toBe('en');
    state = reduce(state, { type: 'open-appointment-keypad' });
    state = reduce(state, { type: 'home' });
    expect(state.language).toBe('en');
    state = reduce(state, { type: 'issued', ticket });
    state = reduce(state, { type: 'home' });
    expect(state.language).toBe('zh-CN');
    state = reduce(reduce(state, { type: 'toggle-language' }), { type: 'failed', code: 'other' });
    expect(reduce(state, { type: 'home' }).language).toBe('zh-CN');
  });
});
