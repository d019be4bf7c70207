/**
 * The manager console's configuration and backups: managers read, only an admin changes or downloads.
 * Every edit is validated, applied live and audited. Registered by server/transport/http/manager-admin-routes.ts.
 */
import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route-map';
import { NoBody } from '../http';
import { DeviceHealthView } from '../model';
import { Layout, LayoutSource } from '../layout';
import {
  BackupFile, BackupParams, BackupStatus, HolidaysBody, ManagerSettings, NewStaffBody, NoticesBody, PasswordResetBody, SavedStaff, StaffBody, StaffParams, StaffView,
} from '../manager-model';

export const adminRoutes = {
  layout: defineRoute({
    method: 'GET', path: '/api/admin/layout', tags: ['admin'], access: 'manager', reply: Layout,
    summary: "The hall's services and windows, in the configuration file's shape",
    description: 'What the layout editor shows and sends back: services with their numbering, limits and opening hours; windows with the services they call, in priority order with weights.',
  }),
  layoutSource: defineRoute({
    method: 'GET', path: '/api/admin/layout/source', tags: ['admin'], access: 'manager', reply: LayoutSource,
    summary: 'Whether the services and windows come from hallq.yaml or from a console edit',
    description: "`file` until an admin saves a layout here; then `console` with when and by whom: the stored layout overrides hallq.yaml's services and windows at every start, until `hallq layout drop` (the layout editor says so).",
  }),
  updateLayout: defineRoute({
    method: 'PUT', path: '/api/admin/layout', tags: ['admin'], access: 'admin', body: Layout, reply: Layout,
    summary: 'Change the services and windows live',
    description: "Checked with the configuration file's own rules (every problem named by its path); refused while a removed service still has visitors waiting or a removed window is open. Kept across restarts, where it overrides hallq.yaml's services and windows (see /api/admin/layout/source); every client follows at once.",
  }),
  notices: defineRoute({
    method: 'GET', path: '/api/admin/notices', tags: ['admin'], access: 'manager', reply: NoticesBody, summary: 'The notices (公告) displays and kiosks show',
    description: 'One line each, in the order shown; displays scroll them and kiosks show them on the start screen.',
  }),
  updateNotices: defineRoute({
    method: 'PUT', path: '/api/admin/notices', tags: ['admin'], access: 'admin', body: NoticesBody, reply: NoticesBody,
    summary: 'Change the notices (公告)', description: 'Shown at once on every display and kiosk; audited.',
  }),
  staff: defineRoute({
    method: 'GET', path: '/api/admin/staff', tags: ['admin'], access: 'manager', reply: Type.Array(StaffView),
    summary: 'The staff accounts', description: 'Username, name, role, and whether the account is disabled or locked out after failed sign-ins. Never password data.',
  }),
  createStaff: defineRoute({
    method: 'POST', path: '/api/admin/staff', tags: ['admin'], access: 'admin', body: NewStaffBody, reply: SavedStaff, status: 201,
    summary: 'Add a staff account',
    description: 'The same rules as `hallq staff add`: a username of 1–32 letters, digits, `.`, `_` or `-`, a password of at least 8 characters (not the demo one). A username already taken is refused (`account-exists`); audited.',
  }),
  saveStaff: defineRoute({
    method: 'PUT', path: '/api/admin/staff/:username', tags: ['admin'], access: 'admin', params: StaffParams, body: StaffBody, reply: SavedStaff,
    summary: 'Create or change a staff account',
    description: "A new account needs a password. A password given resets it, lifts the account's sign-in locks and ends every session of the account; disabling it or changing its role ends every session too. Ended sessions' open sockets get `session:ended` and are disconnected. Nobody can take the admin role from, or disable, their own account.",
  }),
  resetPassword: defineRoute({
    method: 'POST', path: '/api/admin/staff/:username/password', tags: ['admin'], access: 'admin', params: StaffParams, body: PasswordResetBody, reply: SavedStaff,
    summary: "Reset a staff member's password", description: "Lifts the account's sign-in locks and ends every session of the account, open sockets included; audited.",
  }),
  holidays: defineRoute({
    method: 'GET', path: '/api/admin/holidays', tags: ['admin'], access: 'manager', reply: HolidaysBody,
    summary: 'The holiday calendar', description: 'Days the hall is closed (法定节假日) and weekend days worked instead (调休上班): they set the 差评 follow-up deadlines.',
  }),
  saveHolidays: defineRoute({
    method: 'PUT', path: '/api/admin/holidays', tags: ['admin'], access: 'admin', body: HolidaysBody, reply: HolidaysBody,
    summary: 'Replace the holiday calendar', description: 'A day cannot be both a holiday and a working day; audited.',
  }),
  settings: defineRoute({
    method: 'GET', path: '/api/admin/settings', tags: ['admin'], access: 'manager', reply: ManagerSettings,
    summary: "The manager console's settings", description: 'The 差评 follow-up deadline in working days, the pause that raises an alert, in minutes, and the 红旗窗口 / 服务明星 weighting in force (`ranking`).',
  }),
  saveSettings: defineRoute({
    method: 'PUT', path: '/api/admin/settings', tags: ['admin'], access: 'admin', body: ManagerSettings, reply: ManagerSettings,
    summary: "Change the manager console's settings", description: 'Applied live; audited. Without `ranking` the weighting in force stays; with it, at least one of the four weights must be above 0.',
  }),
  devices: defineRoute({
    method: 'GET', path: '/api/admin/devices', tags: ['admin'], access: 'manager', reply: Type.Array(DeviceHealthView),
    summary: 'The health of every device', description: 'Printers, ID readers, keypads, strips and rating pads: online or not, why, and since when.',
  }),
  backups: defineRoute({
    method: 'GET', path: '/api/admin/backups', tags: ['admin'], access: 'manager', reply: BackupStatus,
    summary: 'The backups and whether the daily one ran today', description: "The files in <dataDir>/backups, newest first; the last failure of 'backup now'.",
  }),
  backupNow: defineRoute({
    method: 'POST', path: '/api/admin/backups', tags: ['admin'], access: 'admin', body: NoBody, reply: BackupFile,
    summary: 'Back up the database now', description: 'A consistent copy while the hall keeps working (SQLite online backup), as hallq-manual-<time>.db; audited.',
  }),
  downloadBackup: defineRoute({
    method: 'GET', path: '/api/admin/backups/:name', tags: ['admin'], access: 'admin', params: BackupParams, reply: Type.String(), file: { contentTypes: ['application/vnd.sqlite3'] },
    summary: 'Download a backup', description: 'The SQLite file itself, to keep a copy off the machine.',
  }),
} as const;
