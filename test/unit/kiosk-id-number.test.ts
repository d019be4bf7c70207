/**
 * The keypad's ID number check (GB 11643-1999). It used to accept any 18 characters: a mistyped check digit
 * was only refused by the hub after the visitor had chosen a service, and the digits were lost.
 */
import { describe, expect, it } from 'vitest';
import { idCheckCharacter, idNumberProblem } from '../../kiosk-ui/id-number';
import { idCheckCharacter as hubCheckCharacter, validateIdNumber } from '../../drivers/identity';
import { initialState, reduce, type KioskState } from '../../kiosk-ui/state';
import { randomInt } from 'node:crypto';

function typeAll(state: KioskState, keys: string): KioskState {
  return [...keys].reduce((s, key) => reduce(s, { type: 'key', key }), state);
}

describe('ID check character', () => {
  it('weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11 → 1 0 X 9 8 7 6 5 4 3 2', () => {
    expect(idCheckCharacter('11010119500101001')).toBe('7');
    // Σ = 2 → X: the only letter an ID number has.
    expect(idCheckCharacter('11010119480315005')).toBe('X');
    expect(idCheckCharacter('1101011948031500')).toBeUndefined();
    expect(idCheckCharacter('1101011948031500A')).toBeUndefined();
  });

  it('agrees with the hub’s check on random numbers', () => {
    for (let i = 0; i < 500; i++) {
      const first17 = Array.from({ length: 17 }, () => String(randomInt(10))).join('');
      expect(idCheckCharacter(first17), first17).toBe(hubCheckCharacter(first17));
    }
  });

  it('110101195001010017 is valid, …0018 is not; X is valid in any case, as the hub decides', () => {
    expect(idNumberProblem('110101195001010017')).toBeUndefined();
    expect(idNumberProblem('110101195001010018')).toBe('check-digit');
    expect(idNumberProblem('11010119480315005X')).toBeUndefined();
    expect(idNumberProblem('11010119480315005x')).toBeUndefined();
    expect(idNumberProblem('110101194803150050')).toBe('check-digit');
    expect(idNumberProblem('11010119500101001')).toBe('length');
    expect(idNumberProblem('110101195002300010')).toBe('birth-date');
    for (const id of ['110101195001010017', '110101195001010018', '11010119480315005X', '110101195002300010']) {
      expect(idNumberProblem(id) === undefined, id).toBe(validateIdNumber(id).ok);
    }
  });
});

describe('the ID keypad', () => {
  const keypad = reduce(initialState, { type: 'open-id-keypad' });

  it('says the check digit is wrong as the 18th character is typed, and keeps the digits', () => {
    let state = typeAll(keypad, '11010119500101001');
    expect(state.screen).toMatchObject({ isBad: false });
    state = typeAll(state, '8');
    expect(state.screen).toEqual({ name: 'id-keypad', digits: '110101195001010018', isBad: true, problem: 'check-digit' });
    state = reduce(state, { type: 'confirm-id' });
    expect(state.identity).toBeUndefined();
    expect(state.screen).toEqual({ name: 'id-keypad', digits: '110101195001010018', isBad: true, problem: 'check-digit' });
    state = typeAll(reduce(state, { type: 'delete' }), '7');
    expect(state.screen).toEqual({ name: 'id-keypad', digits: '110101195001010017', isBad: false });
    state = reduce(state, { type: 'confirm-id' });
    expect(state.identity).toEqual({ kind: 'typed', idNumber: '110101195001010017' });
  });

  it('takes X only as the 18th character', () => {
    expect(typeAll(keypad, '1X').screen).toMatchObject({ digits: '1' });
    const state = typeAll(keypad, '11010119480315005x');
    expect(state.screen).toEqual({ name: 'id-keypad', digits: '11010119480315005X', isBad: false });
  });

  it('goes back to the keypad with the digits when the hub refuses a typed number', () => {
    let state = reduce(typeAll(keypad, '110101195001010017'), { type: 'confirm-id' });
    state = reduce(reduce(state, { type: 'issuing' }), { type: 'failed', code: 'bad-id' });
    expect(state.identity).toBeUndefined();
    expect(state.screen).toEqual({ name: 'id-keypad', digits: '110101195001010017', isBad: true, problem: 'refused' });
  });
});
