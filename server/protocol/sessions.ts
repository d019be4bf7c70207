/**
 * Sessions and sign-in (docs/security.md): why a live connection's session ended, what a page says about it,
 * and the sign-in locks a manager sees and clears. Browser-safe: TypeBox schemas, types and words only.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Language } from './model';

export const SESSION_END_REASONS = ['signed-out', 'expired', 'disabled', 'role-changed', 'password-reset'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * `session:ended`, sent to each socket of a session just before the hub disconnects it: the page shows why
 * and goes back to sign-in instead of reconnecting with a token that no longer works.
 */
export const SessionEnded = Type.Object(
  { reason: Type.Union(SESSION_END_REASONS.map((r) => Type.Literal(r))), message: Type.String() },
  { additionalProperties: false },
);
export type SessionEnded = Static<typeof SessionEnded>;

/** The hub's English sentence for each reason (also the `message` of a refused command's `session-ended`). */
export const SESSION_END_MESSAGES: Readonly<Record<SessionEndReason, string>> = {
  'signed-out': 'You have signed out (or were signed out). Please sign in again.',
  'expired': 'Your session has expired. Please sign in again.',
  'disabled': 'This account has been disabled. Ask a manager.',
  'role-changed': 'Your role was changed by an admin. Please sign in again.',
  'password-reset': 'Your password was reset by an admin. Sign in with the new password.',
};

const ZH: Readonly<Record<SessionEndReason, string>> = {
  'signed-out': '您已退出登录',
  'expired': '登录已过期，请重新登录',
  'disabled': '账号已停用，请联系管理员',
  'role-changed': '账号权限已变更，请重新登录',
  'password-reset': '密码已重置，请用新密码登录',
};

/** What a staff page shows when its session ended, in the page's language. */
export function sessionEndedText(reason: SessionEndReason, language: Language): string {
  return language === 'zh-CN' ? ZH[reason] : SESSION_END_MESSAGES[reason];
}

/** One (account, address) pair locked by failed sign-ins (`GET /api/auth/locks`). Times are hub ms. */
export const SignInLockView = Type.Object({
  username: Type.String(),
  address: Type.String(),
  failures: Type.Integer({ minimum: 0 }),
  since: Type.Integer(),
  until: Type.Integer(),
});
export type SignInLockView = Static<typeof SignInLockView>;

export const ClearSignInLockBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), address: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type ClearSignInLockBody = Static<typeof ClearSignInLockBody>;
