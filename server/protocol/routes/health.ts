/**
 * Health for monitoring (Zabbix, Prometheus blackbox, systemd watchdogs, the city's IT): `/healthz` says the
 * process answers, `/readyz` whether the hall can work (database writable, disk space left) with a device summary.
 * Both are public and carry nothing personal: a monitor should not need a staff password.
 */
import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route-map';

export const HealthReply = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  uptimeSeconds: Type.Integer({ minimum: 0 }),
});

export const ReadyReply = Type.Object({
  isReady: Type.Literal(true),
  version: Type.String(),
  database: Type.Object({ isWritable: Type.Boolean() }),
  disk: Type.Object({
    freeBytes: Type.Optional(Type.Integer({ minimum: 0, description: 'Free space where the database lives (absent where it cannot be asked)' })),
    minFreeBytes: Type.Integer({ description: 'Below this /readyz answers 503: free space before the disk is full' }),
  }),
  devices: Type.Object({ total: Type.Integer(), online: Type.Integer(), offline: Type.Integer(), error: Type.Integer() }),
});

export const healthRoutes = {
  live: defineRoute({
    method: 'GET', path: '/healthz', tags: ['health'], access: 'anyone', reply: HealthReply,
    summary: 'The process answers (liveness)',
    description: 'Always 200 while the hub process runs and its event loop answers; use /readyz to know whether the hall can work.',
  }),
  ready: defineRoute({
    method: 'GET', path: '/readyz', tags: ['health'], access: 'anyone', reply: ReadyReply,
    summary: 'The hall can work (readiness)',
    description: '200 when the database can be written and the disk has space left; otherwise 503 `storage-unavailable` or `not-ready` with a sentence saying what to fix. Devices are summarised, not judged: a printer out of paper does not make the hall unready.',
  }),
};
