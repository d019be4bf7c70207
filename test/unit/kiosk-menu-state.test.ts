/**
 * The kiosk page's menu state (kiosk-ui/menu.ts) with a made-up clock: only what the hub's menu names is listed,
 * a department opens and 返回 closes it, and the next visitor (or nobody for the idle time) starts at the top.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMINGS, idleStatus, isCleanStart } from '../../kiosk-ui/idle';
import { menuLevel, menuRetryDelayMs, offeredServices } from '../../kiosk-ui/menu';
import { initialState, reduce, type Action, type KioskState } from '../../kiosk-ui/state';
import type { KioskConfig, KioskMenu } from '../../server/protocol/kiosk';
import type { ServiceView } from '../../server/protocol/model';
import type { IssuedTicket } from '../../server/protocol/http';

const config: KioskConfig = { hallName: 'Hall', language: 'zh-CN', timeZone: 'Asia/Shanghai', isDemo: false, greenChannelAge: 70, perPersonDailyLimit: 3 };
const service = (id: string, waiting: number): ServiceView => ({ id, name: id, nameEn: id, waiting, estimatedWaitMinutes: 0, isAvailable: true, hours: [] }) as unknown as ServiceView;
const menu: KioskMenu = {
  serviceIds: ['D', 'H', 'J'],
  isTwoLevel: true,
  departments: [
    { id: 'police', name: '公安服务', serviceIds: ['D', 'H'] },
    { id: 'tax', name: '税务服务', serviceIds: ['J'] },
  ],
};
const run = (...actions: Action[]): KioskState => actions.reduce(reduce, initialState);
const ready: Action[] = [{ type: 'config', config }, { type: 'services', services: [service('A', 4), service('D', 2), service('H', 3), service('J', 0)] }];

describe('kiosk menu state', () => {
  it('lists nothing before the hub said what this kiosk offers, then only that (A is the hall\'s, not this kiosk\'s)', () => {
    expect(offeredServices(run(...ready))).toEqual([]);
    expect(offeredServices(run(...ready, { type: 'menu', menu })).map((s) => s.id)).toEqual(['D', 'H', 'J']);
  });

  // Review: a failed menu request at start-up left the start screen empty until the minute's refresh.
  it('a failed menu request is said on a start screen without a menu, never over a known one; the back-off grows to 30 s', () => {
    expect(run(...ready, { type: 'menu-unavailable' }).isMenuUnavailable).toBe(true);
    expect(run(...ready, { type: 'menu-unavailable' }, { type: 'menu', menu }).isMenuUnavailable).toBe(false);
    expect(run(...ready, { type: 'menu', menu }, { type: 'menu-unavailable' }).isMenuUnavailable).toBe(false);
    expect([0, 1, 2, 3, 4, 5, 20].map(menuRetryDelayMs)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('shows departments with their waiting, then one department, and 返回 goes back', () => {
    const top = run(...ready, { type: 'menu', menu });
    expect(menuLevel(top)).toEqual({
      kind: 'departments',
      departments: [
        { id: 'police', name: '公安服务', serviceCount: 2, waiting: 5 },
        { id: 'tax', name: '税务服务', serviceCount: 1, waiting: 0 },
      ],
    });
    const opened = reduce(top, { type: 'open-department', departmentId: 'police' });
    const level = menuLevel(opened);
    expect(level.kind === 'department' && level.services.map((s) => s.id)).toEqual(['D', 'H']);
    expect(menuLevel(reduce(opened, { type: 'department-back' })).kind).toBe('departments');
  });

  it('is one flat grid when the hub says one level', () => {
    const flat = run(...ready, { type: 'menu', menu: { ...menu, isTwoLevel: false } }, { type: 'open-department', departmentId: 'police' });
    expect(menuLevel(flat)).toMatchObject({ kind: 'flat' });
  });

  it('keeps the department after the guide\'s 返回, and starts at the top after a ticket or the idle time', () => {
    const opened = run(...ready, { type: 'menu', menu }, { type: 'open-department', departmentId: 'tax' });
    expect(isCleanStart(opened)).toBe(false);
    expect(reduce(reduce(opened, { type: 'show-guide', serviceId: 'J' }), { type: 'guide-back' }).department).toBe('tax');
    const ticket = { number: 'J001', serviceId: 'J', printed: true } as IssuedTicket;
    expect(run(...ready, { type: 'menu', menu }, { type: 'open-department', departmentId: 'tax' }, { type: 'issued', ticket }, { type: 'home' }).department).toBeUndefined();
    // Nobody touches the department's list: it counts down and expires like any visitor's screen.
    expect(idleStatus(opened, 0, DEFAULT_TIMINGS.idleMs, DEFAULT_TIMINGS)).toEqual({ kind: 'expired' });
    const reset = reduce(opened, { type: 'reset' });
    expect(reset.department).toBeUndefined();
    expect(isCleanStart(reset)).toBe(true);
  });

  it('closes a department the hub no longer sends (an admin\'s edit)', () => {
    const opened = run(...ready, { type: 'menu', menu }, { type: 'open-department', departmentId: 'tax' });
    const edited = reduce(opened, { type: 'menu', menu: { ...menu, serviceIds: ['D', 'H'], departments: [menu.departments[0]!] } });
    expect(edited.department).toBeUndefined();
  });
});
