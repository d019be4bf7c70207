/**
 * The pages' icon: a small SVG (a ticket on the hall's blue), linked from every page's head as /favicon.svg.
 * Browsers still ask for /favicon.ico whatever the page links, so it answers the same icon: without it every
 * page load logged a 404 and put a console error on every screen. Inline, so it is there before the pages
 * are built, and the centre's console serves the same one.
 */
import type { FastifyInstance } from 'fastify';

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#1d5fbf"/>
<path d="M7 9h18v4.5a2.5 2.5 0 0 0 0 5V23H7v-4.5a2.5 2.5 0 0 0 0-5z" fill="#fff"/>
<path d="M11 14h10M11 18h7" stroke="#1d5fbf" stroke-width="2" stroke-linecap="round"/>
</svg>
`;

/** 30 days: the icon changes with a release at most, and an old one shown a while longer harms nobody. */
const CACHE_CONTROL = 'public, max-age=2592000';

export function registerFavicon(app: FastifyInstance): void {
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    app.get(path, { schema: { hide: true } }, (_request, reply) => reply.type('image/svg+xml').header('cache-control', CACHE_CONTROL).send(FAVICON_SVG));
  }
}
