/**
 * The staff card's sign-in locks (docs/security.md, "Sessions and sign-in"): which account is locked from
 * which computer, since and until when, and a button that clears one (audited by the hub). A lock holds
 * only that address: the clerk can still sign in from another computer.
 */
import { signInRoutes } from '../server/protocol/routes/sign-in';
import type { SignInLockView } from '../server/protocol/sessions';
import { h, clock, table } from './dom';
import { language } from './i18n';
import { request } from './api';

const WORDS = {
  'zh-CN': {
    heading: '登录锁定', none: '当前没有被锁定的账号。', account: '账号', address: '登录电脑地址', failures: '连续失败次数', since: '锁定时间', until: '解锁时间',
    clear: '解除锁定', cleared: '已解除锁定', note: '同一账号在同一台电脑上连续输错 5 次密码会被锁定（仅限该电脑）；在其他电脑上仍可登录。',
  },
  en: {
    heading: 'Sign-in locks', none: 'No account is locked.', account: 'Account', address: 'Computer address', failures: 'Failures in a row', since: 'Locked at', until: 'Until',
    clear: 'Clear lock', cleared: 'Lock cleared', note: 'Five wrong passwords in a row for one account from one computer lock that computer only; other computers can still sign in.',
  },
} as const;

export async function renderSignInLocks(notify: (text: string) => void, fail: (error: unknown) => void): Promise<HTMLElement> {
  const w = WORDS[language()];
  const card = h('div', { class: 'card', id: 'sign-in-locks' });
  const draw = (locks: readonly SignInLockView[]): void => {
    const rows = locks.map((lock) => [
      lock.username, lock.address, lock.failures, clock(lock.since), clock(lock.until),
      h('button', {
        type: 'button',
        'aria-label': `${w.clear} ${lock.username} ${lock.address}`,
        onclick: () => void request(signInRoutes.clearLock, { body: { username: lock.username, address: lock.address } })
          .then(() => (notify(w.cleared), request(signInRoutes.locks, {})))
          .then(draw, fail),
      }, w.clear),
    ]);
    card.replaceChildren(
      h('h2', {}, w.heading),
      h('p', { class: 'hint' }, w.note),
      rows.length === 0 ? h('p', {}, w.none) : table([w.account, w.address, w.failures, w.since, w.until, ''], rows),
    );
  };
  draw(await request(signInRoutes.locks, {}));
  return card;
}
