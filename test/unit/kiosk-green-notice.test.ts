/**
 * A typed ID number of a 76-year-old gave no green-channel notice on the kiosk (a card did; issue 18). The
 * page now gives it by the same rule the hub uses for the ticket: this proves the two agree on every date.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hallToday, isGreenChannelTyped } from '../../kiosk-ui/id-number';
import { isGreenChannelIdNumber } from '../../server/app/kiosk-identity';
import { idCheckCharacter } from '../../drivers/identity';

const idFor = (birth: string): string => ((first17: string) => first17 + idCheckCharacter(first17))(`320102${birth}123`);
const date = fc.date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('the kiosk green-channel notice for a typed ID number', () => {
  it('is given to a 76-year-old, not to a 69-year-old, and not where the hall sets no age', () => {
    expect(isGreenChannelTyped(idFor('19500101'), '2026-11-27', 70)).toBe(true);
    expect(isGreenChannelTyped(idFor('19561128'), '2026-11-27', 70)).toBe(false); // 70 tomorrow
    expect(isGreenChannelTyped(idFor('19561127'), '2026-11-27', 70)).toBe(true); // 70 today
    expect(isGreenChannelTyped(idFor('19500101'), '2026-11-27', null)).toBe(false);
    expect(isGreenChannelTyped(idFor('19500101').slice(0, 17), '2026-11-27', 70)).toBe(false);
  });

  it("agrees with the hub's rule on every birth date and day", () => {
    fc.assert(
      fc.property(date, date, fc.integer({ min: 50, max: 90 }), (birth, today, age) => {
        fc.pre(birth <= today);
        const id = idFor(birth.replaceAll('-', ''));
        expect(isGreenChannelTyped(id, today, age)).toBe(isGreenChannelIdNumber(id, today, age));
      }),
    );
  });

  it("takes today's date in the hall's zone, not the browser's", () => {
    // 2026-11-27 17:00 UTC is already the 28th in Shanghai.
    expect(hallToday('Asia/Shanghai', Date.parse('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
    expect(hallToday('UTC', Date.parse('2026-11-27T17:00:00Z'))).toBe('2026-11-27');
  });
});
