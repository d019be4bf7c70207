import type { StaffRole } from '../protocol/model';

/** Who is asking. Transport authenticates; the app decides what each actor may do. */
export type Actor =
  | { readonly kind: 'staff'; readonly username: string; readonly name: string; readonly role: StaffRole }
  | { readonly kind: 'kiosk'; readonly kioskId: string }
  /** A window's own device: a rating pad or keypad may only rate, a hardware caller may run the clerk's keys. */
  | { readonly kind: 'device'; readonly device: 'pad' | 'keypad' | 'caller'; readonly deviceId: string; readonly windowId: string }
  | { readonly kind: 'public' }
  | { readonly kind: 'system' };

/** How the actor appears in the audit log: never a visitor's personal data. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return `staff:${actor.username}`;
    case 'kiosk':
      return `kiosk:${actor.kioskId}`;
    case 'device':
      return `device:${actor.deviceId}`;
    case 'public':
      return 'public';
    case 'system':
      return 'system';
  }
}

export function isStaff(actor: Actor, ...roles: StaffRole[]): actor is Extract<Actor, { kind: 'staff' }> {
  return actor.kind === 'staff' && (roles.length === 0 || roles.includes(actor.role));
}
