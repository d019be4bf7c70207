/**
 * The `http-json` province adapter: POST { records } to the configured URL, signed (drivers/province/
 * signature.ts) with the app key, a timestamp and a nonce in configurable headers; the reply is checked
 * against PlatformReply. Records are never logged: they may carry personal fields the mapping asks for.
 */
import { randomUUID } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import { sign } from '../../../drivers/province/signature';
import { PlatformReply, type AdapterReply, type OutgoingRecord, type ProvinceAdapter } from '../../app/province-adapter';

export interface HttpJsonOptions {
  readonly url: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly headers: { readonly appKey: string; readonly timestamp: string; readonly nonce: string; readonly signature: string };
  readonly timeoutSeconds: number;
  /** Wall-clock seconds for the timestamp header (the platform checks it against its own clock). */
  readonly now?: () => number;
}

export function httpJsonAdapter(options: HttpJsonOptions): ProvinceAdapter {
  const url = new URL(options.url);
  return {
    name: 'http-json',
    async send(records: readonly OutgoingRecord[], signal: AbortSignal): Promise<AdapterReply> {
      const body = JSON.stringify({ records: records.map((r) => r.record) });
      const timestamp = String(Math.floor((options.now ?? Date.now)() / 1000));
      const nonce = randomUUID();
      const signature = sign(options.appSecret, { method: 'POST', path: url.pathname, timestamp, nonce, body });
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            [options.headers.appKey]: options.appKey,
            [options.headers.timestamp]: timestamp,
            [options.headers.nonce]: nonce,
            [options.headers.signature]: signature,
          },
          signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutSeconds * 1000)]),
        });
      } catch (error) {
        const name = (error as Error).name;
        return { kind: 'failed', message: name === 'TimeoutError' ? `the platform did not answer within ${options.timeoutSeconds} s` : `the platform could not be reached (${(error as Error).message})` };
      }
      const text = await response.text().catch(() => '');
      if (response.status >= 500 || response.status === 429) return { kind: 'failed', message: `the platform answered HTTP ${response.status}` };
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { kind: 'failed', message: `the platform answered HTTP ${response.status} without JSON` };
      }
      if (!Value.Check(PlatformReply, parsed)) return { kind: 'failed', message: `the platform answered HTTP ${response.status} with a reply that is not the interface's` };
      return { kind: 'results', results: parsed.results };
    },
  };
}
