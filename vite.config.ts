import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';

/** Built into every page (ui-client/page-version.ts): the hub flags a screen still running another release. */
const PAGE_VERSION = (JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string }).version;

/** One build for all hall pages; the hub serves dist/ui (see server/transport/http/pages.ts). */
export default defineConfig({
  root: '.',
  publicDir: 'display-ui/public',
  define: { __HALLQ_PAGE_VERSION__: JSON.stringify(PAGE_VERSION) },
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        kiosk: resolve(import.meta.dirname, 'kiosk-ui/index.html'),
        window: resolve(import.meta.dirname, 'window-ui/index.html'),
        manager: resolve(import.meta.dirname, 'manager-ui/index.html'),
        rate: resolve(import.meta.dirname, 'window-ui/rate.html'),
        display: resolve(import.meta.dirname, 'display-ui/index.html'),
        track: resolve(import.meta.dirname, 'display-ui/track.html'),
        city: resolve(import.meta.dirname, 'city-ui/index.html'),
        desk: resolve(import.meta.dirname, 'desk-ui/index.html'),
      },
    },
  },
});
