/**
 * A hall with a steady day for load tests and the centre's benchmark (bench/fig-centre.ts): grows its log
 * on demand and cuts it into batches as the hall's shipper would.
 */
import type { UplinkBatch } from '../../../server/protocol/uplink';
import { HallSim } from './hall-sim';

/**
 * A hall's day as its shipper sends it: visitors arrive, each is called about twenty arrivals later (so some
 * twenty wait at any time), served and often rated; now and then a 差评 opens a follow-up.
 */
export class BusyHall {
  readonly sim: HallSim;
  private readonly queue: string[] = [];
  private n = 0;
  private shipped = 0;

  /** The first hall (index 0) is the district centre, the others towns under it. */
  constructor(code: string, readonly index: number) {
    this.sim = new HallSim(code, { level: index === 0 ? 'district' : 'town', clock: Date.now() - 8 * 3600_000 });
  }

  grow(toSeq: number): void {
    const hall = this.sim;
    while (hall.seq < toSeq) {
      this.queue.push(hall.issue(this.n % 3 === 0 ? 'B' : 'A'));
      if (this.queue.length > 20) {
        const t = this.queue.shift() ?? '';
        hall.call(t, this.n % 2 === 0 ? 'w1' : 'w2');
        hall.finish(t);
        if (this.n % 3 === 0) hall.rate(t, this.n % 30 === 0 ? 1 : 5);
        if (this.n % 30 === 0) hall.followup(t, Date.now() + 5 * 86_400_000);
      }
      this.n++;
    }
  }

  /** The next unsent run of at most `size` facts, as the request body; undefined when all is sent. */
  next(size: number): { body: string; events: number; hasCall: boolean } | undefined {
    if (this.shipped >= this.sim.seq) return undefined;
    const batch: UplinkBatch = this.sim.batch(this.shipped + 1, Math.min(this.sim.seq, this.shipped + size));
    this.shipped = batch.toSeq;
    return { body: JSON.stringify(batch), events: batch.events.length, hasCall: batch.events.some((e) => e.type === 'ticket:called') };
  }
}

