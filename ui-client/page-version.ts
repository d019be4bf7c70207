/**
 * The release this page was built from: Vite writes package.json's version in at build time
 * (`define` in vite.config.ts). A page run unbuilt (a unit test) says `dev`. The hub compares it with its own
 * version, so a manager sees a screen still showing an old build (server/app/terminals.ts).
 */
declare const __HALLQ_PAGE_VERSION__: string | undefined;

export const PAGE_VERSION: string = typeof __HALLQ_PAGE_VERSION__ === 'string' ? __HALLQ_PAGE_VERSION__ : 'dev';
