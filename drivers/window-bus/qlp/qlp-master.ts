import { BusMaster, type BusJob, type BusMasterOptions } from '../bus-master';
import type { BusDriver } from '../bus-driver';
import { WindowBusError, type ArmRequest, type ShowOptions } from '../types';
import { QLP_MAX_LINE, encodeQlp, qlpEncodedLength, type QlpFrame } from './codec';
import { evalStartArgs, qlpReplyToEvent, showArgs } from './events';
import { QlpLineDecoder } from './line-decoder';

/** `addresses`: every address to poll, 0x01–0xF7, each once. */
export type QlpMasterOptions = BusMasterOptions;

interface Job extends BusJob<QlpFrame> {
  readonly verb: string;
  readonly args: Record<string, string>;
}

/** Line-level counters, for diagnostics and tests. */
export interface QlpMasterStats {
  lineFaults: number;
  strayFrames: number;
}

/**
 * The QLP/1 bus master: the only talker on the bus. One request is outstanding at a time;
 * commands (SHOW, EVAL.START…) go before polls; idle time is spent polling every address
 * round-robin with POLL. A request is sent up to 1 + retries times with the same SEQ, so a
 * device that already executed it answers from its reply cache instead of executing twice.
 */
export class QlpMaster extends BusMaster<Job, QlpFrame, QlpFrame> implements BusDriver {
  readonly stats: QlpMasterStats = { lineFaults: 0, strayFrames: 0 };
  private readonly decoder = new QlpLineDecoder();
  private readonly seqs = new Map<number, number>();

  constructor(options: QlpMasterOptions) {
    super(options);
    // SEQ starts from the clock, not 0: after a hub restart the first request must not match the
    // SEQ a device still has cached, or it would get a stale reply.
    const base = this.timers.now() & 0xff;
    for (const address of options.addresses) this.seqs.set(address, base);
  }

  async armKeypad(address: number, request: ArmRequest): Promise<void> {
    await this.command(address, 'EVAL.START', evalStartArgs(request));
  }

  async disarmKeypad(address: number): Promise<void> {
    await this.command(address, 'EVAL.CANCEL', {});
  }

  async show(address: number, text: string, options: ShowOptions): Promise<void> {
    const args = showArgs(text, options);
    const length = qlpEncodedLength({ address, seq: 0, verb: 'SHOW', args });
    if (length > QLP_MAX_LINE) throw new WindowBusError('too-long', `SHOW needs ${length} bytes, QLP/1 allows ${QLP_MAX_LINE}`);
    await this.command(address, 'SHOW', args);
  }

  async clear(address: number): Promise<void> {
    await this.command(address, 'CLR', {});
  }

  /** `BEEP n=<count>`: one request, so a retry (same SEQ) is answered from the device's cache, never beeped twice. */
  async beep(address: number, count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 1 || count > 9) throw new RangeError(`QLP BEEP count must be 1..9, got ${count}`);
    await this.command(address, 'BEEP', { n: String(count) });
  }

  /** Sends one request and resolves with the device's reply (ACK/HELLO/IDLE/EVAL/KEY/NAK…). */
  request(address: number, verb: string, args: Record<string, string> = {}): Promise<QlpFrame> {
    return this.enqueue((settle) => ({ address, verb, args, ...settle }));
  }

  private async command(address: number, verb: string, args: Record<string, string>): Promise<void> {
    const reply = await this.request(address, verb, args);
    if (reply.verb === 'ACK' || reply.verb === 'HELLO') return;
    const code = reply.verb === 'NAK' ? (reply.args.code ?? 'unknown') : `unexpected ${reply.verb}`;
    throw new WindowBusError('nak', `device ${address} refused ${verb}: ${code}`);
  }

  protected async execute(job: Job): Promise<QlpFrame> {
    const seq = ((this.seqs.get(job.address) ?? 0) + 1) & 0xff;
    this.seqs.set(job.address, seq);
    const bytes = encodeQlp({ address: job.address, seq, verb: job.verb, args: job.args });
    // An offline device is only probed once per poll: three timeouts per round would starve the rest.
    const attempts = job.verb === 'POLL' && !this.board.isOnline(job.address) ? 1 : 1 + this.retries;
    const reply = await this.transact(job.address, bytes, {
      attempts,
      // Same address and SEQ: a late answer to an earlier attempt is as good as this one's.
      matches: (frame) => frame.address === job.address && frame.seq === seq,
      isRetryable: (frame) => frame.verb === 'NAK' && (frame.args.code === 'crc' || frame.args.code === 'busy'),
      failure: `did not answer ${job.verb}`,
    });
    // HELLO can answer any request (the first after power-up): the device forgot its state.
    if (reply.verb === 'HELLO') this.emit(job.address, { type: 'hello' });
    return reply;
  }

  protected idleJob(address: number, done: () => void): Job {
    return {
      address,
      verb: 'POLL',
      args: {},
      resolve: (reply) => {
        const event = qlpReplyToEvent(reply);
        if (event) this.emit(address, event);
        done();
      },
      reject: done,
    };
  }

  /** Greet everyone at once so health turns online without waiting a full poll round. */
  protected greetJob(address: number): Job {
    return { address, verb: 'PING', args: {}, resolve: () => undefined, reject: () => undefined };
  }

  protected resetDecoder(): void {
    this.decoder.reset();
  }

  protected describe(job: Job): string {
    return `request ${job.verb} to device ${job.address}`;
  }

  protected handleData(chunk: Buffer): void {
    for (const result of this.decoder.feed(chunk)) {
      if (!result.ok) {
        this.stats.lineFaults += 1;
        continue;
      }
      if (!this.offer(result.frame)) this.stats.strayFrames += 1;
    }
  }
}
