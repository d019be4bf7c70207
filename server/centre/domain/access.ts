/**
 * Who may see which hall and who may write supervision notes. City roles see every hall; a hall viewer sees
 * its own hall only. Pure: the transports and use cases ask, and render a refusal as 403.
 */
import type { CentreRole } from '../../protocol/centre';

export interface Viewer {
  readonly username: string;
  readonly name: string;
  readonly role: CentreRole;
  readonly hallCode?: string;
}

export type Access = { readonly ok: true } | { readonly ok: false; readonly code: 'forbidden'; readonly message: string };
const ALLOWED: Access = { ok: true };

export function canSeeHall(viewer: Viewer, hallCode: string): boolean {
  return viewer.role !== 'hall-viewer' || viewer.hallCode === hallCode;
}

export function mayOpenHall(viewer: Viewer, hallCode: string): Access {
  if (canSeeHall(viewer, hallCode)) return ALLOWED;
  return { ok: false, code: 'forbidden', message: `Your account sees hall ${viewer.hallCode ?? '-'} only; ask the city administrator for access to ${hallCode}.` };
}

/** 督办 is the supervisors' (and the administrator's) to write; hall viewers only read. */
export function mayWriteNotes(viewer: Viewer, hallCode: string): Access {
  if (viewer.role === 'hall-viewer') return { ok: false, code: 'forbidden', message: 'Only city supervisors write supervision notes; your account can read them.' };
  return mayOpenHall(viewer, hallCode);
}
