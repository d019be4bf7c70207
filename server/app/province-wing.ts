/**
 * 好差评 delivery as a wing (docs/province.md): attaching 办件 to tickets (clerk, or the business system
 * with its integration token), the managers' view of the queue with correction and resend, and the
 * deliverer started once the hub listens. Built from `hub.ports`; the adapter (transport) is handed in.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ProvinceSettings } from '../config';
import type { AttachCaseBody, IntegrationCaseBody, ProvinceCorrectionBody, ProvinceOverview, ProvinceRecordView, ProvinceState, SendNowReply, TicketCases } from '../protocol/province';
import type { OutboxRow } from '../storage/province-repo';
import type { Actor } from './actor';
import { HubError } from './errors';
import type { HubPorts } from './ports';
import type { ProvinceAdapter } from './province-adapter';
import { ProvinceDelivery, type DeliveryLog } from './province-delivery';
import { enqueueProvinceRecords, provinceRepoOf } from './province-outbox';
import { SYSTEM } from './manager-settings';
import { defaultRating, isDefaultRatingDue } from '../domain/default-rating';
import { addDays } from '../domain/working-days';
import type { RatingScore } from '../protocol/model';
import { SettingsRepo } from '../storage/settings-repo';
import { timeOrderedId } from './ids';
import { toRatingView } from './rate-ticket';

type Staff = Extract<Actor, { kind: 'staff' }>;
export type ProvincePorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'read' | 'config' | 'database' | 'bus'>;

export interface ProvinceWingOptions {
  readonly adapter: ProvinceAdapter;
  readonly log: DeliveryLog;
  readonly random?: () => number;
  readonly pollMs?: number;
}

export class ProvinceWing {
  private readonly repo;
  readonly delivery: ProvinceDelivery | undefined;
  private unsubscribe: (() => void) | undefined;

  private readonly log: DeliveryLog | undefined;

  constructor(private readonly ports: ProvincePorts, options: ProvinceWingOptions | undefined) {
    this.repo = provinceRepoOf(ports.database.db);
    this.log = options?.log;
    const settings = ports.config.province;
    this.delivery = settings && options
      ? new ProvinceDelivery(ports, { repo: this.repo, settings, adapter: options.adapter, log: options.log, random: options.random ?? Math.random, ...(options.pollMs ? { pollMs: options.pollMs } : {}) })
      : undefined;
  }

  private get settings(): ProvinceSettings {
    const settings = this.ports.config.province;
    if (!settings) throw new HubError('not-found', 'This hall delivers no ratings to a province: add a `province:` section to hallq.yaml.');
    return settings;
  }

  start(): void {
    if (!this.delivery) return;
    const delivery = this.delivery;
    this.unsubscribe = this.ports.bus.on('facts', (events) => {
      delivery.wake();
      // The daily job: after the day rolls over (hub housekeeping), once the fan-out of that fact is over.
      if (events.some((e) => e.type === 'day:rolled')) setImmediate(() => this.applyDefaultRatingsSafely());
    });
    this.applyDefaultRatingsSafely();
    delivery.start();
  }

  private applyDefaultRatingsSafely(): void {
    try {
      this.applyDefaultRatings();
    } catch (error) {
      this.log?.error({ err: error }, 'province: the default ratings failed');
    }
  }

  /**
   * The province's default rating (`rules.defaultRatingAfterDays`, off at 0): each finished visit still
   * unrated once the rule's working days and the visitor's phone window are over gets a rating on the system
   * channel with `rules.defaultLevel`, queued for delivery in the same transaction. Visits of the last few
   * weeks are looked at, not the hall's whole history. Answers how many were made; running it again makes none.
   */
  applyDefaultRatings(): number {
    const settings = this.ports.config.province;
    if (!settings || settings.rules.defaultRatingAfterDays <= 0) return 0;
    const { time, config, read, writer, database } = this.ports;
    const now = time.now();
    const rule = { afterDays: settings.rules.defaultRatingAfterDays, phoneRatingHours: config.policy.phoneRatingHours };
    const calendar = new SettingsRepo(database.db).calendar();
    const today = time.today(now);
    const lookbackDays = rule.afterDays * 2 + Math.ceil(rule.phoneRatingHours / 24) + 14;
    const due = this.repo.unratedVisits(addDays(today, -lookbackDays), today).filter((v) => isDefaultRatingDue(v.finishedAt, now, rule, calendar, config.hall.timeZone));
    if (due.length === 0) return 0;
    return writer.commit(SYSTEM, (tx) => {
      let made = 0;
      for (const visit of due) {
        const ticket = read.tickets.get(visit.ticketId);
        if (!ticket) continue;
        // Re-checked inside the transaction: a visitor who rated a moment ago keeps their rating.
        const decided = defaultRating(ticket, read.hall.ratingForTicket(ticket.id), { id: timeOrderedId(tx.now), score: settings.rules.defaultLevel as RatingScore, now: tx.now });
        if (!decided.ok) continue;
        read.hall.insertRating(decided.value);
        enqueueProvinceRecords(database.db, config, decided.value, 'rating', tx.now);
        tx.emit('rating:recorded', { rating: toRatingView(decided.value, ticket.number) });
        made += 1;
      }
      return made;
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.delivery?.stop();
  }

  /** A clerk at the window of the ticket (the one who served it), or a manager. */
  attachByStaff(actor: Staff, ticketId: string, body: AttachCaseBody): TicketCases {
    const ticket = this.ports.read.tickets.get(ticketId);
    if (!ticket) throw new HubError('unknown-ticket', 'No such ticket. Check the ticket number.');
    if (actor.role === 'clerk' && ticket.staffId !== actor.username) throw new HubError('forbidden', `${ticket.number} was not served by you: only its clerk or a manager can attach a 办件编号.`);
    return this.attach(actor, ticket.id, ticket.number, body, actor.username);
  }

  /** The business system, with the integration token; by ticket, or the ticket its window serves now or last. */
  attachByIntegration(token: string | undefined, body: IntegrationCaseBody): TicketCases {
    // The token is checked first: without it nobody learns whether this hall delivers at all.
    const hash = this.ports.config.province?.integrationTokenHash;
    const given = token ? createHash('sha256').update(token).digest() : undefined;
    if (!hash || !given || !timingSafeEqual(given, Buffer.from(hash, 'hex'))) throw new HubError('unauthenticated', 'Send the integration token of province.integrationTokenHash as "Bearer <token>".');
    let ticket = body.ticketId ? this.ports.read.tickets.get(body.ticketId) : undefined;
    if (!body.ticketId && body.windowId) {
      this.ports.layout.window(body.windowId);
      const id = this.repo.latestTicketAtWindow(body.windowId);
      ticket = id ? this.ports.read.tickets.get(id) : undefined;
    }
    if (!ticket) throw new HubError('unknown-ticket', body.windowId ? `Window ${body.windowId} has served no ticket today.` : 'Give the ticketId or the windowId of the visit.');
    return this.attach(SYSTEM, ticket.id, ticket.number, body, 'integration');
  }

  private attach(actor: Actor, ticketId: string, number: string, body: AttachCaseBody, by: string): TicketCases {
    void this.settings;
    this.ports.writer.commit(actor, (tx) => {
      const isNew = this.repo.attachCase({ ticketId, caseNumber: body.caseNumber, ...(body.userProp ? { userProp: body.userProp } : {}), source: by, attachedAt: tx.now });
      if (!isNew) return;
      const ratingId = this.repo.ratingIdOfTicket(ticketId);
      // Rated before the number came: the records waiting for a number take it, or the rating gets one more.
      if (ratingId && this.repo.fillCaseNumber(ratingId, body.caseNumber, tx.now) === 0) {
        const rows = this.repo.rowsOfRating(ratingId).filter((r) => r.version === 1);
        if (rows.length > 0) this.repo.enqueue({ id: `${ratingId}.1.${rows.length}`, ratingId, version: 1, caseIndex: rows.length, caseNumber: body.caseNumber, kind: 'rating', now: tx.now });
      }
      tx.emit('province:case-attached', { ticketId, number, caseNumber: body.caseNumber, by });
    });
    return this.casesOf(ticketId, number);
  }

  /** A manager's "send pending now" (the old manual upload's place): the waiting records are due at once. */
  sendNow(actor: Staff): SendNowReply {
    if (!this.delivery) return { isConfigured: false, due: 0 };
    const due = this.ports.writer.commit(actor, (tx) => this.repo.makeDueNow(tx.now));
    this.delivery.wake();
    return { isConfigured: true, due };
  }

  casesOf(ticketId: string, number: string): TicketCases {
    return { ticketId, number, cases: this.repo.casesOf(ticketId).map((c) => ({ caseNumber: c.caseNumber, source: c.source, attachedAt: c.attachedAt, ...(c.userProp ? { userProp: c.userProp } : {}) })) };
  }

  overview(query: { state?: ProvinceState; limit?: string }): ProvinceOverview {
    const status = this.delivery?.status();
    const rows = this.repo.list(query.limit === undefined ? 100 : Number(query.limit), query.state ? [query.state] : undefined);
    return {
      isConfigured: this.ports.config.province !== undefined,
      ...(status ? { adapter: status.adapter } : {}),
      counts: this.repo.counts(),
      ...(status?.lastAttemptAt !== undefined ? { lastAttemptAt: status.lastAttemptAt } : {}),
      ...(status?.lastSuccessAt !== undefined ? { lastSuccessAt: status.lastSuccessAt } : {}),
      ...(status?.lastError !== undefined ? { lastError: status.lastError } : {}),
      records: rows.map((r) => this.view(r)),
    };
  }

  correct(actor: Staff, recordId: string, body: ProvinceCorrectionBody): ProvinceRecordView {
    void this.settings;
    const row = this.ports.writer.commit(actor, (tx) => {
      const current = this.repo.get(recordId);
      if (!current) throw new HubError('not-found', `There is no province record ${recordId}.`);
      if (current.state === 'acked') throw new HubError('already-acknowledged', 'The platform has acknowledged this record; it cannot be changed here.');
      const fields = { ...current.corrections, ...(body.fields ?? {}) };
      this.repo.correct(recordId, fields, body.caseNumber, tx.now);
      tx.emit('province:record-corrected', { recordId, ...(body.caseNumber ? { caseNumber: body.caseNumber } : {}), fields: Object.keys(body.fields ?? {}) });
      return this.repo.get(recordId) as OutboxRow;
    });
    return this.view(row);
  }

  private view(r: OutboxRow): ProvinceRecordView {
    const visit = this.repo.visit(r.ratingId);
    return {
      id: r.id, ratingId: r.ratingId, version: r.version, kind: r.kind, state: r.state, attempts: r.attempts, nextAt: r.nextAt, corrections: { ...r.corrections }, updatedAt: r.updatedAt,
      ...(visit ? { number: visit.number } : {}),
      ...(r.caseNumber ? { caseNumber: r.caseNumber } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.platformId ? { platformId: r.platformId } : {}),
      ...(r.ackedAt !== undefined ? { ackedAt: r.ackedAt } : {}),
    };
  }
}
