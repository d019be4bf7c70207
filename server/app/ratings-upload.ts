/**
 * Ratings for the provincial 好差评 platform. Every province has its own interface (and credentials), so
 * hallq exports records keyed by ticket (办件编号) and hands them to a `RatingsUploader` the deployment
 * provides. `fileUploader` is the reference implementation: it writes each batch as a JSON file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RATING_WORDS } from '../protocol/rating-words';
import type { RatingScore } from '../protocol/model';
import type { RatingRecord, RatingsExport } from '../protocol/reports';
import type { ReportsRepo } from '../storage/reports-repo';
import type { SettingsRepo } from '../storage/settings-repo';
import type { Actor } from './actor';
import type { HubPorts } from './ports';

export interface RatingsBatch {
  readonly hallName: string;
  readonly timeZone: string;
  readonly createdAt: number;
  readonly records: readonly RatingRecord[];
}

/** What a province-specific uploader implements. It must be idempotent per ratingId: batches can be resent. */
export interface RatingsUploader {
  readonly name: string;
  upload(batch: RatingsBatch): Promise<{ readonly reference?: string }>;
}

/** `dir` is asked at each upload: the data directory is known only once the hub has started. */
export function fileUploader(dir: () => string): RatingsUploader {
  return {
    name: 'file',
    async upload(batch) {
      const target = dir();
      mkdirSync(target, { recursive: true });
      const name = `ratings-${batch.createdAt}.json`;
      writeFileSync(join(target, name), JSON.stringify(batch, null, 2));
      return { reference: name };
    },
  };
}

export type RatingsUploadPorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'config'>;

export class RatingsUpload {
  constructor(
    private readonly ports: RatingsUploadPorts,
    private readonly reports: ReportsRepo,
    private readonly ledger: SettingsRepo,
    private readonly uploader: RatingsUploader,
  ) {}

  /** The ratings of the business days `from`..`to`, with whether (and when) each was uploaded. */
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

  /** Sends the ratings of the range not uploaded yet; records the upload in one transaction (audit log). */
  async upload(actor: Extract<Actor, { kind: 'staff' }>, from: string, to: string): Promise<{ uploaded: number; reference?: string }> {
    const records = this.records(from, to).filter((r) => r.uploadedAt === undefined);
    if (records.length === 0) return { uploaded: 0 };
    const hall = this.ports.config.hall;
    const result = await this.uploader.upload({ hallName: hall.name, timeZone: hall.timeZone, createdAt: this.ports.time.now(), records });
    this.ports.writer.commit(actor, (tx) => {
      this.ledger.markUploaded(records.map((r) => r.ratingId), this.uploader.name, tx.now, result.reference);
      tx.emit('admin:changed', { area: 'settings', summary: `uploaded ${records.length} ratings (${from} … ${to}) via ${this.uploader.name}` });
    });
    return { uploaded: records.length, reference: result.reference };
  }
}
