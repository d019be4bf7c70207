/**
 * The 好差评 forwarding part of the centre's composition root (called by compose.ts, docs/province.md): the
 * outbox repository, the route the halls post to, and — with a `province:` section — the deliverer with the
 * hall's own http-json adapter and signature. Without one the route tells a hall so and stores nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { CentreProvinceSettings } from './config';
import type { Pool } from './storage/pool';
import { CentreProvinceRepo } from './storage/province-repo';
import type { CentreLog, Clock } from './app/errors';
import type { RegisteredHall } from './app/ingest';
import { ProvinceForwarder, receiveProvinceRecords } from './app/province-forwarder';
import { registerProvinceRoutes } from './transport/province-routes';
import { httpJsonAdapter } from '../transport/province/http-json-adapter';

export interface CentreProvinceOptions {
  readonly pool: Pool;
  readonly clock: Clock;
  readonly settings: Readonly<CentreProvinceSettings> | undefined;
  readonly log: () => CentreLog;
  readonly hallByTokenHash: (tokenHash: string) => RegisteredHall | undefined;
}

export interface CentreProvince {
  readonly plugin: (app: FastifyInstance) => void;
  start(): void;
  stop(): Promise<void>;
}

export function composeCentreProvince(options: CentreProvinceOptions): CentreProvince {
  const repo = new CentreProvinceRepo(options.pool);
  const settings = options.settings;
  let forwarder: ProvinceForwarder | undefined;
  if (settings) {
    const a = settings.adapter;
    const appSecret = a.appSecret ?? readFileSync(a.appSecretFile ?? '', 'utf8').trim();
    forwarder = new ProvinceForwarder({
      repo,
      adapter: httpJsonAdapter({ url: a.url, appKey: a.appKey, appSecret, headers: a.headers, timeoutSeconds: a.timeoutSeconds }),
      clock: options.clock,
      settings: { ...settings, timeoutSeconds: a.timeoutSeconds },
      log: options.log,
      newClaim: randomUUID,
    });
  }
  const receiveDeps = { repo, clock: options.clock, isForwarding: forwarder !== undefined, stored: () => forwarder?.wake() };
  return {
    plugin: (app) => registerProvinceRoutes(app, { hallByTokenHash: options.hallByTokenHash, receive: (hall, batch) => receiveProvinceRecords(receiveDeps, hall, batch) }),
    start: () => forwarder?.start(),
    stop: async () => forwarder?.stop(),
  };
}
