/**
 * Monthly partitions of the large tables, created ahead (the months around now, at start and every few
 * hours) and on demand before a batch that reaches a month not made yet (a hall draining an old backlog).
 *
 * Each partition is created in a transaction of its own, outside any ingest: `CREATE TABLE … PARTITION OF`
 * locks the parent table, and holding that while waiting for another table's lock could deadlock with a
 * batch. A session advisory lock keeps two centre processes from racing on the same name.
 */
import { isPartitionedMonth, monthBounds, monthsAround, partitionName, type Month } from '../domain/months';
import type { Pool } from './pool';

export const PARTITIONED_TABLES = ['events', 'tickets', 'calls', 'ratings'] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

const LOCK_KEY = 'hallq_centre_partitions';

export class PartitionKeeper {
  private readonly known = new Map<PartitionedTable, Set<Month>>(PARTITIONED_TABLES.map((t) => [t, new Set<Month>()]));
  private loaded = false;

  constructor(private readonly pool: Pool) {}

  /** Reads which partitions exist (another process may have made some). */
  async load(): Promise<void> {
    const { rows } = await this.pool.query<{ parent: string; child: string }>(
      `SELECT p.relname AS parent, c.relname AS child FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = ANY($1::text[])`,
      [PARTITIONED_TABLES],
    );
    for (const row of rows) {
      const match = /_y(\d{4})m(\d{2})$/.exec(row.child);
      if (match) this.known.get(row.parent as PartitionedTable)?.add(`${match[1]}-${match[2]}`);
    }
    this.loaded = true;
  }

  /** The months from `before` back to `after` ahead of now, for every table. */
  async ensureAround(now: number, before = 1, after = 2): Promise<void> {
    const months = monthsAround(now, before, after);
    await this.ensure(PARTITIONED_TABLES.flatMap((table) => months.map((month) => ({ table, month }))));
  }

  /** Creates what is missing of `needs`; months outside 2000–2099 stay in the default partition. */
  async ensure(needs: readonly { readonly table: PartitionedTable; readonly month: Month }[]): Promise<void> {
    if (!this.loaded) await this.load();
    const missing = needs.filter((n) => isPartitionedMonth(n.month) && !this.known.get(n.table)?.has(n.month));
    if (missing.length === 0) return;
    const unique = new Map(missing.map((n) => [`${n.table}|${n.month}`, n]));
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [LOCK_KEY]);
      try {
        for (const { table, month } of unique.values()) {
          const { from, to } = monthBounds(month);
          // Times are bounded in UTC; a ticket's day is the hall's own calendar date.
          const bound = (day: string): string => (table === 'tickets' ? `'${day}'` : `'${day} 00:00:00+00'`);
          await client.query(`CREATE TABLE IF NOT EXISTS ${partitionName(table, month)} PARTITION OF ${table} FOR VALUES FROM (${bound(from)}) TO (${bound(to)})`);
          this.known.get(table)?.add(month);
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  }
}
