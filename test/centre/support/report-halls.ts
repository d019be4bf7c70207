/**
 * Halls for the report tests: the centre tests' HallSim with a time zone of its own and visits written at
 * exact hall-local times, so that every figure can be worked out by hand; and shipping what a hall logged
 * to the real centre over its uplink, as a hub would.
 */
import { expect } from 'vitest';
import type { HallProfile } from '../../../server/protocol/uplink';
import { HallSim } from './hall-sim';
import { postBatch } from './centre';

const OFFSETS: Record<string, string> = { 'Asia/Shanghai': '+08:00', 'Asia/Urumqi': '+06:00' };

export class ReportHall extends HallSim {
  private shipped = 0;

  constructor(code: string, readonly zone: 'Asia/Shanghai' | 'Asia/Urumqi' = 'Asia/Shanghai', options: ConstructorParameters<typeof HallSim>[1] = {}) {
    super(code, options);
  }

  override profile(): HallProfile {
    return { ...super.profile(), timeZone: this.zone };
  }

  /** Epoch ms of a hall-local time 'YYYY-MM-DD HH:MM[:SS]'. */
  local(time: string): number {
    const iso = `${time.replace(' ', 'T')}${time.length === 16 ? ':00' : ''}${OFFSETS[this.zone]}`;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new Error(`bad local time ${time}`);
    return ms;
  }

  /** The next fact happens at this hall-local time (HallSim stamps a fact one second after its clock). */
  at(time: string): this {
    this.clock = this.local(time) - 1000;
    return this;
  }

  /**
   * One visit on `day`: issued, then called at a window by a clerk, then finished or a no-show, then
   * (optionally) rated. Times are hall-local 'HH:MM[:SS]'.
   */
  visit(v: {
    day: string;
    service?: string;
    issue: string;
    call?: string;
    finish?: string;
    noShow?: string;
    window?: string;
    clerk?: string;
    rate?: { score: number; at: string };
  }): string {
    this.day = v.day;
    const id = this.at(`${v.day} ${v.issue}`).issue(v.service ?? 'A');
    if (v.call) this.at(`${v.day} ${v.call}`).call(id, v.window ?? 'w1', v.clerk ?? 'clerk1');
    if (v.finish) this.at(`${v.day} ${v.finish}`).finish(id);
    if (v.noShow) {
      const t = this.at(`${v.day} ${v.noShow}`).ticket(id);
      Object.assign(t, { status: 'no-show', closeReason: 'no-show' });
      this.raw('ticket:updated', { ticket: t, reason: 'no-show' });
    }
    if (v.rate) this.at(`${v.day} ${v.rate.at}`).rate(id, v.rate.score);
    return id;
  }

  /** The hall's manager accepted the appeal of the rating of `ticketId`: it leaves the satisfaction figures. */
  acceptAppeal(ticketId: string): void {
    const t = this.ticket(ticketId);
    this.raw('followup:updated', {
      followup: {
        id: `f-${ticketId}`, ratingId: `r-${ticketId}`, ticketId, number: t.number, serviceId: t.serviceId, windowId: t.windowId ?? 'w1',
        assignee: t.staffId, score: 2, tags: ['attitude'], ratedAt: (t.finishedAt ?? this.clock) + 60_000, dueAt: this.clock + 86_400_000,
        status: 'closed', isOverdue: false, appealStatus: 'accepted',
      },
    });
  }

  /** Sends everything not yet shipped, in one batch, and expects the centre to take it. */
  async ship(centre: { url: string }): Promise<void> {
    if (this.seq === this.shipped) return;
    const answer = await postBatch<{ ackedSeq: number }>(centre, this.batch(this.shipped + 1));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.ackedSeq).toBe(this.seq);
    this.shipped = this.seq;
  }
}
