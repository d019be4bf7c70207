/**
 * The console's live link: the centre's Server-Sent Events stream (`GET /api/centre/live`, see
 * CENTRE_LIVE_PATH), read with fetch() because EventSource cannot send the Bearer header. It reconnects
 * with back-off, and says `ready` on every (re)connect so the page rebuilds from a fresh snapshot — a change
 * pushed while the link was down is never missed.
 */
import { CENTRE_LIVE_PATH, type CentreLiveEvents, type HallGlance } from '../server/protocol/centre';

export type LiveState = 'connecting' | 'live' | 'down';

export interface LiveHandlers {
  ready(now: number): void;
  hall(glance: HallGlance): void;
  sessionEnded(): void;
  state(state: LiveState): void;
}

export interface LiveLink {
  close(): void;
}

/** One `event:`/`data:` block of the stream, or undefined for comments and unknown events. */
export function parseBlock(block: string): { [K in keyof CentreLiveEvents]: { event: K; data: CentreLiveEvents[K] } }[keyof CentreLiveEvents] | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0 || !['ready', 'hall', 'session-ended'].includes(event)) return undefined;
  try {
    return { event, data: JSON.parse(data.join('\n')) } as ReturnType<typeof parseBlock>;
  } catch {
    return undefined;
  }
}

export function connectLive(token: string, handlers: LiveHandlers, base = ''): LiveLink {
  let isClosed = false;
  let controller: AbortController | undefined;
  let delay = 500;

  const run = async (): Promise<void> => {
    while (!isClosed) {
      handlers.state('connecting');
      controller = new AbortController();
      try {
        const response = await fetch(base + CENTRE_LIVE_PATH, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
        if (response.status === 401) {
          handlers.sessionEnded();
          return;
        }
        if (!response.ok || !response.body) throw new Error(`live stream answered ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const message = parseBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            if (!message) continue;
            if (message.event === 'ready') {
              delay = 500;
              handlers.state('live');
              handlers.ready(message.data.now);
            } else if (message.event === 'hall') handlers.hall(message.data);
            else {
              handlers.sessionEnded();
              return;
            }
          }
        }
      } catch {
        // Network gone, centre restarting, or closed by us: fall through to the retry (or the exit).
      }
      if (isClosed) return;
      handlers.state('down');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };
  void run();
  return {
    close() {
      isClosed = true;
      controller?.abort();
    },
  };
}
