/**
 * Admin edits applied live and audited: services and windows (with opening hours), notices, staff,
 * holidays and the manager settings. Each edit is validated, saved and announced in one `commit`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { loadConfig } from '../config';
import { ServiceConfig, WindowConfig } from '../config-schema';
import type { Service, Window } from '../domain/types';
import type { Actor } from '../app/actor';
import { HubError } from '../app/errors';
import { hashPassword } from '../app/passwords';
import type { HolidaysBody, ManagerSettings, StaffBody } from '../protocol/manager-model';
import type { ManagerContext } from './context';

type Staff = Extract<Actor, { kind: 'staff' }>;

export const LayoutBody = Type.Object(
  { services: Type.Array(ServiceConfig, { minItems: 1, maxItems: 100 }), windows: Type.Array(WindowConfig, { minItems: 1, maxItems: 300 }) },
  { additionalProperties: false },
);
export type LayoutBody = Static<typeof LayoutBody>;

const LAYOUT_KEY = 'layout';

/** The current layout in the config file's shape (what the editor shows and sends back). */
export function currentLayout(ctx: ManagerContext): LayoutBody {
  return {
    services: [...ctx.core.services.values()].map((s) => ({
      id: s.id, name: s.name, nameEn: s.nameEn, prefix: s.prefix, rangeStart: s.rangeStart, rangeEnd: s.rangeEnd, serviceMinutes: s.defaultServiceMinutes,
      waitLimitMinutes: s.waitLimitMinutes, serviceLimitMinutes: s.serviceLimitMinutes, dailyCap: s.dailyCap, hours: s.hours.map((h) => ({ ...h })),
    })),
    windows: [...ctx.core.windows.values()].map((w) => ({
      id: w.id, number: w.number, name: w.name, area: w.area, services: w.serves.map((x) => ({ serviceId: x.serviceId, weight: x.weight })),
    })),
  };
}

/** Validates a layout with the config loader's own rules (unique ids and prefixes, known services, hours). */
function parseLayout(ctx: ManagerContext, layout: LayoutBody): { services: readonly Service[]; windows: readonly Window[] } {
  const config = ctx.core.config;
  const result = loadConfig({
    hall: { ...config.hall },
    secrets: { idHashKey: config.idHashKey },
    services: layout.services,
    windows: layout.windows,
    windowBuses: config.windowBuses,
  });
  if (!result.ok) throw new HubError('config-invalid', `The layout is not valid: ${result.problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`);
  return { services: result.config.services, windows: result.config.windows };
}

/** Applies the stored layout at start, before the hub listens. A stored layout that no longer validates is ignored. */
export function applyStoredLayout(ctx: ManagerContext, log: { warn(obj: unknown, msg: string): void }): void {
  const stored = ctx.settingsRepo.getOverride<LayoutBody>(LAYOUT_KEY);
  if (!stored) return;
  try {
    const parsed = parseLayout(ctx, stored);
    ctx.core.replaceLayout(parsed.services, parsed.windows);
  } catch (error) {
    log.warn({ err: error }, 'the stored services/windows layout is invalid for this config; using the config file');
  }
}

export function updateLayout(ctx: ManagerContext, actor: Staff, layout: LayoutBody): LayoutBody {
  const parsed = parseLayout(ctx, layout);
  const core = ctx.core;
  core.commit(actor, (tx) => {
    const serviceIds = new Set(parsed.services.map((s) => s.id));
    const windowIds = new Set(parsed.windows.map((w) => w.id));
    const stranded = core.activeTickets().find((t) => !serviceIds.has(t.serviceId));
    if (stranded) throw new HubError('config-invalid', `Service ${stranded.serviceId} still has tickets in the queue (${stranded.number}); remove it after they are served.`);
    for (const [windowId, status] of core.hall.windowStatuses()) {
      if (!windowIds.has(windowId) && status.state !== 'closed') throw new HubError('config-invalid', `Window ${windowId} is in use; close it before removing it.`);
    }
    ctx.settingsRepo.setOverride(LAYOUT_KEY, layout, tx.now, actor.username);
    core.replaceLayout(parsed.services, parsed.windows);
    tx.emit('config:updated', { services: core.serviceViews(), windows: core.windowViews() });
  });
  return currentLayout(ctx);
}

export function updateNotices(ctx: ManagerContext, actor: Staff, notices: readonly string[]): string[] {
  ctx.core.commit(actor, (tx) => {
    ctx.core.hall.setMeta('notices', JSON.stringify(notices));
    ctx.core.notices = [...notices];
    tx.emit('notices:updated', { notices: [...notices] });
  });
  return [...notices];
}

export async function saveStaff(ctx: ManagerContext, actor: Staff, username: string, body: StaffBody): Promise<{ username: string; name: string; role: string; isDisabled: boolean }> {
  const existing = ctx.core.auth.findStaff(username);
  if (!existing && !body.password) throw new HubError('invalid-request', 'A new account needs a password (at least 8 characters).');
  if (username === actor.username && (body.role !== 'admin' || body.isDisabled)) {
    throw new HubError('forbidden', 'You cannot take the admin role from, or disable, your own account.');
  }
  // Hash outside the transaction: scrypt is slow and asynchronous, and nothing may await inside a commit.
  const passwordHash = body.password ? await hashPassword(body.password) : existing?.passwordHash;
  if (!passwordHash) throw new HubError('invalid-request', 'A password is required.');
  ctx.core.commit(actor, (tx) => {
    ctx.core.auth.upsertStaff({ username, name: body.name, role: body.role, passwordHash, isDisabled: body.isDisabled ?? false });
    // A reset also lifts a lock-out, and signs the user out everywhere: a password is usually reset because it
    // leaked, and a session opened with the old one must not outlive it.
    const signedOut = body.password ? ctx.core.auth.deleteSessionsOf(username) : 0;
    if (body.password) ctx.core.auth.recordLoginSuccess(username);
    const what = existing ? (body.password ? `updated, password reset, ${signedOut} session(s) ended` : 'updated') : 'created';
    tx.emit('admin:changed', { area: 'staff', summary: `${username} (${body.role}${body.isDisabled ? ', disabled' : ''}) ${what}` });
  });
  return { username, name: body.name, role: body.role, isDisabled: body.isDisabled ?? false };
}

export function listStaff(ctx: ManagerContext): { username: string; name: string; role: string; isDisabled: boolean; isLocked: boolean }[] {
  const now = ctx.core.now();
  return ctx.core.auth.listStaff().map((s) => ({ username: s.username, name: s.name, role: s.role, isDisabled: s.isDisabled, isLocked: (s.lockedUntil ?? 0) > now }));
}

export function saveHolidays(ctx: ManagerContext, actor: Staff, body: HolidaysBody): HolidaysBody {
  const both = body.holidays.filter((d) => body.workdays.includes(d));
  if (both.length > 0) throw new HubError('config-invalid', `A day cannot be both a holiday and a working day: ${both.join(', ')}.`);
  ctx.core.commit(actor, (tx) => {
    ctx.settingsRepo.replaceCalendar(body.holidays, body.workdays);
    tx.emit('admin:changed', { area: 'holidays', summary: `${body.holidays.length} holidays, ${body.workdays.length} working weekend days` });
  });
  return calendarBody(ctx);
}

export function calendarBody(ctx: ManagerContext): HolidaysBody {
  const c = ctx.settingsRepo.calendar();
  return { holidays: [...c.holidays].sort(), workdays: [...c.workdays].sort() };
}

export function saveSettings(ctx: ManagerContext, actor: Staff, settings: ManagerSettings): ManagerSettings {
  ctx.core.commit(actor, (tx) => {
    ctx.settingsRepo.setOverride('manager-settings', settings, tx.now, actor.username);
    tx.emit('admin:changed', { area: 'settings', summary: JSON.stringify(settings) });
  });
  return ctx.settings();
}
