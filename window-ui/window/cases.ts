/**
 * The 办件编号 field of the serving card (docs/province.md). A barcode scanner types like a keyboard and
 * ends with Enter, so the field is a plain form: F2 focuses it (a scan starting with a digit outside it
 * lands in it too), Enter attaches the number over POST /api/tickets/:ticketId/cases, the field empties and
 * keeps the focus for the next scan (several numbers make one 一件事), Esc hands the keys back to the verbs.
 * What the clerk is told (added, duplicate, not a case number) is one sentence under the field.
 */
import { call } from '../../ui-client/api';
import { ApiError } from '../../ui-client/hub-client';
import { provinceRoutes } from '../../server/protocol/routes/province';
import { CaseNumber } from '../../server/protocol/province';
import { errorText } from '../../server/protocol/error-words';
import { currentLanguage, t } from './i18n';
import { currentTicket } from './selectors';
import type { DeskState, DeskUpdate } from './state';

const CASE_PATTERN = new RegExp(CaseNumber.pattern ?? '^.+$');
const RETRY_AFTER_MS = 10_000;

export interface CaseFieldHooks {
  token(): string;
  state(): DeskState;
  dispatch(update: DeskUpdate): void;
  /** A refusal that means the session is gone: the page signs out (answers true) instead of showing it here. */
  isSignedOut(error: ApiError): boolean;
}

type Tone = 'ok' | 'error';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element as T;
}

export class CaseField {
  /** Tickets whose list is being asked for: one GET per ticket at the counter. */
  private readonly asking = new Set<string>();
  /** When asking last failed, per ticket: asked again after a pause, not on every one-second render. */
  private readonly failedAt = new Map<string, number>();
  private isSending = false;
  private shownTicketId: string | undefined;

  constructor(private readonly hooks: CaseFieldHooks) {}

  /** Wires the form once; the page calls sync() after every render. */
  bind(): void {
    const form = byId<HTMLFormElement>('case-form');
    const input = byId<HTMLInputElement>('case-input');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      input.blur();
    });
  }

  get isShown(): boolean {
    return !byId('cases').hidden;
  }

  /** F2: into the field, its text selected so a scan replaces a wrong number. */
  focus(): boolean {
    if (!this.isShown) return false;
    const input = byId<HTMLInputElement>('case-input');
    input.focus();
    input.select();
    return true;
  }

  /** A scan that began outside the field: a new number, so it replaces what was left there; the rest follows by itself. */
  typeInto(character: string): boolean {
    if (!this.isShown) return false;
    const input = byId<HTMLInputElement>('case-input');
    input.focus();
    input.value = character;
    return true;
  }

  /** After each render: a new visitor at the counter clears the field, and their 办件 are asked for once. */
  sync(): void {
    const state = this.hooks.state();
    const ticket = currentTicket(state);
    if (ticket?.id !== this.shownTicketId) {
      this.shownTicketId = ticket?.id;
      const input = byId<HTMLInputElement>('case-input');
      input.value = '';
      if (document.activeElement === input && !ticket) input.blur();
      this.say(undefined);
    }
    if (!ticket || state.cases.has(ticket.id) || this.asking.has(ticket.id) || state.connection !== 'online') return;
    if (Date.now() - (this.failedAt.get(ticket.id) ?? 0) < RETRY_AFTER_MS) return;
    this.asking.add(ticket.id);
    call(provinceRoutes.ticketCases, { params: { ticketId: ticket.id } }, { token: this.hooks.token(), retries: 1 })
      .then(
        (reply) => this.hooks.dispatch({ type: 'cases', ticketId: reply.ticketId, caseNumbers: reply.cases.map((c) => c.caseNumber), isConfigured: reply.isConfigured }),
        (error: unknown) => {
          this.failedAt.set(ticket.id, Date.now());
          if (error instanceof ApiError) this.hooks.isSignedOut(error);
        },
      )
      .finally(() => this.asking.delete(ticket.id));
  }

  private async submit(): Promise<void> {
    const input = byId<HTMLInputElement>('case-input');
    const state = this.hooks.state();
    const ticket = currentTicket(state);
    if (!ticket) return;
    const caseNumber = input.value.trim();
    if (this.isSending) return this.say(t('cases.busy'), 'error');
    if (!caseNumber) return this.say(t('cases.empty'), 'error');
    if (!CASE_PATTERN.test(caseNumber)) {
      input.select();
      return this.say(t('cases.invalid', { n: caseNumber }), 'error');
    }
    const known = state.cases.get(ticket.id) ?? [];
    if (known.includes(caseNumber)) {
      input.value = '';
      return this.say(t('cases.duplicate', { n: caseNumber }), 'error');
    }
    this.isSending = true;
    try {
      const reply = await call(provinceRoutes.attachCase, { params: { ticketId: ticket.id }, body: { caseNumber } }, { token: this.hooks.token() });
      // The staff stream's fact of this very attach may come before the answer: news is judged by the list before.
      this.hooks.dispatch({ type: 'cases', ticketId: reply.ticketId, caseNumbers: reply.cases.map((c) => c.caseNumber) });
      if (ticket.id === this.shownTicketId) input.value = '';
      this.say(t('cases.added', { n: caseNumber }));
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', String(error), 0);
      if (this.hooks.isSignedOut(apiError)) return;
      input.select();
      this.say(errorText(apiError, currentLanguage()), 'error');
    } finally {
      this.isSending = false;
    }
  }

  private say(text: string | undefined, tone: Tone = 'ok'): void {
    const message = byId('case-message');
    message.textContent = text ?? '';
    message.dataset.tone = tone;
  }
}
