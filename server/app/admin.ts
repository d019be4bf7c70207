/**
 * Admin edits applied live and audited: services and windows (with opening hours), notices, staff,
 * holidays and the manager settings. Each edit is validated, saved and announced in one `commit`.
 */
import { loadConfig, type Config, type ConfigProblem } from '../config';
import type { Service, Window } from '../domain/types';
import type { KioskOffers } from '../domain/kiosk-menu';
import type { DeviceHealthView } from '../protocol/model';
import type { Layout } from '../protocol/layout';
import type { HolidaysBody, ManagerSettings, NewStaffBody, SavedStaff, StaffBody, StaffView } from '../protocol/manager-model';
import type { SettingsRepo } from '../storage/settings-repo';
import type { Actor } from './actor';
import { HubError } from './errors';
import { sessionEndFor } from './sessions';
import { checkAccountChange, checkNewPassword } from '../domain/staff-rules';
import type { HubPorts } from './ports';
import { MANAGER_SETTINGS_KEY, type ManagerSettingsSource } from './manager-settings';
import { LAYOUT_OVERRIDE_KEY } from '../storage/layout-override-file';
import { localDateTime } from '../domain/local-time';
import type { LayoutSource } from '../protocol/layout';

type Staff = Extract<Actor, { kind: 'staff' }>;

type ParsedLayout = { services: readonly Service[]; windows: readonly Window[]; offers: KioskOffers };

export type AdminPorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'read' | 'accounts' | 'devices' | 'notices' | 'config' | 'bus'>;

const LAYOUT_KEY = LAYOUT_OVERRIDE_KEY;

export class Admin {
  private readonly repo: SettingsRepo;

  constructor(
    private readonly ports: AdminPorts,
    private readonly settings: ManagerSettingsSource,
  ) {
    this.repo = settings.repo;
  }

  /** The current layout in the config file's shape (what the editor shows and sends back). */
  layout(): Layout {
    const { services, windows } = this.ports.layout;
    return {
      services: [...services.values()].map((s) => ({
        id: s.id, name: s.name, nameEn: s.nameEn, prefix: s.prefix, rangeStart: s.rangeStart, rangeEnd: s.rangeEnd, serviceMinutes: s.defaultServiceMinutes,
        waitLimitMinutes: s.waitLimitMinutes, serviceLimitMinutes: s.serviceLimitMinutes, dailyCap: s.dailyCap, hours: s.hours.map((h) => ({ ...h })),
        ...(s.guide ? { guide: structuredClone(s.guide) } : {}),
        ...(s.department ? { department: s.department } : {}),
      })),
      windows: [...windows.values()].map((w) => ({
        id: w.id, number: w.number, name: w.name, area: w.area, services: w.serves.map((x) => ({ serviceId: x.serviceId, weight: x.weight })),
      })),
      departments: this.ports.layout.departments.map((d) => ({ ...d })),
      kiosks: this.ports.config.kiosks.map((k) => {
        const offer = this.ports.layout.kioskOffer(k.id);
        return {
          id: k.id,
          ...(k.name ? { name: k.name } : {}),
          ...(offer?.services ? { services: [...offer.services] } : {}),
          ...(offer?.departments ? { departments: [...offer.departments] } : {}),
        };
      }),
    };
  }

  /**
   * hallq.yaml's kiosks with what they offer taken from the edit (a kiosk it does not list keeps its current
   * offer); the edit's own kiosk ids must be the file's (devices and tokens are set there, not here).
   */
  private kiosksOf(layout: Layout): { kiosks: Config['kiosks']; problems: ConfigProblem[] } {
    const config = this.ports.config;
    const problems: ConfigProblem[] = [];
    layout.kiosks?.forEach((k, i) => {
      if (!config.kiosks.some((c) => c.id === k.id)) problems.push({ path: `/kiosks/${i}`, message: `unknown kiosk ${k.id} (kiosks are added in hallq.yaml)` });
    });
    const kiosks = config.kiosks.map((k) => {
      const edited = layout.kiosks?.find((e) => e.id === k.id);
      const offer = edited ?? this.ports.layout.kioskOffer(k.id) ?? {};
      const { services: _services, departments: _departments, ...device } = k;
      return { ...device, ...(offer.services ? { services: [...offer.services] } : {}), ...(offer.departments ? { departments: [...offer.departments] } : {}) };
    });
    return { kiosks, problems };
  }

  /**
   * Validates a layout with the config loader's own rules (unique ids and prefixes, known services, hours, and
   * a kiosk limited in hallq.yaml keeping at least one service). The refusal carries each problem as details.
   */
  private parseLayout(layout: Layout): ParsedLayout {
    const config = this.ports.config;
    const edited = this.kiosksOf(layout);
    const result = loadConfig(
      {
        hall: { ...config.hall },
        secrets: { idHashKey: config.idHashKey },
        services: layout.services,
        windows: layout.windows,
        windowBuses: config.windowBuses,
        // A service's department must be one of the hall's, and a limited kiosk must still offer something.
        departments: layout.departments ?? [...this.ports.layout.departments],
        kiosks: edited.kiosks,
      },
      // The kiosks were checked against the file's services at start; an edit may drop one a kiosk lists.
      { earlierServices: [...this.ports.layout.services.values(), ...config.services] },
    );
    const problems = [...(result.ok ? [] : result.problems), ...edited.problems];
    if (!result.ok || problems.length > 0) {
      // A kiosk's path in hallq.yaml means nothing in the console: its sentence names the kiosk instead.
      const sentence = problems.map((p) => (p.emptyKiosk ? p.message : `${p.path} ${p.message}`)).join('; ');
      throw new HubError('config-invalid', `The layout is not valid: ${sentence}.`, { details: { problems } });
    }
    // A service the edit removed may still be named by a kiosk (allowed above, to word the empty-kiosk rule):
    // it is not kept in the kiosk's offer, so a later service with that id is not offered without anyone choosing.
    const serviceIds = new Set(result.config.services.map((s) => s.id));
    const kiosks = result.config.kiosks.map((k) => (k.services ? { ...k, services: k.services.filter((id) => serviceIds.has(id)) } : k));
    return { services: result.config.services, windows: result.config.windows, offers: { departments: result.config.departments, kiosks } };
  }

  /**
   * Who owns the services and windows: the config file, until an admin saves a layout in the console; from then
   * on the stored layout wins at every start, until `hallq layout drop` (docs/manager.md).
   */
  layoutSource(): LayoutSource {
    const info = this.repo.overrideInfo(LAYOUT_KEY);
    return info ? { source: 'console', editedAt: info.updatedAt, editedBy: info.updatedBy } : { source: 'file' };
  }

  /**
   * Applies the stored layout at start, before the hub listens, and says so loudly: hallq.yaml's services and
   * windows are then NOT what the hall runs, and an IT person editing the file must know why nothing changes.
   * A stored layout that no longer validates is ignored (the file's layout is used), also loudly.
   */
  applyStoredLayout(log: { warn(obj: unknown, msg: string): void }): void {
    const stored = this.repo.getOverride<Layout>(LAYOUT_KEY);
    const info = this.repo.overrideInfo(LAYOUT_KEY);
    if (!stored || !info) return;
    const when = localDateTime(info.updatedAt, this.ports.config.hall.timeZone);
    // A kiosk taken out of hallq.yaml since the edit: its offer goes with it, the rest of the edit still applies.
    const fileKiosks = new Set(this.ports.config.kiosks.map((k) => k.id));
    const goneKiosks = (stored.kiosks ?? []).filter((k) => !fileKiosks.has(k.id)).map((k) => k.id);
    if (goneKiosks.length > 0) log.warn({ kiosks: goneKiosks }, `the console's layout edit names kiosks no longer in hallq.yaml (${goneKiosks.join(', ')}); their offers are dropped`);
    try {
      const parsed = this.parseLayout(goneKiosks.length === 0 ? stored : { ...stored, kiosks: stored.kiosks?.filter((k) => fileKiosks.has(k.id)) });
      this.ports.layout.replaceLayout(parsed.services, parsed.windows, parsed.offers);
      log.warn(
        { editedAt: info.updatedAt, editedBy: info.updatedBy, services: parsed.services.length, windows: parsed.windows.length },
        `services and windows come from the console's layout edit of ${when} by ${info.updatedBy}, NOT from the config file: ` +
          'edits to services/windows in hallq.yaml have no effect. `hallq layout export` prints that layout as YAML for hallq.yaml; ' +
          '`hallq layout drop` (hub stopped) goes back to the file.',
      );
    } catch (error) {
      log.warn({ err: error, editedAt: info.updatedAt, editedBy: info.updatedBy }, `the console's layout edit of ${when} by ${info.updatedBy} is invalid for this config; using the config file's services and windows`);
    }
  }

  updateLayout(actor: Staff, layout: Layout): Layout {
    const parsed = this.parseLayout(layout);
    const { writer, read } = this.ports;
    writer.commit(actor, (tx) => {
      const serviceIds = new Set(parsed.services.map((s) => s.id));
      const windowIds = new Set(parsed.windows.map((w) => w.id));
      const stranded = read.activeTickets().find((t) => !serviceIds.has(t.serviceId));
      if (stranded) throw new HubError('config-invalid', `Service ${stranded.serviceId} still has tickets in the queue (${stranded.number}); remove it after they are served.`);
      for (const [windowId, status] of read.hall.windowStatuses()) {
        if (!windowIds.has(windowId) && status.state !== 'closed') throw new HubError('config-invalid', `Window ${windowId} is in use; close it before removing it.`);
      }
      this.repo.setOverride(LAYOUT_KEY, layout, tx.now, actor.username);
      this.ports.layout.replaceLayout(parsed.services, parsed.windows, parsed.offers);
      tx.emit('config:updated', { services: read.serviceViews(), windows: read.windowViews() });
    });
    return this.layout();
  }

  notices(): string[] {
    return [...this.ports.notices.notices];
  }

  updateNotices(actor: Staff, notices: readonly string[]): string[] {
    this.ports.writer.commit(actor, (tx) => {
      this.ports.read.hall.setMeta('notices', JSON.stringify(notices));
      this.ports.notices.notices = [...notices];
      tx.emit('notices:updated', { notices: [...notices] });
    });
    return [...notices];
  }

  async saveStaff(actor: Staff, username: string, body: StaffBody): Promise<SavedStaff> {
    const { auth, signIn, passwords } = this.ports.accounts;
    const existing = auth.findStaff(username);
    // The same rules as `hallq staff` (server/domain/staff-rules.ts): username, password, yourself, the last admin.
    const next = { username, name: body.name, role: body.role, isDisabled: body.isDisabled ?? false, hasPassword: body.password !== undefined };
    const change = checkAccountChange(auth.listStaff(), existing, next, actor.username);
    if (!change.ok) throw new HubError(change.code, change.message);
    const password = body.password === undefined ? undefined : checkNewPassword(body.password);
    if (password && !password.ok) throw new HubError(password.code, password.message);
    // Hash outside the transaction: scrypt is slow and asynchronous, and nothing may await inside a commit.
    const passwordHash = body.password ? await passwords.hash(body.password) : existing?.passwordHash;
    if (!passwordHash) throw new HubError('invalid-request', 'A password is required.');
    // Disabling, a password reset and a role change sign the user out everywhere, live sockets included: a
    // password is usually reset because it leaked, and a session must not keep rights it no longer has.
    const ended = sessionEndFor(auth.findStaff(username), { role: body.role, isDisabled: body.isDisabled ?? false, hasPassword: body.password !== undefined });
    this.ports.writer.commit(actor, (tx) => {
      auth.upsertStaff({ username, name: body.name, role: body.role, passwordHash, isDisabled: body.isDisabled ?? false });
      const signedOut = ended ? auth.deleteSessionsOf(username) : 0;
      if (body.password) auth.recordLoginSuccess(username);
      const what = existing ? `updated${body.password ? ', password reset' : ''}${ended ? `, ${signedOut} session(s) ended (${ended})` : ''}` : 'created';
      tx.emit('admin:changed', {
        area: 'staff',
        summary: `${username} (${body.role}${body.isDisabled ? ', disabled' : ''}) ${what}`,
        account: { username, name: body.name, role: body.role, actions: change.value },
      });
    });
    // After the commit, as every announcement: the gateway disconnects the account's sockets.
    if (ended) this.ports.bus.emit('session:ended', { reason: ended, username });
    if (body.password) signIn.clearAccount(username);
    return { username, name: body.name, role: body.role, isDisabled: body.isDisabled ?? false };
  }

  /** A new account; a username already taken is refused rather than overwritten. */
  createStaff(actor: Staff, body: NewStaffBody): Promise<SavedStaff> {
    if (this.ports.accounts.auth.findStaff(body.username)) {
      throw new HubError('account-exists', `${body.username} already exists: choose another username, or change that account in the list.`);
    }
    return this.saveStaff(actor, body.username, { name: body.name, role: body.role, password: body.password });
  }

  /** A new password for an existing account (everything else kept). */
  resetPassword(actor: Staff, username: string, password: string): Promise<SavedStaff> {
    const staff = this.ports.accounts.auth.findStaff(username);
    if (!staff) throw new HubError('not-found', `There is no account ${username}.`);
    return this.saveStaff(actor, staff.username, { name: staff.name, role: staff.role, isDisabled: staff.isDisabled, password });
  }

  listStaff(): StaffView[] {
    // Locked: from at least one address (server/domain/sign-in-lockout.ts); other addresses can still sign in.
    // The staff table's old locked_until is no longer written or obeyed.
    const locked = new Set(this.ports.accounts.signIn.locks().map((l) => l.username));
    return this.ports.accounts.auth.listStaff().map((s) => ({ username: s.username, name: s.name, role: s.role, isDisabled: s.isDisabled, isLocked: locked.has(s.username) }));
  }

  saveHolidays(actor: Staff, body: HolidaysBody): HolidaysBody {
    const both = body.holidays.filter((d) => body.workdays.includes(d));
    if (both.length > 0) throw new HubError('config-invalid', `A day cannot be both a holiday and a working day: ${both.join(', ')}.`);
    this.ports.writer.commit(actor, (tx) => {
      this.repo.replaceCalendar(body.holidays, body.workdays);
      tx.emit('admin:changed', { area: 'holidays', summary: `${body.holidays.length} holidays, ${body.workdays.length} working weekend days` });
    });
    return this.calendar();
  }

  calendar(): HolidaysBody {
    const c = this.settings.calendar();
    return { holidays: [...c.holidays].sort(), workdays: [...c.workdays].sort() };
  }

  currentSettings(): ManagerSettings {
    return this.settings.current();
  }

  saveSettings(actor: Staff, settings: ManagerSettings): ManagerSettings {
    const { ranking } = settings;
    if (ranking && ranking.satisfaction + ranking.served + ranking.handling + ranking.noShowRate <= 0) {
      throw new HubError('invalid-request', 'At least one ranking weight must be above 0: with all four at 0 every score would be 0.');
    }
    this.ports.writer.commit(actor, (tx) => {
      // A save without the weighting (the deadline and pause form) keeps the weighting saved before.
      const next = { ...this.settings.saved(), ...settings };
      this.repo.setOverride(MANAGER_SETTINGS_KEY, next, tx.now, actor.username);
      tx.emit('admin:changed', { area: 'settings', summary: JSON.stringify(settings) });
    });
    return this.settings.current();
  }

  devices(): DeviceHealthView[] {
    return [...this.ports.devices.devices.values()];
  }
}
