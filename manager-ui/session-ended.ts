/**
 * Why the console went back to sign-in (issue 21): the hub ended this session (sign-out elsewhere, expiry,
 * the account disabled, its role changed or its password reset). The console reloads on sign-out, so the
 * reason is kept in sessionStorage across the reload and shown once on the sign-in form.
 */
import { SESSION_END_REASONS, sessionEndedText, type SessionEndReason } from '../server/protocol/sessions';
import type { Language } from '../server/protocol/model';

const KEY = 'hallq.manager.session-ended';

export function rememberSessionEnd(reason: SessionEndReason): void {
  sessionStorage.setItem(KEY, reason);
}

/** The words for the remembered reason (once), or undefined. */
export function takeSessionEndText(language: Language): string | undefined {
  const reason = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  const known = SESSION_END_REASONS.find((r) => r === reason);
  return known ? sessionEndedText(known, language) : undefined;
}
