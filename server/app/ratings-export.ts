/**
 * The 好差评 records of a date range as a file for the hall's own use (JSON, CSV, XLSX), keyed by ticket,
 * with whether (and when) each reached the province. Delivery itself is the province outbox's
 * (app/province-delivery.ts, docs/province.md); the manual uploader this replaced is gone.
 */
import { RATING_WORDS } from '../protocol/rating-words';
import type { RatingScore } from '../protocol/model';
import type { RatingRecord, RatingsExport } from '../protocol/reports';
import type { ReportsRepo } from '../storage/reports-repo';
import type { HubPorts } from './ports';

export type RatingsExportPorts = Pick<HubPorts, 'layout' | 'config'>;

export class RatingsExporter {
  constructor(
    private readonly ports: RatingsExportPorts,
    private readonly reports: ReportsRepo,
  ) {}

  /** The ratings of the business days `from`..`to`; `uploadedAt` is when the province acknowledged the rating. */
  records(from: string, to: string): RatingRecord[] {
    const { services, windows } = this.ports.layout;
    return this.reports.ratingsForExport(from, to).map((r) => ({
      ratingId: r.id,
      ticketId: r.ticketId,
      number: r.number,
      day: r.day,
      serviceId: r.serviceId,
      serviceName: services.get(r.serviceId)?.name ?? r.serviceId,
      windowId: r.windowId,
      windowNumber: windows.get(r.windowId)?.number,
      staffId: r.staffId ?? undefined,
      level: r.score,
      levelName: RATING_WORDS['zh-CN'].levels[r.score as RatingScore],
      reasons: JSON.parse(r.tags) as string[],
      comment: r.comment ?? undefined,
      channel: r.channel,
      issuedAt: r.issuedAt,
      finishedAt: r.finishedAt,
      ratedAt: r.ratedAt,
      appealStatus: r.appealStatus ?? 'none',
      uploadedAt: r.uploadedAt ?? undefined,
    }));
  }

  /** The JSON export: the records with the hall they come from. */
  export(from: string, to: string): RatingsExport {
    const hall = this.ports.config.hall;
    return { hallName: hall.name, timeZone: hall.timeZone, from, to, records: this.records(from, to) };
  }
}
