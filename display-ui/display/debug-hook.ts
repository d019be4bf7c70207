/**
 * `window.__hallqDisplay`: a small read-only view of what the display announced, for browser tests and
 * for a technician's console (no audio hardware needed to check the voice queue). Every getter returns
 * a copy; nothing here can change the display. It holds numbers and windows only, like the screen.
 */
import type { AnnouncedRecord } from './speaker';

export interface DisplayDebugSnapshot {
  readonly seq: number | null;
  readonly connection: string;
  /** Ticket numbers in the recent list, newest first. */
  readonly recent: readonly string[];
  /** Ticket numbers shown large as "now calling", in screen order. */
  readonly hero: readonly string[];
  /** The "now calling" card marked as being announced, or null. */
  readonly heroSpeaking: string | null;
  /** 'starting' until the voice has found its voices (calls wait for it), then 'ready' or 'unavailable'. */
  readonly voice: 'starting' | 'ready' | 'unavailable';
}

export interface DisplayDebugHook {
  /** The last 50 announcement requests, oldest first (one per call per voice language). */
  readonly announced: readonly AnnouncedRecord[];
  /** The last 50 announcements fully spoken, as "A012@3" ("!" marks a recall). */
  readonly spoken: readonly string[];
  /** Announcements waiting or being spoken. */
  pending(): number;
  /** The announcement being spoken now, as "A012@3" ("!" marks a recall), or null. */
  readonly speaking: string | null;
  state(): DisplayDebugSnapshot;
}

declare global {
  interface Window {
    __hallqDisplay?: DisplayDebugHook;
  }
}

export function installDebugHook(source: {
  announced(): readonly AnnouncedRecord[];
  spoken(): readonly string[];
  pending(): number;
  speaking(): string | null;
  snapshot(): DisplayDebugSnapshot;
}): void {
  const hook: DisplayDebugHook = Object.freeze({
    get announced() {
      return source.announced();
    },
    get spoken() {
      return source.spoken();
    },
    pending: () => source.pending(),
    get speaking() {
      return source.speaking();
    },
    state: () => source.snapshot(),
  });
  Object.defineProperty(window, '__hallqDisplay', { value: hook, writable: false, configurable: false });
}
