/**
 * Serves the built city console (city-ui/, built by `npm run build` into dist/ui) at `/` and `/city`, with
 * its assets, as the hub's transport/http/pages.ts serves the hall pages. The page is static; all data comes
 * over the console's API and live stream.
 */
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { registerFavicon } from '../../transport/http/favicon';

export const CITY_PAGE = 'city-ui/index.html';

export async function registerConsolePage(app: FastifyInstance, uiDir: string): Promise<void> {
  const isBuilt = existsSync(join(uiDir, CITY_PAGE));
  if (existsSync(uiDir)) {
    await app.register(fastifyStatic, { root: uiDir, prefix: '/', index: false, wildcard: true, cacheControl: true, maxAge: '1h' });
  }
  for (const path of ['/', '/city']) {
    app.get(path, { schema: { hide: true } }, (_request, reply) => {
      if (!isBuilt && !existsSync(join(uiDir, CITY_PAGE))) {
        return reply.status(503).type('text/plain; charset=utf-8').send('The city console page is not built. Run `npm run build`, then reload.');
      }
      return reply.header('cache-control', 'no-cache').sendFile(CITY_PAGE);
    });
  }
  registerFavicon(app);
}
