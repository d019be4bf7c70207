/**
 * 我的差评 on the clerk page: the signed-in clerk's own 不满意 / 非常不满意 visits of the last 30 days (GET
 * /api/followups/mine), each with a 申诉 button until it is appealed once. Keyboard first: F4 goes to the list,
 * ↑↓ move, Enter opens the reason, Enter sends (POST /api/followups/:id/appeal), Esc cancels. A manager reviews
 * the appeal in the console's follow-up tab (manager-ui/alerts-view.ts).
 */
import { ApiError } from '../../ui-client/hub-client';
import { call } from '../../ui-client/api';
import { managerRoutes } from '../../server/protocol/routes/manager';
import type { FollowupView } from '../../server/protocol/manager-model';
import type { RatingScore } from '../../server/protocol/model';
import { RATING_WORDS } from '../../server/protocol/rating-words';
import { CONSOLE_WORDS } from '../../server/protocol/console-words';
import { currentLanguage, t } from './i18n';
import { el } from './view';

/** Goes to the list: a function key, so no letter typed into a field (or a verb) is taken. */
export const APPEALS_SHORTCUT = { key: 'F4', label: 'F4' } as const;

export interface AppealHooks {
  session(): { readonly token: string } | undefined;
  /** A refusal: shown (or the page signs out when the session is gone). */
  failed(error: ApiError): void;
  /** Said once the appeal is filed. */
  filed(text: string): void;
}

export class AppealsPanel {
  private items: FollowupView[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timeZone: string | undefined;

  constructor(private readonly hooks: AppealHooks) {}

  setTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
  }

  /** Asks again (debounced: a rating and its follow-up come as two facts). */
  refresh(delayMs = 150): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const current = this.hooks.session();
      if (!current) return;
      call(managerRoutes.myFollowups, {}, { token: current.token }).then(
        (items) => {
          if (this.hooks.session() !== current) return;
          this.items = items;
          this.render();
        },
        (error: unknown) => error instanceof ApiError && this.hooks.failed(error),
      );
    }, delayMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.items = [];
    this.render();
  }

  /** F4: the first 申诉 button (or the first item) takes the focus; false when the list is empty. */
  focus(): boolean {
    const list = document.getElementById('appeals-list');
    const target = list?.querySelector<HTMLButtonElement>('button:not([disabled])') ?? list?.querySelector<HTMLElement>('li');
    target?.focus();
    return target !== undefined && target !== null;
  }

  render(): void {
    const list = document.getElementById('appeals-list');
    if (!list) return;
    const none = document.getElementById('appeals-none');
    if (none) none.hidden = this.items.length > 0;
    const buttons: HTMLButtonElement[] = [];
    list.replaceChildren(
      ...this.items.map((f) => {
        const item = el('li');
        item.dataset.followup = f.id;
        item.tabIndex = -1;
        item.append(el('strong', undefined, f.number), el('span', undefined, ` ${this.when(f.ratedAt)} ${this.level(f)} `));
        if (f.appealStatus === 'none') {
          const button = el('button', 'appeal', t('appeals.file')) as HTMLButtonElement;
          button.type = 'button';
          button.addEventListener('click', () => this.open(f));
          button.addEventListener('keydown', (event) => {
            const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
            if (step === 0) return;
            event.preventDefault();
            buttons[Math.max(0, Math.min(buttons.length - 1, buttons.indexOf(button) + step))]?.focus();
          });
          buttons.push(button);
          item.append(button);
        } else {
          item.append(el('span', 'appeal-state', CONSOLE_WORDS[currentLanguage()].appealStates[f.appealStatus]));
        }
        return item;
      }),
    );
  }

  private when(at: number): string {
    return new Date(at).toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: this.timeZone });
  }

  /** 「2 不满意：服务态度差」 in the page's language. */
  private level(f: FollowupView): string {
    const words = RATING_WORDS[currentLanguage()];
    const level = f.score >= 1 && f.score <= 5 ? words.levels[f.score as RatingScore] : String(f.score);
    const reasons = f.tags.map((tag) => (Object.hasOwn(words.tags, tag) ? words.tags[tag as keyof typeof words.tags] : words.tags.other));
    return reasons.length === 0 ? level : `${level}${currentLanguage() === 'en' ? ': ' : '：'}${reasons.join(currentLanguage() === 'en' ? ', ' : '、')}`;
  }

  private open(f: FollowupView): void {
    const box = document.getElementById('appeal-dialog') as HTMLDialogElement | null;
    const reason = document.getElementById('appeal-reason') as HTMLInputElement | null;
    if (!box || !reason) return;
    const about = document.getElementById('appeal-about');
    if (about) about.textContent = `${f.number} · ${this.when(f.ratedAt)} · ${this.level(f)}`;
    reason.value = '';
    box.returnValue = '';
    box.onclose = () => {
      const text = reason.value.trim();
      if (box.returnValue !== 'ok' || !text) return;
      this.file(f.id, text);
    };
    // Enter sends (the form's first button is Cancel, which a plain Enter would press).
    reason.onkeydown = (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      if (reason.value.trim()) box.close('ok');
    };
    box.showModal();
    reason.focus();
  }

  private file(followupId: string, reason: string): void {
    const current = this.hooks.session();
    if (!current) return;
    call(managerRoutes.appeal, { params: { followupId }, body: { reason } }, { token: current.token }).then(
      (saved) => {
        this.items = this.items.map((f) => (f.id === saved.id ? saved : f));
        this.render();
        this.hooks.filed(t('appeal.filed'));
      },
      (error: unknown) => {
        if (error instanceof ApiError) this.hooks.failed(error);
        // Refused (already appealed, e.g. a retried send whose first answer was lost): show the hub's state.
        this.refresh(0);
      },
    );
  }
}
