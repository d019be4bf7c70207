/**
 * The read-model rows are written field by field (a spread followed by more properties was ~10 µs of every
 * ingested event on Node 20: docs/performance.md, figure 6). This checks that no field a payload reader gives
 * is lost on the way: a field added to a reader but not to its row fails here.
 */
import { describe, expect, it } from 'vitest';
import { readModelRows } from '../../server/centre/domain/read-model-rows';
import { readCall, readDaySummary, readFollowup, readRating, readTicket } from '../../server/centre/domain/payloads';

const ticket = {
  id: 't1', number: 'A001', serviceId: 'A', day: '2026-03-02', status: 'done', priority: 'vip', closeReason: 'finished',
  issuedAt: 1_000, arrivedAt: 500, firstCalledAt: 61_000, calledAt: 62_000, finishedAt: 181_000, windowId: 'w1', staffId: 'clerk1', callCount: 2,
};
const callPayload = { ticketId: 't1', number: 'A001', serviceId: 'A', windowId: 'w1', windowNumber: 3, isRecall: true, callCount: 2, at: 62_000 };
const rating = { id: 'r1', ticketId: 't1', serviceId: 'A', windowId: 'w1', staffId: 'clerk1', score: 2, tags: ['attitude'], comment: '等了很久', channel: 'pad', finishedAt: 181_000, ratedAt: 190_000 };
const followup = {
  id: 'f1', ratingId: 'r1', ticketId: 't1', number: 'A001', serviceId: 'A', windowId: 'w1', assignee: 'clerk1', score: 2, tags: ['attitude'],
  comment: '等了很久', ratedAt: 190_000, dueAt: 900_000, status: 'closed', closedAt: 500_000, appealStatus: 'accepted',
};
const service = { serviceId: 'A', issued: 3, served: 2, noShows: 1, waitP50Seconds: 60, waitP90Seconds: 90, serviceP50Seconds: 120, serviceP90Seconds: 150, ratings: 2, satisfied: 1, bad: 1 };

describe('read model rows keep every field their readers give', () => {
  const rows = readModelRows([
    { seq: 7, at: 62_000, type: 'ticket:called', data: { ticket, call: callPayload, isChosen: true } },
    { seq: 8, at: 190_000, type: 'rating:recorded', data: { rating } },
    { seq: 9, at: 200_000, type: 'followup:updated', data: { followup } },
    { seq: 10, at: 300_000, type: 'day:summary', data: { summary: { day: '2026-03-02', services: [service] } } },
  ]);

  it('tickets', () => {
    const facts = readTicket(ticket);
    expect(Object.values(facts ?? {}).every((v) => v !== undefined)).toBe(true);
    expect(rows.tickets).toEqual([{ ...facts, waitMs: 60_000, serviceMs: 120_000, seq: 7 }]);
  });

  it('calls', () => {
    expect(rows.calls).toEqual([{ ...readCall(callPayload, 0), seq: 7, clerk: 'clerk1', isChosen: true }]);
  });

  it('ratings and follow-ups', () => {
    expect(Object.values(readRating(rating, 0) ?? {}).every((v) => v !== undefined)).toBe(true);
    expect(rows.ratings).toEqual([{ ...readRating(rating, 0), seq: 8 }]);
    expect(Object.values(readFollowup(followup) ?? {}).every((v) => v !== undefined)).toBe(true);
    expect(rows.followups).toEqual([{ ...readFollowup(followup), seq: 9, at: 200_000 }]);
  });

  it('daily summaries', () => {
    const summary = readDaySummary({ summary: { day: '2026-03-02', services: [service] } });
    expect(rows.summaries).toEqual([{ ...summary?.services[0], day: '2026-03-02' }]);
    expect(Object.keys(rows.summaries[0] ?? {}).sort()).toEqual([...Object.keys(service), 'day'].sort());
  });
});
