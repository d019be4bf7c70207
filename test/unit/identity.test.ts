import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  birthDateFromIdNumber,
  hashIdNumber,
  idCheckCharacter,
  maskIdNumber,
  maskName,
  validateIdNumber,
} from '../../drivers/identity';

// Demo numbers with computed check digits; 11010519491231002X is the usual published sample.
const DEMO_IDS = ['110101199003070011', '310101195001011236', '440304200002290022', '11010519491231002X'];

describe('maskIdNumber', () => {
  it('keeps the first and last four characters', () => {
    expect(maskIdNumber('310101195001011234')).toBe('3101**********1234');
    expect(maskIdNumber(' 11010519491231002x ')).toBe('1101**********002X');
  });

  it('masks short input completely', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['王', '王'],
    ['欧阳娜娜', '欧***'],
    ['司马相如', '司***'],
    ['买买提·艾力', '买**·**'],
    ['John Smith', 'J*** *****'],
    ['𠀀三', '𠀀*'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('hashIdNumber', () => {
  it('is HMAC-SHA256 hex of the normalised number', () => {
    const expected = createHmac('sha256', 'site-secret').update('11010519491231002X').digest('hex');
    expect(hashIdNumber(' 11010519491231002x\n', 'site-secret')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs per site secret and refuses an empty secret', () => {
    expect(hashIdNumber(DEMO_IDS[0] ?? '', 'a')).not.toBe(hashIdNumber(DEMO_IDS[0] ?? '', 'b'));
    expect(() => hashIdNumber(DEMO_IDS[0] ?? '', '')).toThrow(/secret/);
  });
});

describe('validateIdNumber', () => {
  it.each(DEMO_IDS)('accepts %s', (id) => {
    expect(validateIdNumber(id)).toEqual({ ok: true, idNumber: id });
  });

  it('accepts a lower-case x and surrounding spaces, returning the normalised form', () => {
    expect(validateIdNumber(' 11010519491231002x ')).toEqual({ ok: true, idNumber: '11010519491231002X' });
  });

  it('computes the MOD 11-2 check character', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('11010119900307001')).toBe('1');
  });

  it.each([
    ['110101199003070012', 'check-digit'],
    ['11010519491231002Y', 'format'],
    ['110105194912310021', 'check-digit'],
    ['31010119500101123', 'length'],
    ['3101011950010112361', 'length'],
    ['310101195O01011236', 'format'],
    ['310101195013011236', 'birth-date'],
  ] as const)('refuses %s: %s', (id, code) => {
    const result = validateIdNumber(id);
    expect(result).toMatchObject({ ok: false, code });
    expect(JSON.stringify(result)).not.toContain(id);
  });

  it('refuses 30 February even with a matching check digit', () => {
    const first17 = '11010119900230001';
    expect(validateIdNumber(first17 + idCheckCharacter(first17))).toMatchObject({ ok: false, code: 'birth-date' });
  });
});

describe('birthDateFromIdNumber', () => {
  it('reads positions 7–14', () => {
    expect(birthDateFromIdNumber('440304200002290022')).toBe('2000-02-29');
    expect(birthDateFromIdNumber('11010519491231002x')).toBe('1949-12-31');
  });

  it('returns undefined for malformed numbers', () => {
    expect(birthDateFromIdNumber('4403042000022900')).toBeUndefined();
    expect(birthDateFromIdNumber('440304200102290022')).toBeUndefined();
  });
});

describe('ageOn', () => {
  it('counts the birthday itself as the day the age goes up', () => {
    expect(ageOn('1990-03-07', '2020-03-06')).toBe(29);
    expect(ageOn('1990-03-07', '2020-03-07')).toBe(30);
    expect(ageOn('1990-03-07', '2020-12-31')).toBe(30);
    expect(ageOn('1990-03-07', '1990-03-07')).toBe(0);
  });

  it('reads the birth date from an ID number', () => {
    expect(ageOn('310101195001011236', '2015-12-31')).toBe(65);
    expect(ageOn('310101195001011236', '2016-01-01')).toBe(66);
  });

  it('ages a 29 February birthday on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2019-02-28')).toBe(18);
    expect(ageOn('2000-02-29', '2019-03-01')).toBe(19);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
  });

  it('throws RangeError on malformed input or a date before birth', () => {
    expect(() => ageOn('1990-02-30', '2020-01-01')).toThrow(RangeError);
    expect(() => ageOn('1990-03-07', '2020/01/01')).toThrow(RangeError);
    expect(() => ageOn('1990-03-07', '1989-01-01')).toThrow(RangeError);
  });
});
