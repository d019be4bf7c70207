/**
 * The `file` province adapter: one JSON line per record appended to <dir>/province-<hall day>.jsonl, acknowledged
 * once fsynced. A hub killed between the fsync and the outbox mark writes the line again on restart: the
 * record id in each line is what a reader deduplicates by (docs/province.md).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterReply, OutgoingRecord, ProvinceAdapter } from '../../app/province-adapter';

export function fileAdapter(dir: string, day: () => string): ProvinceAdapter {
  return {
    name: 'file',
    async send(records: readonly OutgoingRecord[]): Promise<AdapterReply> {
      try {
        mkdirSync(dir, { recursive: true });
        const name = `province-${day()}.jsonl`;
        const fd = openSync(join(dir, name), 'a');
        try {
          writeSync(fd, records.map((r) => JSON.stringify(r.record) + '\n').join(''));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        return { kind: 'results', results: records.map((r) => ({ id: r.id, status: 'accepted' as const, platformId: `${name}#${r.id}` })) };
      } catch (error) {
        return { kind: 'failed', message: `the province folder ${dir} could not be written (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
      }
    },
  };
}
