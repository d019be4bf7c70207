/** Serves the built UI pages under friendly paths. The pages are static; all data comes over the API. */
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { registerFavicon } from './favicon';

/** Path → built HTML file (see vite.config.ts). */
export const PAGES: Readonly<Record<string, string>> = {
  '/kiosk': 'kiosk-ui/index.html',
  '/window': 'window-ui/index.html',
  '/manager': 'manager-ui/index.html',
  '/desk': 'desk-ui/index.html',
  '/rate': 'window-ui/rate.html',
  '/display': 'display-ui/index.html',
  '/t/:trackToken': 'display-ui/track.html',
};

export async function registerPages(app: FastifyInstance, uiDir: string): Promise<void> {
  const isBuilt = existsSync(uiDir);
  if (isBuilt) {
    await app.register(fastifyStatic, { root: uiDir, prefix: '/', index: false, wildcard: true, cacheControl: true, maxAge: '1h' });
  }
  for (const [path, file] of Object.entries(PAGES)) {
    app.get(path, { schema: { hide: true } }, (_request, reply) => {
      if (!isBuilt || !existsSync(join(uiDir, file))) {
        return reply.status(503).type('text/plain; charset=utf-8').send('The hallq pages are not built. Run `npm run build` (npm start does it for you).');
      }
      return reply.header('cache-control', 'no-cache').sendFile(file);
    });
  }
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html; charset=utf-8').send(HOME));
  registerFavicon(app);
}

const HOME = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>hallq</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; font-size: 20px; margin: 2em">
<h1>hallq 政务服务大厅排队叫号</h1>
<ul>
<li><a href="/kiosk">/kiosk</a> 取号机 Kiosk</li>
<li><a href="/window">/window</a> 窗口 Clerk window</li>
<li><a href="/display">/display</a> 大厅显示屏 Hall display</li>
<li><a href="/rate?window=1">/rate?window=1</a> 评价 Rating pad</li>
<li><a href="/desk">/desk</a> 导办台 Front desk</li>
<li><a href="/manager">/manager</a> 管理 Manager</li>
<li><a href="/docs">/docs</a> API (OpenAPI)</li>
</ul></body></html>`;
