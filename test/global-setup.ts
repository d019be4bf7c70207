/**
 * Vitest global setup: builds the UI pages once (browser tests load them from the real hub) into
 * HALLQ_UI_DIR (default dist/ui), unless HALLQ_SKIP_UI_BUILD=1 says the caller has just built them.
 */
import { build } from 'vite';

export default async function setup(): Promise<void> {
  if (process.env.HALLQ_SKIP_UI_BUILD === '1') return;
  await build({ logLevel: 'warn', configFile: 'vite.config.ts', build: process.env.HALLQ_UI_DIR ? { outDir: process.env.HALLQ_UI_DIR } : {} });
}
