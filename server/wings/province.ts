/**
 * 好差评 delivery to the province wired into the hub (docs/province.md): the routes always (the queue view
 * says 'not configured' without a `province:` section), and with one the deliverer, started once the hub
 * listens. A sub-composition root: it picks the adapter (transport) named in hallq.yaml.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Config, ProvinceSettings } from '../config';
import type { HubExtension } from '../compose';
import type { Hub } from '../app/hub';
import { ProvinceWing } from '../app/province-wing';
import type { ProvinceAdapter } from '../app/province-adapter';
import type { DeliveryLog } from '../app/province-delivery';
import { httpJsonAdapter } from '../transport/province/http-json-adapter';
import { fileAdapter } from '../transport/province/file-adapter';
import { cityCentreAdapter } from '../transport/province/city-centre-adapter';
import { registerProvinceRoutes } from '../transport/http/province-routes';

export interface ProvinceExtensionOptions {
  readonly adapter?: ProvinceAdapter;
  readonly random?: () => number;
  /** Real ms between looks at the outbox (tests with a controlled clock use a few ms). */
  readonly pollMs?: number;
}

export interface ProvinceExtension extends HubExtension {
  wing(): ProvinceWing;
}

function adapterOf(settings: ProvinceSettings, hub: Hub): ProvinceAdapter & { close?(): Promise<void> } {
  const adapter = settings.adapter;
  if (adapter.type === 'file') return fileAdapter(adapter.dir, () => hub.ports.time.today());
  if (adapter.type === 'city-centre') {
    const config = hub.ports.config;
    // loadConfig refuses city-centre without uplink:, so this only guards a hand-built Config.
    if (!config.uplink || !config.hall.code) throw new Error('province.adapter city-centre needs uplink: and hall.code');
    return cityCentreAdapter({
      hallCode: config.hall.code, uplink: config.uplink, mapping: settings, pollSeconds: adapter.pollSeconds,
      projection: { staffNames: new Set(config.staff.map((s) => s.name)) },
    });
  }
  const appSecret = adapter.appSecret ?? readFileSync(adapter.appSecretFile ?? '', 'utf8').trim();
  return httpJsonAdapter({ url: adapter.url, appKey: adapter.appKey, appSecret, headers: adapter.headers, timeoutSeconds: adapter.timeoutSeconds });
}

export function provinceExtension(config: Config, options: ProvinceExtensionOptions = {}): ProvinceExtension {
  let wing: ProvinceWing | undefined;
  let built: (ProvinceAdapter & { close?(): Promise<void> }) | undefined;
  const wingOf = (hub: Hub, log: DeliveryLog): ProvinceWing =>
    (wing ??= new ProvinceWing(
      hub.ports,
      config.province
        ? { adapter: options.adapter ?? (built = adapterOf(config.province, hub)), log, ...(options.random ? { random: options.random } : {}), ...(options.pollMs ? { pollMs: options.pollMs } : {}) }
        : undefined,
    ));
  return {
    name: 'province',
    routes(app: FastifyInstance, hub: Hub) {
      registerProvinceRoutes(app, hub, wingOf(hub, app.log));
    },
    async start(hub, { log }) {
      wingOf(hub, log).start();
    },
    async stop() {
      await wing?.stop();
      await built?.close?.();
    },
    wing() {
      if (!wing) throw new Error('the province extension has not started');
      return wing;
    },
  };
}
