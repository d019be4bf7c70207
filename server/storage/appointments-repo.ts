/** The `appointments` table (migration 1): rows ↔ appointments. Only masked and hashed personal data. */
import type { Db } from './db';

export interface Appointment {
  readonly code: string;
  readonly serviceId: string;
  readonly slotStart: number;
  readonly slotEnd: number;
  readonly personHash?: string;
  readonly personMasked?: string;
  readonly nameMasked?: string;
  /** Set when checked in: the ticket it became. */
  readonly ticketId?: string;
  readonly createdAt: number;
}

interface AppointmentRow {
  code: string;
  service_id: string;
  slot_start: number;
  slot_end: number;
  person_hash: string | null;
  person_masked: string | null;
  name_masked: string | null;
  ticket_id: string | null;
  created_at: number;
}

function toAppointment(r: AppointmentRow): Appointment {
  return {
    code: r.code,
    serviceId: r.service_id,
    slotStart: r.slot_start,
    slotEnd: r.slot_end,
    ...(r.person_hash ? { personHash: r.person_hash } : {}),
    ...(r.person_masked ? { personMasked: r.person_masked } : {}),
    ...(r.name_masked ? { nameMasked: r.name_masked } : {}),
    ...(r.ticket_id ? { ticketId: r.ticket_id } : {}),
    createdAt: r.created_at,
  };
}

export class AppointmentsRepo {
  private readonly byCode;
  private readonly upsertUnused;
  private readonly markUsed;

  constructor(db: Db) {
    this.byCode = db.prepare<[string], AppointmentRow>('SELECT * FROM appointments WHERE code = ?');
    // A re-imported file updates appointments nobody has used yet; a used one is history and stays.
    this.upsertUnused = db.prepare(
      `INSERT INTO appointments (code, service_id, slot_start, slot_end, person_hash, person_masked, name_masked, created_at)
       VALUES (@code, @service_id, @slot_start, @slot_end, @person_hash, @person_masked, @name_masked, @created_at)
       ON CONFLICT(code) DO UPDATE SET service_id = excluded.service_id, slot_start = excluded.slot_start, slot_end = excluded.slot_end,
         person_hash = excluded.person_hash, person_masked = excluded.person_masked, name_masked = excluded.name_masked
       WHERE appointments.ticket_id IS NULL`,
    );
    this.markUsed = db.prepare('UPDATE appointments SET ticket_id = ? WHERE code = ? AND ticket_id IS NULL');
  }

  get(code: string): Appointment | undefined {
    const row = this.byCode.get(code);
    return row ? toAppointment(row) : undefined;
  }

  /** Inserts or updates an unused appointment; false when the code is already checked in. */
  save(a: Omit<Appointment, 'ticketId'>): boolean {
    const result = this.upsertUnused.run({
      code: a.code,
      service_id: a.serviceId,
      slot_start: a.slotStart,
      slot_end: a.slotEnd,
      person_hash: a.personHash ?? null,
      person_masked: a.personMasked ?? null,
      name_masked: a.nameMasked ?? null,
      created_at: a.createdAt,
    });
    return result.changes > 0;
  }

  /** Marks the appointment checked in; false if it already was (the caller refuses the second check-in). */
  use(code: string, ticketId: string): boolean {
    return this.markUsed.run(ticketId, code).changes > 0;
  }
}
