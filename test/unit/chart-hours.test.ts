import { describe, expect, it } from 'vitest';
import { shownHours } from '../../manager-ui/chart-hours';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const at = (entries: Record<number, number>): number[] => HOURS.map((h) => entries[h] ?? 0);

describe('the live chart’s hours', () => {
  it('shows 7:00–19:00 on a quiet day', () => {
    expect(shownHours(HOURS, [at({})])).toEqual(HOURS.slice(7, 20));
  });

  it('widens to hours with visitors before 7:00 or after 19:00, today or usually', () => {
    expect(shownHours(HOURS, [at({ 2: 27 }), at({ 2: 17 })])).toEqual(HOURS.slice(2, 20));
    expect(shownHours(HOURS, [at({ 10: 3 }), at({ 21: 1 })])).toEqual(HOURS.slice(7, 22));
  });
});
