/**
 * Terminal health (protocol/terminals.ts): the 终端 tab's list and its 「刷新页面」. Registered by
 * server/transport/http/terminals-routes.ts on every hub (the registry is core: the gateway feeds it).
 */
import { defineRoute } from '../route-map';
import { NoBody } from '../http';
import { TerminalList, TerminalParams, TerminalView } from '../terminals';

export const terminalRoutes = {
  list: defineRoute({
    method: 'GET', path: '/api/manager/terminals', tags: ['manager'], access: 'manager', reply: TerminalList,
    summary: "The hall's terminals: online or dark since when",
    description: 'Wall displays, kiosk pages, rating pads and clerk PCs that said hello on their socket: online or dark and since when (kept across a hub restart), the page version (flagged when it differs from the hub\'s), the grade of being dark (A when every kiosk is dark, B a display, kiosk or clerk PC, C a rating pad) and the last fault the page reported with its grade. Darkest first.',
  }),
  reload: defineRoute({
    method: 'POST', path: '/api/manager/terminals/:terminalId/reload', tags: ['manager'], access: 'manager', params: TerminalParams, body: NoBody, reply: TerminalView,
    summary: 'Ask one page to reload itself (刷新页面)',
    description: "Audited ('terminal:reload-requested'); only that terminal's sockets get `terminal:reload`, and the page calls location.reload(). A dark terminal cannot hear it: `terminal-dark` (409); an unknown one `not-found`.",
  }),
  forget: defineRoute({
    method: 'DELETE', path: '/api/manager/terminals/:terminalId', tags: ['manager'], access: 'manager', params: TerminalParams, reply: TerminalList,
    summary: 'Forget a dark terminal (移除)',
    description: "For a replaced screen or a page that came back under a new id: removed from the list and from storage, its `terminal-dark` alert clears. Audited ('terminal:forgotten'). Replies with the list as it is now. An online terminal is refused with `terminal-online` (409): a page that is on cannot be forgotten; an unknown one `not-found`. A later hello from the same id registers it again.",
  }),
};
