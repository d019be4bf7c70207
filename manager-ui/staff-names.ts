/**
 * Staff names by username, so the console shows 王芳, not `clerk1` (the follow-up's 责任人, alert rows).
 * Loaded with the lists on every (re)connect; an unknown username (an account deleted since) shows as is.
 */
import { adminRoutes } from '../server/protocol/routes/manager-admin';
import { request } from './api';

let names = new Map<string, string>();

export async function loadStaffNames(): Promise<void> {
  const staff = await request(adminRoutes.staff, {});
  names = new Map(staff.map((s) => [s.username, s.name]));
}

export function staffName(username: string | undefined): string {
  return username === undefined ? '–' : (names.get(username) ?? username);
}
