/** Pure kiosk rules: green channel by age, appointment timing, person records, CSV import, held cards, page reducer. */
import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../drivers/identity';
import { checkInTiming } from '../../server/domain/appointment-timing';
import { isGreenChannelAge, personFromIdNumber } from '../../server/app/kiosk-identity';
import { parseAppointmentsCsv } from '../../server/domain/appointments-csv';
import { parseLocalDateTime } from '../../server/domain/local-time';
import { CARD_HOLD_MS, PendingCards } from '../../server/app/kiosk-pending-cards';
import { initialState, reduce } from '../../kiosk-ui/state';

const id = (first17: string): string => first17 + idCheckCharacter(first17);
const KEY = 'unit-test-id-hash-key-0123456789abcdef';

describe('green channel by age', () => {
  it('starts on the 70th birthday, not the day before', () => {
    expect(isGreenChannelAge('1956-11-27', '2026-11-27', 70)).toBe(true);
    expect(isGreenChannelAge('1956-11-28', '2026-11-27', 70)).toBe(false);
    expect(isGreenChannelAge('1930-01-01', '2026-11-27', 70)).toBe(true);
  });
  it('is off when the hall configures no age or the birth date is unreadable', () => {
    expect(isGreenChannelAge('1930-01-01', '2026-11-27', undefined)).toBe(false);
    expect(isGreenChannelAge(undefined, '2026-11-27', 70)).toBe(false);
    expect(isGreenChannelAge('not-a-date', '2026-11-27', 70)).toBe(false);
  });
});

describe('appointment check-in timing', () => {
  const policy = { appointmentEarlyMinutes: 15, appointmentLateMinutes: 10 };
  const start = Date.parse('2026-11-27T02:00:00Z');
  const slot = { slotStart: start, slotEnd: start + 5 * 60_000 };
  it('is on time from slot − early to slot + late inclusive, early before, late after', () => {
    expect(checkInTiming(start - 15 * 60_000 - 1, slot, policy)).toBe('early');
    expect(checkInTiming(start - 15 * 60_000, slot, policy)).toBe('on-time');
    expect(checkInTiming(start + 10 * 60_000, slot, policy)).toBe('on-time');
    expect(checkInTiming(start + 10 * 60_000 + 1, slot, policy)).toBe('late');
  });

  it('is never late inside the slot shown to the visitor, even a slot longer than the late allowance', () => {
    const long = { slotStart: start, slotEnd: start + 30 * 60_000 };
    expect(checkInTiming(start + 20 * 60_000, long, policy)).toBe('on-time');
    expect(checkInTiming(start + 30 * 60_000, long, policy)).toBe('on-time');
    expect(checkInTiming(start + 30 * 60_000 + 1, long, policy)).toBe('late');
  });
});

describe('person records', () => {
  it('keeps only the masked number, the masked name and a keyed hash', () => {
    const number = id('11010119480315002');
    const result = personFromIdNumber(number.toLowerCase(), '李秀英', KEY);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.person).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), masked: `1101**********${number.slice(-4)}`, nameMasked: '李**' });
    expect(JSON.stringify(result.person)).not.toContain(number.slice(4, 14));
    const again = personFromIdNumber(` ${number} `, undefined, KEY);
    expect(again.ok && again.person.hash).toBe(result.person.hash);
    const otherKey = personFromIdNumber(number, undefined, `${KEY}-other`);
    expect(otherKey.ok && otherKey.person.hash).not.toBe(result.person.hash);
  });
  it('refuses a wrong check digit without repeating the number', () => {
    const number = id('11010119480315002');
    const wrong = number.slice(0, 17) + (number.endsWith('0') ? '1' : '0');
    const result = personFromIdNumber(wrong, undefined, KEY);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(wrong.slice(0, 17));
  });
});

describe('appointment CSV', () => {
  it('reads hall-local times, optional header and columns, quotes', () => {
    const { rows, problems } = parseAppointmentsCsv('\uFEFFcode,serviceId,slotStart,slotEnd,idNumber,name\r\nA1,A,2026-11-27 09:00,2026-11-27 09:30\r\nB2,B,2026-11-27T10:00:00+08:00,2026-11-27 10:30,,"欧阳, 娜娜"\r\n', 'Asia/Shanghai');
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ code: 'A1', serviceId: 'A', slotStart: Date.parse('2026-11-27T01:00:00Z'), slotEnd: Date.parse('2026-11-27T01:30:00Z') });
    expect(rows[1]).toMatchObject({ code: 'B2', name: '欧阳, 娜娜', slotStart: Date.parse('2026-11-27T02:00:00Z') });
    expect(problems).toHaveLength(0);
  });
  it('reports every bad line by number', () => {
    const { problems } = parseAppointmentsCsv('A1,A,2026-11-27 09:00,2026-11-27 08:00\nA1,A,2026-11-27 09:00,2026-11-27 09:30\nA2,A,tomorrow,2026-11-27 09:30\nA1,A,2026-11-27 09:00,2026-11-27 09:30', 'Asia/Shanghai');
    // Line 2 repeats line 1's code: a file must not hold two appointments with one code, even if line 1 is bad.
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 4]);
  });
  it('refuses local times that do not exist', () => {
    expect(parseLocalDateTime('2026-02-30 09:00', 'Asia/Shanghai')).toBeUndefined();
    expect(parseLocalDateTime('2026-03-29 02:30', 'Europe/Berlin')).toBeUndefined();
    expect(parseLocalDateTime('2026-03-29 03:30', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T01:30:00Z'));
  });
});

describe('held ID cards', () => {
  const person = { hash: 'h', masked: '1101**********0012', nameMasked: '李**' };
  it('shows only masked data, expires, and is used once (a retry with the same key still resolves)', () => {
    let now = 1_000;
    const cards = new PendingCards(() => now);
    const card = cards.hold('k1', person, true);
    expect(cards.view('k1')).toEqual({ handle: card.handle, nameMasked: '李**', isGreenChannel: true, expiresAt: 1_000 + CARD_HOLD_MS });
    expect(cards.view('k2')).toBeUndefined();
    expect(cards.resolve(card.handle, 'key-1')?.person).toEqual(person);
    cards.markUsed(card.handle, 'key-1');
    expect(cards.view('k1')).toBeUndefined();
    expect(cards.resolve(card.handle, 'key-2')).toBeUndefined();
    expect(cards.resolve(card.handle, 'key-1')).toBeDefined();
    const next = cards.hold('k1', person, false);
    now += CARD_HOLD_MS;
    expect(cards.resolve(next.handle, undefined)).toBeUndefined();
  });
});

describe('kiosk page reducer', () => {
  it('takes a typed ID number only when it has the shape of one, and forgets it once issued', () => {
    let state = reduce(initialState, { type: 'open-id-keypad' });
    for (const key of '11010119480315005') state = reduce(state, { type: 'key', key });
    state = reduce(state, { type: 'confirm-id' });
    expect(state.screen).toMatchObject({ name: 'id-keypad', isBad: true });
    state = reduce(state, { type: 'key', key: 'x' });
    state = reduce(state, { type: 'key', key: '9' });
    expect(state.screen).toMatchObject({ digits: '11010119480315005X' });
    state = reduce(state, { type: 'confirm-id' });
    expect(state.identity).toEqual({ kind: 'typed', idNumber: '11010119480315005X' });
    state = reduce(state, { type: 'issued', ticket: { number: 'A001' } as never });
    expect(state.identity).toBeUndefined();
  });
  it('switches to large text for a green-channel card and back for the next visitor', () => {
    let state = reduce(initialState, { type: 'card-read', handle: 'h'.repeat(20), nameMasked: '李**', isGreenChannel: true });
    expect(state.isElderly).toBe(true);
    state = reduce(state, { type: 'issued', ticket: { number: 'A001' } as never });
    state = reduce(state, { type: 'card-read', handle: 'x'.repeat(20), isGreenChannel: false });
    expect(state.screen.name).toBe('result');
    state = reduce(state, { type: 'home' });
    expect(state).toMatchObject({ isElderly: false, identity: undefined, screen: { name: 'home' } });
  });
});
