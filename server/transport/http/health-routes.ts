/** `/healthz` and `/readyz` (server/protocol/routes/health.ts): translate the hub's storage and device state. */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../app/hub';
import { HubError } from '../../app/errors';
import { healthRoutes } from '../../protocol/routes/health';
import { HALLQ_VERSION } from '../../version';
import { registerRoute } from './route-kit';

/** Readiness wants warning before the disk is full, not at the last megabyte the write probe needs. */
export const READY_MIN_FREE_BYTES = 100 * 1024 * 1024;

export function registerHealthRoutes(app: FastifyInstance, hub: Hub): void {
  const startedAt = performance.now();
  registerRoute(app, healthRoutes.live, () => ({
    status: 'ok' as const,
    version: HALLQ_VERSION,
    uptimeSeconds: Math.floor((performance.now() - startedAt) / 1000),
  }));
  registerRoute(app, healthRoutes.ready, () => {
    const { storage, devices } = hub.ports;
    storage.assertWritable();
    const freeBytes = storage.freeBytes();
    if (freeBytes !== undefined && freeBytes < READY_MIN_FREE_BYTES) {
      throw new HubError('not-ready', `Only ${Math.floor(freeBytes / 1024 / 1024)} MiB are free on the hub's disk; free space (old backups, logs) before it fills and ticketing stops.`);
    }
    const all = [...devices.devices.values()];
    const count = (status: string): number => all.filter((d) => d.status === status).length;
    return {
      isReady: true as const,
      version: HALLQ_VERSION,
      database: { isWritable: true },
      disk: { ...(freeBytes === undefined ? {} : { freeBytes }), minFreeBytes: READY_MIN_FREE_BYTES },
      devices: { total: all.length, online: count('online'), offline: count('offline'), error: count('error') },
    };
  });
}
