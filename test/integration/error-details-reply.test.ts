/**
 * A refusal's `details` (protocol/errors.ts) reach the page on every status. The error replies' schema
 * (protocol/http.ts ErrorReply) named only `error` and `message`, and Fastify writes a reply by its schema: on
 * the statuses it lists (400, 401, 403, 404, 409, 429, 503) the details were dropped without a word; only a
 * 422 kept them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { registerRoute } from '../../server/transport/http/route-kit';
import { installErrorHandler } from '../../server/transport/http/errors';
import { HubError } from '../../server/app/errors';
import { ErrorReply } from '../../server/protocol/http';
import { defineRoute } from '../../server/protocol/route-map';
import type { ErrorDetails } from '../../server/protocol/errors';

const details: ErrorDetails = {
  problems: [
    { path: '/services/1/prefix', message: 'ticket prefix A is also used at /services/0' },
    { path: '/kiosks/0', message: 'kiosk kiosk1 would offer no service', emptyKiosk: { kiosk: 'kiosk1', kioskName: '一楼取号机', offers: [{ kind: 'department', id: 'police', name: '公安服务' }] } },
  ],
};

const refusing = defineRoute({ method: 'POST', path: '/refuse', summary: 'Refuses', tags: ['test'], access: 'anyone', reply: Type.Null() });

describe('error details on the wire', () => {
  const app = Fastify();
  afterAll(() => app.close());

  it('keeps the details of a 409 refusal, as the schema of error replies now says', async () => {
    installErrorHandler(app);
    registerRoute(app, refusing, () => {
      throw new HubError('followup-closed', 'That follow-up is closed.', { details });
    });
    const answer = await app.inject({ method: 'POST', url: '/refuse' });
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toEqual({ error: 'followup-closed', message: 'That follow-up is closed.', details });
    expect(Value.Check(ErrorReply, answer.json())).toBe(true);
  });
});
