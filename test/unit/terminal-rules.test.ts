/** Terminal health rules (server/domain/terminal-rules.ts): grades, opening hours and which dark terminals are alerts. */
import { describe, expect, it } from 'vitest';
import { darkGrade, darkTerminalConditions, faultGrade, faultTerminalConditions, hallOpenedAt, isHallOpen, responseDueAt, TERMINAL_DARK_GRACE_MS, type TerminalRecord } from '../../server/domain/terminal-rules';

/** The schema's defaults (server/config-schema.ts policy.faultResponse), as a hall without the setting has them. */
const TARGETS = { A: { minutes: 30 }, B: { minutes: 120 }, C: { workingDays: 1 } } as const;
const T0 = Date.parse('2026-11-27T01:00:00Z'); // Friday 09:00 in Asia/Shanghai
const record = (id: string, kind: TerminalRecord['kind'], isOnline: boolean, since = T0, hasLeft = false): TerminalRecord => ({ id: `${kind}:${id}`, kind, name: id, isOnline, since, pageVersion: '1', hasLeft });
const facts = (terminals: TerminalRecord[], now: number, rest: { isOpen?: boolean; watchingSince?: number } = {}) => ({ now, terminals, isOpen: rest.isOpen ?? true, watchingSince: rest.watchingSince ?? 0, targets: TARGETS });

describe('terminal rules', () => {
  it('grades faults and outages (A: every kiosk dark, B: a display, kiosk or clerk PC, C: a pad or a page inconvenience)', () => {
    expect(faultGrade('printer-unreachable')).toBe('B');
    expect(faultGrade('speech-unavailable')).toBe('C');
    expect(darkGrade({ kind: 'kiosk' }, true)).toBe('A');
    expect(darkGrade({ kind: 'kiosk' }, false)).toBe('B');
    expect(darkGrade({ kind: 'display' }, true)).toBe('B');
    expect(darkGrade({ kind: 'clerk' }, false)).toBe('B');
    expect(darkGrade({ kind: 'pad' }, false)).toBe('C');
  });

  it('is open on a working day within some service hours; a holiday or the evening is closed', () => {
    const hours = [[{ from: '08:30', to: '12:00' }], [{ from: '13:30', to: '17:00' }]];
    const calendar = { holidays: new Set<string>(), workdays: new Set<string>() };
    expect(isHallOpen(T0, hours, 'Asia/Shanghai', calendar)).toBe(true);
    expect(isHallOpen(T0 + 4 * 3_600_000, hours, 'Asia/Shanghai', calendar)).toBe(false); // 13:00, lunch
    expect(isHallOpen(T0, hours, 'Asia/Shanghai', { ...calendar, holidays: new Set(['2026-11-27']) })).toBe(false);
    expect(isHallOpen(T0 + 86_400_000, hours, 'Asia/Shanghai', calendar)).toBe(false); // Saturday
  });

  it('raises a dark terminal only past the grace, counted from the hub start for older outages, never one gone on purpose', () => {
    const display = record('d1', 'display', false);
    expect(darkTerminalConditions(facts([display], T0 + TERMINAL_DARK_GRACE_MS - 1))).toEqual([]);
    expect(darkTerminalConditions(facts([display], T0 + TERMINAL_DARK_GRACE_MS))).toEqual([
      { key: `terminal-dark:display:d1:${T0}`, kind: 'terminal-dark', subjectId: 'display:d1', subject: 'd1', since: T0, limitMinutes: 120 },
    ]);
    expect(darkTerminalConditions(facts([display], T0 + TERMINAL_DARK_GRACE_MS, { isOpen: false }))).toEqual([]);
    expect(darkTerminalConditions(facts([display], T0 + TERMINAL_DARK_GRACE_MS, { watchingSince: T0 + 1 }))).toEqual([]);
    expect(darkTerminalConditions(facts([record('d2', 'display', false, T0, true)], T0 + 10 * TERMINAL_DARK_GRACE_MS))).toEqual([]);
    // A pad's target is one working day: no minutes.
    expect(darkTerminalConditions(facts([record('p1', 'pad', false)], T0 + TERMINAL_DARK_GRACE_MS))[0]?.limitMinutes).toBeUndefined();
  });

  it('raises every kiosk dark as one grade A alert, from when the last one went', () => {
    const a = record('k1', 'kiosk', false, T0);
    const b = record('k2', 'kiosk', false, T0 + 10_000);
    const now = T0 + 10_000 + TERMINAL_DARK_GRACE_MS;
    expect(darkTerminalConditions(facts([a, b], now)).find((c) => c.kind === 'kiosks-dark')).toEqual({
      key: `kiosks-dark:kiosks:${T0 + 10_000}`, kind: 'kiosks-dark', subjectId: 'kiosks', subject: 'k1, k2', since: T0 + 10_000, limitMinutes: 30,
    });
    expect(darkTerminalConditions(facts([a, { ...b, isOnline: true }], now)).some((c) => c.kind === 'kiosks-dark')).toBe(false);
  });

  it('knows when the current open stretch began: the morning, the afternoon after lunch, or touching hours as one', () => {
    const hours = [[{ from: '08:30', to: '12:00' }], [{ from: '13:30', to: '17:00' }]];
    const minutes = (n: number): number => n * 60_000;
    expect(hallOpenedAt(T0 + 12_345, hours, 'Asia/Shanghai')).toBe(T0 - minutes(30)); // 09:00:12 → 08:30
    expect(hallOpenedAt(T0 + minutes(4 * 60), hours, 'Asia/Shanghai')).toBeUndefined(); // 13:00, lunch
    expect(hallOpenedAt(T0 + minutes(5 * 60), hours, 'Asia/Shanghai')).toBe(T0 + minutes(4 * 60 + 30)); // 14:00 → 13:30
    expect(hallOpenedAt(T0 + minutes(4 * 60), [[{ from: '08:30', to: '12:00' }], [{ from: '11:00', to: '17:00' }]], 'Asia/Shanghai')).toBe(T0 - minutes(30));
    expect(hallOpenedAt(T0, [[]], 'Asia/Shanghai')).toBe(T0 - minutes(9 * 60)); // no hours: open since midnight
  });

  // Review of issue 19 item 5: a screen off over lunch (or overnight) was an alarm in the first minute after opening.
  it('counts the grace from the opening for a terminal dark since before it', () => {
    const opening = T0 + 4.5 * 3_600_000; // 13:30
    const display = record('d1', 'display', false, T0 + 3.6 * 3_600_000); // dark since 12:36, over lunch
    expect(darkTerminalConditions({ ...facts([display], opening + 1_000), openedAt: opening })).toEqual([]);
    expect(darkTerminalConditions({ ...facts([display], opening + TERMINAL_DARK_GRACE_MS), openedAt: opening })).toHaveLength(1);
  });

  // Review of issue 19 item 5: the lunch break cleared a dark screen's alert, and after lunch it never came back.
  it('keeps a raised outage while the hall is closed, until the terminal is back', () => {
    const display = record('d1', 'display', false);
    const key = `terminal-dark:display:d1:${T0}`;
    const lunch = { ...facts([display], T0 + 3 * 3_600_000, { isOpen: false }), raisedKeys: new Set([key]) };
    expect(darkTerminalConditions(lunch).map((c) => c.key)).toEqual([key]);
    // Not raised before: closed hours raise nothing new.
    expect(darkTerminalConditions({ ...lunch, raisedKeys: new Set<string>() })).toEqual([]);
    // Back online (a new `since`): the old key no longer holds, so the alert clears.
    expect(darkTerminalConditions({ ...lunch, terminals: [{ ...display, isOnline: true, since: T0 + 1 }] })).toEqual([]);
  });

  // Review of issue 19 item 5: a clerk PC whose browser was closed in the evening (no sign-out) was an alarm every
  // morning, all day long when nobody staffs that window.
  it('raises a clerk PC only when it drops while the hall is open, hall equipment also when it is not up by the opening', () => {
    const opening = T0 - 30 * 60_000; // 08:30
    const evening = T0 - 15 * 3_600_000;
    const now = T0;
    const pc = record('pc1', 'clerk', false, evening);
    const display = record('d1', 'display', false, evening);
    expect(darkTerminalConditions({ ...facts([pc, display], now), openedAt: opening }).map((c) => c.subjectId)).toEqual(['display:d1']);
    expect(darkTerminalConditions({ ...facts([record('pc2', 'clerk', false, opening + 1)], now), openedAt: opening }).map((c) => c.subjectId)).toEqual(['clerk:pc2']);
  });

  it('a page\'s active fault is an alert while open, due by its grade\'s configured target; an ended one or one reported while closed is not', () => {
    const calendar = { holidays: new Set<string>(), workdays: new Set<string>() };
    const base = { now: T0, isOpen: true, targets: TARGETS, timeZone: 'Asia/Shanghai', calendar };
    const faulty = (isActive: boolean): TerminalRecord => ({ ...record('k1', 'kiosk', true), lastFault: { code: 'printer-unreachable', isActive, at: T0 } });
    expect(faultTerminalConditions({ ...base, terminals: [faulty(true)] })).toEqual([
      { key: `terminal-fault:kiosk:k1:printer-unreachable:${T0}`, kind: 'terminal-fault', subjectId: 'kiosk:k1', subject: 'k1', since: T0, faultCode: 'printer-unreachable', dueAt: T0 + 120 * 60_000, limitMinutes: 120 },
    ]);
    expect(faultTerminalConditions({ ...base, terminals: [faulty(true)], targets: { ...TARGETS, B: { minutes: 10 } } })[0]).toMatchObject({ limitMinutes: 10, dueAt: T0 + 10 * 60_000 });
    expect(faultTerminalConditions({ ...base, terminals: [faulty(false)] })).toEqual([]);
    expect(faultTerminalConditions({ ...base, isOpen: false, terminals: [faulty(true)] })).toEqual([]);
    // Once raised it holds over the lunch break.
    const key = `terminal-fault:kiosk:k1:printer-unreachable:${T0}`;
    expect(faultTerminalConditions({ ...base, isOpen: false, raisedKeys: new Set([key]), terminals: [faulty(true)] }).map((c) => c.key)).toEqual([key]);
    // One working day from Friday: the end of Monday, hall time (Monday 24:00 Asia/Shanghai).
    expect(responseDueAt(T0, { workingDays: 1 }, 'Asia/Shanghai', calendar)).toBe(Date.parse('2026-11-30T16:00:00Z'));
    expect(responseDueAt(T0, { workingDays: 1 }, 'Asia/Shanghai', { ...calendar, holidays: new Set(['2026-11-30']) })).toBe(Date.parse('2026-12-01T16:00:00Z'));
  });
});
