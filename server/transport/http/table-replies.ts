/** Tables (server/app/table-files.ts) sent as a CSV or XLSX download, with the contract's content types. */
import type { FastifyReply } from 'fastify';
import { toCsv, toXlsx, type Table } from '../../app/table-files';
import { TABLE_FILE_TYPES } from '../../protocol/routes/manager-reports';

export async function sendTables(reply: FastifyReply, tables: readonly Table[], format: 'csv' | 'xlsx', base: string): Promise<FastifyReply> {
  const [csvType, xlsxType] = TABLE_FILE_TYPES;
  if (format === 'csv') return reply.type(csvType).header('content-disposition', `attachment; filename="${base}.csv"`).send(toCsv(tables));
  const body = await toXlsx(tables, base);
  return reply.type(xlsxType).header('content-disposition', `attachment; filename="${base}.xlsx"`).send(body);
}
