/**
 * The manager console as a HubExtension: its use cases (server/app/manager.ts, built from the hub's ports)
 * and its routes (server/transport/http/manager-*-routes.ts). The page itself is manager-ui/, served at /manager.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { HubExtension } from '../compose';
import type { Hub } from '../app/hub';
import type { AlertEvaluation } from '../protocol/manager-model';
import { Manager, type ManagerOptions } from '../app/manager';
import { registerManagerRoutes } from '../transport/http/manager-routes';
import { registerReportRoutes } from '../transport/http/manager-reports-routes';
import { registerAdminRoutes } from '../transport/http/manager-admin-routes';

export type { ManagerOptions } from '../app/manager';

export interface ManagerExtension extends HubExtension {
  /** Runs the alert rules now (tests with a controlled clock call this instead of waiting for the timer). */
  evaluateAlerts(): AlertEvaluation;
  /** Resolves once the background digest of closed days has finished (tests that count report queries wait on it). */
  whenWarm(): Promise<void>;
}

export function managerExtension(_config: Config, options: ManagerOptions = {}): ManagerExtension {
  let manager: Manager | undefined;
  // Routes are registered before the hub starts its extensions: whichever comes first builds the wing.
  const managerOf = (hub: Hub): Manager => (manager ??= new Manager(hub.ports, options));
  return {
    name: 'manager',
    routes(app: FastifyInstance, hub: Hub) {
      const m = managerOf(hub);
      m.beforeListen(app.log);
      registerManagerRoutes(app, hub, m);
      registerReportRoutes(app, hub, m);
      registerAdminRoutes(app, hub, m);
    },
    async start(hub, { dataDir, log }) {
      managerOf(hub).start({ dataDir, log });
    },
    async stop() {
      manager?.stop();
    },
    evaluateAlerts() {
      if (!manager) throw new Error('the manager extension has not started');
      return manager.alerts.evaluate();
    },
    whenWarm() {
      return manager ? manager.whenWarm() : Promise.resolve();
    },
  };
}
