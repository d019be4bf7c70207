/**
 * The city uplink wired into the hub (docs/uplink.md): GET /api/uplink/status always (state 'off' without
 * an `uplink:` section), and with one the shipper, started once the hub listens and stopped first on close.
 * A sub-composition root: it picks the HTTP client (transport) for the wing (app).
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { Hub } from '../app/hub';
import { createUplinkWing, type UplinkWing } from '../app/uplink-wing';
import type { CentreLink, UplinkLog } from '../app/uplink-shipper';
import { timeOrderedId } from '../app/ids';
import { centreClient } from '../transport/uplink/centre-client';
import { registerUplinkRoutes } from '../transport/http/uplink-routes';

export interface UplinkExtensionOptions {
  /** Another way to reach the centre (tests); default: HTTP to `uplink.url`. */
  readonly link?: CentreLink;
  readonly random?: () => number;
}

/** A HubExtension (server/compose.ts), spelled out here: compose.ts imports this file, not the other way round. */
export interface UplinkExtension {
  readonly name: 'uplink';
  routes(app: FastifyInstance, hub: Hub): void;
  start(hub: Hub, context: { log: UplinkLog }): Promise<void>;
  stop(): Promise<void>;
}

export function uplinkExtension(config: Config, options: UplinkExtensionOptions = {}): UplinkExtension {
  let wing: UplinkWing | undefined;
  const wingOf = (hub: Hub, log: UplinkLog): UplinkWing =>
    (wing ??= createUplinkWing(
      hub.ports,
      config.uplink ? { link: options.link ?? centreClient(config.uplink), log, newId: () => timeOrderedId(), ...(options.random ? { random: options.random } : {}) } : undefined,
    ));
  return {
    name: 'uplink',
    routes(app, hub) {
      const current = wingOf(hub, app.log);
      registerUplinkRoutes(app, hub, () => current.status());
    },
    async start(hub, { log }) {
      wingOf(hub, log).start();
    },
    async stop() {
      await wing?.stop();
    },
  };
}
