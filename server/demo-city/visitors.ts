/**
 * Simulated visitors for a demo city hall, over the hall's HTTP API with the demo credentials, as a real
 * kiosk, clerks and phones would: tickets taken every few seconds, clerks at each window calling, serving
 * and finishing, most visitors rating by phone (a few 差评, so follow-ups and 督办 have something to show).
 * Every failure is a line in the log and the loop goes on: a demo must not stop because a call was refused.
 */
import { DEMO_KIOSK_TOKEN, DEMO_PASSWORD } from '../demo-config';

export interface VisitorSim {
  stop(): void;
}

interface Options {
  readonly url: string;
  readonly services: readonly string[];
  readonly windows: readonly string[];
  readonly log: (line: string) => void;
  /** Mean seconds between two arrivals (default 6). */
  readonly arrivalSeconds?: number;
}

const between = (min: number, max: number): number => min + Math.random() * (max - min);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

function score(): 1 | 2 | 3 | 4 | 5 {
  const r = Math.random();
  return r < 0.6 ? 5 : r < 0.85 ? 4 : r < 0.93 ? 3 : r < 0.97 ? 2 : 1;
}

async function call<T>(url: string, method: 'GET' | 'POST', path: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export function simulateVisitors(options: Options): VisitorSim {
  const { url, log } = options;
  const timers = new Set<NodeJS.Timeout>();
  const trackTokens = new Map<string, string>();
  let isStopped = false;
  const later = (seconds: number, work: () => Promise<void>): void => {
    if (isStopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      work().catch((error: unknown) => log(`visitor simulation at ${url}: ${(error as Error).message}`));
    }, seconds * 1000);
    timers.add(timer);
  };

  const arrive = async (): Promise<void> => {
    const issued = await call<{ id: string; trackToken?: string }>(url, 'POST', '/api/tickets', DEMO_KIOSK_TOKEN, { serviceId: pick(options.services) });
    if (issued.status === 201 && issued.body.trackToken) trackTokens.set(issued.body.id, issued.body.trackToken);
    later(between(0.4, 1.6) * (options.arrivalSeconds ?? 6), arrive);
  };

  const serve = (windowId: string, token: string) => {
    const next = async (): Promise<void> => {
      const called = await call<{ ticket?: { id: string } } | null>(url, 'POST', `/api/windows/${windowId}/call-next`, token, {});
      const ticketId = called.status === 200 ? called.body?.ticket?.id : undefined;
      if (!ticketId) return later(between(3, 8), next);
      later(between(15, 70), async () => {
        // Now and then a visitor is not there when called (过号).
        const verb = Math.random() < 0.05 ? 'no-show' : 'finish';
        await call(url, 'POST', `/api/windows/${windowId}/${verb}`, token, {});
        const trackToken = trackTokens.get(ticketId);
        trackTokens.delete(ticketId);
        if (verb === 'finish' && trackToken && Math.random() < 0.7) {
          const s = score();
          await call(url, 'POST', `/api/track/${trackToken}/rating`, undefined, { score: s, ...(s <= 2 ? { tags: [pick(['slow', 'attitude', 'long-wait', 'unclear-guidance'] as const)] } : {}) });
        }
        later(between(2, 6), next);
      });
    };
    return next;
  };

  const start = async (): Promise<void> => {
    const clerks = ['clerk1', 'clerk2', 'clerk3', 'clerk4'];
    for (const [i, windowId] of options.windows.entries()) {
      const username = clerks[i % clerks.length] ?? 'clerk1';
      const login = await call<{ token: string }>(url, 'POST', '/api/auth/login', undefined, { username, password: DEMO_PASSWORD });
      if (login.status !== 200) throw new Error(`${username} could not sign in (${login.status})`);
      const opened = await call(url, 'POST', `/api/windows/${windowId}/open`, login.body.token, {});
      // A window still open from the last run (same clerk) is fine; another refusal is worth a line.
      if (opened.status !== 200 && opened.status !== 409) log(`visitor simulation: ${username} could not open ${windowId} (${opened.status})`);
      later(between(1, 4), serve(windowId, login.body.token));
    }
    later(between(0.5, 2), arrive);
  };
  start().catch((error: unknown) => log(`visitor simulation at ${url} could not start: ${(error as Error).message}`));

  return {
    stop() {
      isStopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
