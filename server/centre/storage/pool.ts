/**
 * The centre's PostgreSQL connections (node-postgres Pool). Times come back as epoch ms, bigints as numbers
 * and dates as 'YYYY-MM-DD' text, so repositories map rows to the protocol's shapes without conversions
 * scattered around. The parsers are per pool, not global: nothing else in the process is affected.
 */
import pg from 'pg';
import type { CustomTypesConfig, PoolClient } from 'pg';

const INT8 = 20;
const DATE = 1082;
const TIMESTAMPTZ = 1184;
const NUMERIC = 1700;

const typeParsers: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary');
    if (oid === INT8 || oid === NUMERIC) return (text: string) => Number(text);
    if (oid === DATE) return (text: string) => text;
    if (oid === TIMESTAMPTZ) {
      const parse = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => Date;
      return (text: string) => parse(text).getTime();
    }
    return pg.types.getTypeParser(oid, 'text');
  }) as CustomTypesConfig['getTypeParser'],
};

export type Pool = pg.Pool;
export type { PoolClient };

export function openPool(url: string, size: number, applicationName = 'hallq-centre'): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: size, types: typeParsers, application_name: applicationName, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the next
  // query gets a fresh connection, and the failure that matters is reported where a query fails.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one connection: COMMIT if it resolves, ROLLBACK if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let isBroken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      isBroken = true;
    });
    throw error;
  } finally {
    client.release(isBroken);
  }
}

/** A connection of its own (LISTEN, partition DDL), with the same parsers. */
export function openClient(url: string, applicationName: string): pg.Client {
  return new pg.Client({ connectionString: url, types: typeParsers, application_name: applicationName });
}

/** `timestamptz` from epoch ms, exactly (to_timestamp goes through a double and can lose a millisecond). */
export const MS_TO_TIME = (param: string): string => `(timestamptz 'epoch' + (${param})::bigint * interval '1 millisecond')`;
