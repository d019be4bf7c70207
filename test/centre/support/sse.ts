/**
 * Reads the console's live stream (GET /api/centre/live, Server-Sent Events) as the page does: fetch()
 * with the bearer header and the body's reader. `next(name)` waits for the next event of that name not
 * yet taken; `seen(name)` is every one received so far.
 */
export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

export interface SseReader {
  next(event: string, timeoutMs?: number): Promise<SseEvent>;
  seen(event: string): SseEvent[];
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export async function readEvents(baseUrl: string, token: string): Promise<SseReader> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/centre/live`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`live stream: HTTP ${response.status} ${await response.text()}`);
  const received: SseEvent[] = [];
  const taken = new Map<string, number>();
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const w of [...waiters]) w();
  };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let isEnded = false;
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const name = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (name && data !== undefined) {
            received.push({ event: name, data: JSON.parse(data) as unknown });
            wake();
          }
        }
      }
    } catch {
      // aborted by close()
    } finally {
      isEnded = true;
      wake();
    }
  })();
  return {
    ended,
    seen: (event) => received.filter((e) => e.event === event),
    next: (event, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const index = taken.get(event) ?? 0;
          const matching = received.filter((e) => e.event === event);
          const found = matching[index];
          if (found) {
            taken.set(event, index + 1);
            resolve(found);
            return true;
          }
          if (isEnded) reject(new Error(`the live stream ended before a ${event} event`));
          return isEnded;
        };
        if (check()) return;
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${event} event within ${timeoutMs} ms (got ${received.map((e) => e.event).join(', ') || 'nothing'})`));
        }, timeoutMs);
        const waiter = (): void => {
          if (check()) {
            clearTimeout(timer);
            waiters.delete(waiter);
          }
        };
        waiters.add(waiter);
      }),
    close: () => abort.abort(),
  };
}
