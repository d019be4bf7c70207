/**
 * Writes province records into the outbox (storage/province-repo.ts) INSIDE the transaction of the change
 * they carry: a rating, an accepted appeal, a closed follow-up. Nothing is sent from here; the deliverer
 * (app/province-delivery.ts) reads the outbox after the commit. A hall without `province:` writes nothing.
 *
 * 一件事 (a ticket with several 办件): one rating, one row per case number, each with the same level and
 * its own record id, because each provincial 办件 must carry its own 评价 (docs/province.md).
 */
import type { Config } from '../config';
import { provinceRecordId } from '../domain/province-record';
import type { Db } from '../storage/db';
import { ProvinceRepo, type OutboxKind } from '../storage/province-repo';

const repos = new WeakMap<Db, ProvinceRepo>();

export function provinceRepoOf(db: Db): ProvinceRepo {
  let repo = repos.get(db);
  if (!repo) {
    repo = new ProvinceRepo(db);
    repos.set(db, repo);
  }
  return repo;
}

/** Call inside `writer.commit`: one row per case of the rated ticket (one row without a case if it has none). */
export function enqueueProvinceRecords(db: Db, config: Config, rating: { id: string; ticketId: string }, kind: OutboxKind, now: number): void {
  if (!config.province) return;
  const repo = provinceRepoOf(db);
  const version = repo.nextVersion(rating.id);
  const cases = repo.casesOf(rating.ticketId);
  const numbers: (string | undefined)[] = cases.length > 0 ? cases.map((c) => c.caseNumber) : [undefined];
  numbers.forEach((caseNumber, caseIndex) => {
    repo.enqueue({ id: provinceRecordId(rating.id, version, caseIndex), ratingId: rating.id, version, caseIndex, ...(caseNumber ? { caseNumber } : {}), kind, now });
  });
}
