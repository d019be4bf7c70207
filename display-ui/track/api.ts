/**
 * The phone page's two requests. Plain fetch instead of protocol/client/hub-client.ts: that module also
 * holds the socket.io client, and the phone page must stay a few kilobytes on a poor mobile connection.
 */
import type { RatingBody } from '../../server/protocol/http';
import type { HallSnapshot, Language, RatingView, TrackView } from '../../server/protocol/model';

export type TrackAnswer = { ok: true; track: TrackView } | { ok: false; code: string; status: number };

export async function fetchTrack(token: string): Promise<TrackAnswer> {
  try {
    const response = await fetch(`/api/track/${encodeURIComponent(token)}`, { cache: 'no-store' });
    if (response.ok) return { ok: true, track: (await response.json()) as TrackView };
    return { ok: false, code: await errorCode(response), status: response.status };
  } catch {
    return { ok: false, code: 'unavailable', status: 0 };
  }
}

/**
 * Sends the rating with an idempotency key the caller keeps for retries, so a lost answer never records
 * a second rating.
 */
export async function postRating(token: string, body: RatingBody, idempotencyKey: string): Promise<{ ok: true; rating: RatingView } | { ok: false; code: string }> {
  try {
    const response = await fetch(`/api/track/${encodeURIComponent(token)}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    if (response.ok) return { ok: true, rating: (await response.json()) as RatingView };
    return { ok: false, code: await errorCode(response) };
  } catch {
    return { ok: false, code: 'unavailable' };
  }
}

/** The hall's language, asked only for a phone set to neither Chinese nor English. */
export async function fetchHallLanguage(): Promise<Language | undefined> {
  try {
    const response = await fetch('/api/hall', { cache: 'no-store' });
    return response.ok ? ((await response.json()) as HallSnapshot).hall.language : undefined;
  } catch {
    return undefined;
  }
}

export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function errorCode(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : 'internal';
  } catch {
    return 'internal';
  }
}
