import { describe, expect, it } from 'vitest';
import { chooseNext, orderForWindow } from '../../server/domain/call-policy';
import type { HallPolicy } from '../../server/domain/types';
import { MIN, T0, policy, ticket, window } from '../support/domain';

const oneStop = window('w5', [['A', 1], ['B', 1]]);
const aFirst = window('w2', [['A', 3], ['B', 1]]);

describe('call-next policy', () => {
  it('takes nobody when nothing the window serves is waiting', () => {
    expect(chooseNext(window('w1', [['A', 1]]), [ticket({ serviceId: 'B' })], policy, T0)).toBeUndefined();
    expect(chooseNext(window('w1', [['A', 1]]), [ticket({ status: 'called' })], policy, T0)).toBeUndefined();
  });

  it('calls in arrival order within one service', () => {
    const first = ticket({ arrivedAt: T0 });
    const second = ticket({ arrivedAt: T0 + MIN });
    expect(chooseNext(window('w1', [['A', 1]]), [second, first], policy, T0 + 5 * MIN)).toBe(first);
  });

  it('puts green channel, due appointments and returns ahead of longer-waiting normal tickets', () => {
    const normal = ticket({ arrivedAt: T0 });
    const green = ticket({ arrivedAt: T0 + 20 * MIN, priority: 'green' });
    expect(chooseNext(oneStop, [normal, green], policy, T0 + 21 * MIN)).toBe(green);
    const back = ticket({ arrivedAt: T0 + 20 * MIN, isReturn: true });
    expect(chooseNext(oneStop, [normal, back], policy, T0 + 21 * MIN)).toBe(back);
  });

  it('gives an appointment priority only from its slot (minus the early allowance)', () => {
    const normal = ticket({ arrivedAt: T0 });
    const appointment = ticket({ arrivedAt: T0 + MIN, priority: 'appointment', dueAt: T0 + 60 * MIN });
    const w = window('w1', [['A', 1]]);
    expect(chooseNext(w, [normal, appointment], policy, T0 + 10 * MIN)).toBe(normal);
    expect(chooseNext(w, [normal, appointment], policy, T0 + 45 * MIN)).toBe(appointment);
  });

  it('weights services per window but never starves a low-weight service', () => {
    const a = ticket({ serviceId: 'A', arrivedAt: T0 + 10 * MIN });
    const b = ticket({ serviceId: 'B', arrivedAt: T0 });
    // At T0+12: A scores (2+1)×3 = 9, B scores (12+1)×1 = 13 → B has waited long enough.
    expect(chooseNext(aFirst, [a, b], policy, T0 + 12 * MIN)).toBe(b);
    // A fresher B ticket loses to A's weight.
    const freshB = ticket({ serviceId: 'B', arrivedAt: T0 + 9 * MIN });
    expect(chooseNext(aFirst, [a, freshB], policy, T0 + 12 * MIN)).toBe(a);
  });

  it('service-order serves the first listed service first; arrival ignores services', () => {
    const a = ticket({ serviceId: 'A', arrivedAt: T0 + 10 * MIN });
    const b = ticket({ serviceId: 'B', arrivedAt: T0 });
    const bySevice: HallPolicy = { ...policy, callOrder: 'service-order' };
    expect(chooseNext(aFirst, [b, a], bySevice, T0 + 60 * MIN)).toBe(a);
    const byArrival: HallPolicy = { ...policy, callOrder: 'arrival' };
    expect(chooseNext(aFirst, [a, b], byArrival, T0 + 60 * MIN)).toBe(b);
  });

  it('a ticket sent to a named window is called only there, and first there', () => {
    const normal = ticket({ arrivedAt: T0 });
    const sent = ticket({ serviceId: 'C', arrivedAt: T0 + 30 * MIN, targetWindowId: 'w5' });
    expect(chooseNext(oneStop, [normal, sent], policy, T0 + 31 * MIN)).toBe(sent);
    expect(chooseNext(aFirst, [sent], policy, T0 + 31 * MIN)).toBeUndefined();
  });

  it('without priorityFirst, the green channel waits its turn', () => {
    const normal = ticket({ arrivedAt: T0 });
    const green = ticket({ arrivedAt: T0 + 5 * MIN, priority: 'green' });
    expect(chooseNext(oneStop, [green, normal], { ...policy, priorityFirst: false }, T0 + 6 * MIN)).toBe(normal);
  });

  it('breaks exact ties by arrival then number, so the order is total and stable', () => {
    const x = ticket({ arrivedAt: T0, number: 'A002' });
    const y = ticket({ arrivedAt: T0, number: 'A001' });
    expect(orderForWindow(window('w1', [['A', 1]]), [x, y], policy, T0).map((t) => t.number)).toEqual(['A001', 'A002']);
  });
});
