/**
 * Ratings for the provincial 好差评 platform. Every province has its own interface (and credentials), so
 * hallq exports records keyed by ticket (办件编号) and hands them to a `RatingsUploader` the deployment
 * provides. `fileUploader` is the reference implementation: it writes each batch as a JSON file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEVEL_NAMES } from '../domain/ratings';
import type { RatingScore } from '../protocol/model';
import type { ManagerContext } from './context';

/** One rating as the platforms ask for it. Times are epoch ms; the hall's zone is in the batch. */
export interface RatingRecord {
  readonly ratingId: string;
  readonly ticketId: string;
  readonly number: string;
  readonly day: string;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly windowId: string;
  readonly windowNumber?: number;
  readonly staffId?: string;
  readonly level: number;
  readonly levelName: string;
  readonly reasons: readonly string[];
  readonly comment?: string;
  readonly channel: string;
  readonly issuedAt: number;
  readonly finishedAt: number;
  readonly ratedAt: number;
  /** 'none' | 'pending' | 'accepted' | 'rejected'; an accepted appeal must be reported as such, not dropped. */
  readonly appealStatus: string;
  readonly uploadedAt?: number;
}

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

/** `dir` may be a function: the data directory is known only once the hub has started. */
export function fileUploader(dir: string | (() => string)): RatingsUploader {
  return {
    name: 'file',
    async upload(batch) {
      const target = typeof dir === 'function' ? dir() : dir;
      mkdirSync(target, { recursive: true });
      const name = `ratings-${batch.createdAt}.json`;
      writeFileSync(join(target, name), JSON.stringify(batch, null, 2));
      return { reference: name };
    },
  };
}

export function ratingRecords(ctx: ManagerContext, from: string, to: string): RatingRecord[] {
  return ctx.reports.ratingsForExport(from, to).map((r) => ({
    ratingId: r.id,
    ticketId: r.ticketId,
    number: r.number,
    day: r.day,
    serviceId: r.serviceId,
    serviceName: ctx.core.services.get(r.serviceId)?.name ?? r.serviceId,
    windowId: r.windowId,
    windowNumber: ctx.core.windows.get(r.windowId)?.number,
    staffId: r.staffId ?? undefined,
    level: r.score,
    levelName: LEVEL_NAMES[r.score as RatingScore].zh,
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

/** Sends the ratings of the range not uploaded yet; records the upload in one transaction (audit log). */
export async function uploadRatings(ctx: ManagerContext, uploader: RatingsUploader, from: string, to: string, actor: { kind: 'staff'; username: string; name: string; role: 'manager' | 'admin' | 'clerk' }): Promise<{ uploaded: number; reference?: string }> {
  const records = ratingRecords(ctx, from, to).filter((r) => r.uploadedAt === undefined);
  if (records.length === 0) return { uploaded: 0 };
  const now = ctx.core.now();
  const result = await uploader.upload({ hallName: ctx.core.config.hall.name, timeZone: ctx.timeZone, createdAt: now, records });
  ctx.core.commit(actor, (tx) => {
    ctx.settingsRepo.markUploaded(records.map((r) => r.ratingId), uploader.name, tx.now, result.reference);
    tx.emit('admin:changed', { area: 'settings', summary: `uploaded ${records.length} ratings (${from} … ${to}) via ${uploader.name}` });
  });
  return { uploaded: records.length, reference: result.reference };
}
