import { defineConfig } from 'vite';
import { resolve } from 'node:path';

/** One build for all hall pages; the hub serves dist/ui (see server/transport/http/pages.ts). */
export default defineConfig({
  root: '.',
  publicDir: 'display-ui/public',
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
