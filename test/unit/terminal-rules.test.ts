/** Terminal health rules (server/domain/terminal-rules.ts): grades, opening hours and which dark terminals are alerts. */
import { describe, expect, it } from 'vitest';
import { darkGrade, darkTerminalConditions, faultGrade, isHallOpen, TERMINAL_DARK_GRACE_MS, type TerminalRecord } from '../../server/domain/terminal-rules';

const T0 = Date.parse('2026-11-27T01:00:00Z'); // Friday 09:00 in Asia/Shanghai
const record = (id: string, kind: TerminalRecord['kind'], isOnline: boolean, since = T0, hasLeft = false): TerminalRecord => ({ id: `${kind}:${id}`, kind, name: id, isOnline, since, pageVersion: '1', hasLeft });
const facts = (terminals: TerminalRecord[], now: number, rest: { isOpen?: boolean; watchingSince?: number } = {}) => ({ now, terminals, isOpen: rest.isOpen ?? true, watchingSince: rest.watchingSince ?? 0 });

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
});
