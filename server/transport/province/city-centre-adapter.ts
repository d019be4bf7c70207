/**
 * The `city-centre` province adapter (docs/province.md): the hall's records go to its city centre
 * (`POST /api/uplink/province-records`, the uplink's URL, token and TLS), which stores them and forwards them
 * for all its halls to the provincial platform — one integration per city. The centre answers each record
 * with its state there: `forwarded` (held durably, the platform's answer not in yet: the hall asks again
 * after `pollSeconds`), `accepted`/`duplicate`, or `rejected` with the platform's reason.
 *
 * Nothing personal is sent (domain/province-via-centre.ts), and records are never logged.
 */
import { Value } from '@sinclair/typebox/value';
import { UPLINK_PROTOCOL_VERSION, UplinkProvinceReply, type UplinkProvinceBatch, type UplinkProvinceResult } from '../../protocol/uplink';
import { uplinkRoutes } from '../../protocol/centre';
import type { ProvinceSettings, UplinkSettings } from '../../config';
import { centreSafeRecord } from '../../domain/province-via-centre';
import type { ProjectionContext } from '../../domain/uplink-projection';
import type { AdapterReply, AdapterResult, OutgoingRecord, ProvinceAdapter } from '../../app/province-adapter';
import { centreConnection } from '../uplink/centre-client';

export interface CityCentreAdapterOptions {
  readonly hallCode: string;
  readonly uplink: UplinkSettings;
  readonly mapping: Pick<ProvinceSettings, 'fields' | 'clerk' | 'constants'>;
  readonly pollSeconds: number;
  /** Staff display names, cut out of free text as the uplink does. */
  readonly projection: ProjectionContext;
}

export interface ClosableAdapter extends ProvinceAdapter {
  close(): Promise<void>;
}

function resultOf(r: UplinkProvinceResult, askAgainAfterMs: number): AdapterResult {
  if (r.state === 'forwarded') return { id: r.id, status: 'forwarded', askAgainAfterMs, ...(r.reason ? { reason: `at the city centre: ${r.reason}` } : {}) };
  if (r.state === 'rejected') return { id: r.id, status: 'rejected', reason: r.reason ?? 'The platform refused the record without a reason.' };
  return { id: r.id, status: r.state, ...(r.platformId ? { platformId: r.platformId } : {}) };
}

/** The centre's own sentence, short (it was written for people and never carries a record). */
async function sentenceOf(response: { text(): Promise<string> }): Promise<string> {
  try {
    const body = JSON.parse(await response.text()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message.slice(0, 300) : '';
  } catch {
    return '';
  }
}

export function cityCentreAdapter(options: CityCentreAdapterOptions): ClosableAdapter {
  const opened = centreConnection(options.uplink);
  const askAgainAfterMs = options.pollSeconds * 1000;
  return {
    name: 'city-centre',
    async send(records: readonly OutgoingRecord[], signal: AbortSignal): Promise<AdapterReply> {
      if (!opened.ok) return { kind: 'failed', message: opened.message };
      const { base, headers, timeoutMs } = opened.connection;
      const batch: UplinkProvinceBatch = {
        protocol: UPLINK_PROTOCOL_VERSION,
        hallCode: options.hallCode,
        records: records.map((r) => ({ id: r.id, intent: r.isForwarded ? 'poll' : 'deliver', record: centreSafeRecord(r.record, options.mapping, options.projection) })),
      };
      let response;
      try {
        response = await opened.connection.fetch(base + uplinkRoutes.provinceRecords.path, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(batch),
          signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        });
      } catch (error) {
        const name = (error as Error).name;
        return { kind: 'failed', message: name === 'TimeoutError' ? `the city centre did not answer within ${Math.round(timeoutMs / 1000)} s` : 'the city centre cannot be reached (network or centre down)' };
      }
      if (response.status !== 200) {
        const why = await sentenceOf(response);
        return { kind: 'failed', message: `the city centre answered HTTP ${response.status}${why ? `: ${why}` : ''}` };
      }
      let parsed: unknown;
      try {
        parsed = await response.json();
      } catch {
        return { kind: 'failed', message: 'the city centre answered without JSON: is uplink.url the centre\u2019s address?' };
      }
      if (!Value.Check(UplinkProvinceReply, parsed)) return { kind: 'failed', message: 'the city centre answered with a reply that is not the interface\u2019s' };
      return { kind: 'results', results: parsed.results.map((r) => resultOf(r, askAgainAfterMs)) };
    },
    close: async () => {
      if (opened.ok) await opened.connection.close();
    },
  };
}
