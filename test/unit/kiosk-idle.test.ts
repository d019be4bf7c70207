/**
 * When the kiosk resets for the next visitor, with a made-up clock. It used to arm no timer on the start
 * screen: a typed ID, English and large text stayed there for ever, and the next visitor's ticket was issued
 * under the first visitor's ID.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMINGS, idleLimitMs, idleStatus, isCleanStart, isVisitorChange, parseKioskTimings } from '../../kiosk-ui/idle';
import { initialState, reduce, type Action, type KioskState } from '../../kiosk-ui/state';
import type { KioskConfig } from '../../server/protocol/kiosk';
import type { IssuedTicket } from '../../server/protocol/http';

const config: KioskConfig = { hallName: 'Hall', language: 'zh-CN', timeZone: 'Asia/Shanghai', isDemo: false, greenChannelAge: 70, perPersonDailyLimit: 3 };
const T = DEFAULT_TIMINGS;
const start = reduce(initialState, { type: 'config', config });
const ticket = (printed: boolean): IssuedTicket => ({ number: 'A001', serviceId: 'A', printed, ...(printed ? {} : { printProblem: 'paper-out' }) }) as IssuedTicket;

/** Applies actions as main.ts does, restarting the idle clock on every visitor change. */
class Kiosk {
  state: KioskState = start;
  lastTouchAt = 0;
  constructor(public now = 0) {}
  do(...actions: Action[]): this {
    for (const action of actions) {
      const before = this.state;
      this.state = reduce(this.state, action);
      if (isVisitorChange(before, this.state)) this.lastTouchAt = this.now;
    }
    return this;
  }
  touch(): this {
    this.lastTouchAt = this.now;
    return this;
  }
  /** Lets `ms` pass and resets the way main.ts's tick does when the clock runs out. */
  wait(ms: number): this {
    this.now += ms;
    if (idleStatus(this.state, this.lastTouchAt, this.now, T).kind === 'expired') this.do({ type: 'reset' });
    return this;
  }
  status() {
    return idleStatus(this.state, this.lastTouchAt, this.now, T);
  }
}

const typeId = (id: string): Action[] => [{ type: 'open-id-keypad' }, ...[...id].map((key): Action => ({ type: 'key', key })), { type: 'confirm-id' }];

describe('idle reset', () => {
  it('clears a typed person, English and large text from the start screen after 60 s without a touch', () => {
    const kiosk = new Kiosk(1_000_000).do(...typeId('110101195001010017'), { type: 'toggle-language' }, { type: 'toggle-elderly' });
    expect(kiosk.state).toMatchObject({ screen: { name: 'home' }, identity: { kind: 'typed' }, language: 'en', isElderly: true });
    kiosk.wait(49_000);
    expect(kiosk.status()).toEqual({ kind: 'counting', secondsLeft: 11, isWarning: false });
    kiosk.wait(1_000);
    expect(kiosk.status()).toEqual({ kind: 'counting', secondsLeft: 10, isWarning: true });
    kiosk.wait(9_999);
    expect(kiosk.state.identity).toBeDefined();
    kiosk.wait(1);
    expect(kiosk.state).toMatchObject({ screen: { name: 'home' }, language: 'zh-CN', isElderly: false });
    expect(kiosk.state.identity).toBeUndefined();
    expect(isCleanStart(kiosk.state)).toBe(true);
    expect(kiosk.status()).toEqual({ kind: 'none' });
  });

  it('a touch in the countdown starts the 60 s again', () => {
    const kiosk = new Kiosk().do({ type: 'toggle-elderly' }).wait(55_000);
    expect(kiosk.status()).toMatchObject({ isWarning: true, secondsLeft: 5 });
    kiosk.touch().wait(59_000);
    expect(kiosk.state.isElderly).toBe(true);
    kiosk.wait(1_000);
    expect(kiosk.state.isElderly).toBe(false);
  });

  it('clears a card, an appointment preview and a half-typed keypad, and the language of each', () => {
    const card = new Kiosk().do({ type: 'card-read', handle: 'h'.repeat(20), nameMasked: '李**', isGreenChannel: true }).wait(T.idleMs);
    expect(card.state).toMatchObject({ identity: undefined, isElderly: false, screen: { name: 'home' } });
    const preview = { code: 'R1', serviceId: 'A', slotStart: 0, slotEnd: 1, status: 'on-time' } as const;
    const appointment = new Kiosk().do({ type: 'toggle-language' }, { type: 'appointment-found', preview }).wait(T.idleMs);
    expect(appointment.state).toMatchObject({ language: 'zh-CN', screen: { name: 'home' } });
    const keypad = new Kiosk().do({ type: 'toggle-language' }, { type: 'open-id-keypad' }, { type: 'key', key: '1' }, { type: 'key', key: '1' }).wait(T.idleMs - 1);
    expect(keypad.state.screen).toMatchObject({ name: 'id-keypad', digits: '11' });
    keypad.wait(1);
    expect(keypad.state).toMatchObject({ language: 'zh-CN', screen: { name: 'home' } });
  });

  it('never times out the clean start or a ticket being issued', () => {
    expect(idleLimitMs(start, T)).toBeUndefined();
    expect(idleLimitMs(reduce(start, { type: 'issuing' }), T)).toBeUndefined();
    // Queue figures arriving are not a visitor: they neither dirty the start nor restart a clock.
    const updated = reduce(start, { type: 'services', services: [] });
    expect(isVisitorChange(start, updated)).toBe(false);
    expect(isCleanStart(updated)).toBe(true);
  });

  it('a printed ticket counts down 20 s (30 s in large text); an unprinted one stays 120 s, for 完成', () => {
    const printed = new Kiosk().do({ type: 'issuing' }, { type: 'issued', ticket: ticket(true) });
    expect(printed.status()).toEqual({ kind: 'counting', secondsLeft: 20, isWarning: false });
    printed.wait(19_000);
    expect(printed.status()).toMatchObject({ secondsLeft: 1 });
    printed.wait(1_000);
    expect(printed.state.screen.name).toBe('home');

    const large = new Kiosk().do({ type: 'toggle-elderly' }, { type: 'issuing' }, { type: 'issued', ticket: ticket(true) });
    expect(large.status()).toMatchObject({ secondsLeft: 30 });

    const unprinted = new Kiosk().do({ type: 'toggle-language' }, { type: 'issuing' }, { type: 'issued', ticket: ticket(false) }).wait(119_999);
    expect(unprinted.state.screen.name).toBe('result');
    expect(unprinted.status()).toEqual({ kind: 'counting', secondsLeft: 1, isWarning: true });
    unprinted.wait(1);
    expect(unprinted.state).toMatchObject({ language: 'zh-CN', screen: { name: 'home' } });
  });

  it('returns to the hall’s own language, whatever it is', () => {
    const english = reduce(initialState, { type: 'config', config: { ...config, language: 'en' } });
    const state = reduce(reduce(english, { type: 'toggle-language' }), { type: 'reset' });
    expect(state.language).toBe('en');
    expect(isCleanStart(state)).toBe(true);
  });
});

describe('timings from the page address', () => {
  it('reads seconds, clamps them (the notice at most half the idle time) and falls back on nonsense', () => {
    expect(parseKioskTimings('')).toEqual(DEFAULT_TIMINGS);
    expect(parseKioskTimings('?token=abc&idle=5&warn=3&result=2&unprinted=30')).toEqual({ idleMs: 5000, warnMs: 2500, resultMs: 2000, resultElderlyMs: 3000, unprintedResultMs: 30_000 });
    expect(parseKioskTimings('?idle=0.1&result=x&unprinted=99999')).toMatchObject({ idleMs: 2000, warnMs: 1000, resultMs: 20_000, resultElderlyMs: 30_000, unprintedResultMs: 900_000 });
  });
});
