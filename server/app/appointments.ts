/** Creating, importing and previewing appointments (预约): the use cases between the routes and the repository. */
import { randomInt } from 'node:crypto';
import type { AppointmentView } from '../protocol/kiosk';
import { dayOf } from '../domain/calendar';
import { localHourMinute, parseLocalDateTime } from '../domain/local-time';
import { appointmentStatus } from '../domain/appointment-timing';
import type { PersonRecord } from '../domain/identity-policy';
import { parseAppointmentsCsv, type AppointmentRow } from '../domain/appointments-csv';
import type { Appointment, AppointmentsRepo } from '../storage/appointments-repo';
import type { Actor } from './actor';
import type { HubPorts } from './ports';
import { HubError } from './errors';
import { personFromIdNumber } from './kiosk-identity';

/** What the appointment use cases are handed: the writer, the clock, the services and the hall's policy. */
export type AppointmentPorts = Pick<HubPorts, 'writer' | 'time' | 'layout' | 'config'>;

export function appointmentView(ports: Pick<HubPorts, 'time' | 'config'>, a: Appointment): AppointmentView {
  return {
    code: a.code,
    serviceId: a.serviceId,
    slotStart: a.slotStart,
    slotEnd: a.slotEnd,
    ...(a.nameMasked ? { nameMasked: a.nameMasked } : {}),
    ...(a.personMasked ? { personMasked: a.personMasked } : {}),
    status: appointmentStatus(a, ports.time.now(), ports.config.hall.timeZone, ports.config.policy),
  };
}

export function findAppointment(ports: Pick<HubPorts, 'time' | 'config'>, repo: AppointmentsRepo, code: string): AppointmentView {
  const found = repo.get(code);
  if (!found) throw new HubError('unknown-appointment', 'We cannot find this appointment code. Please check it, or take a normal ticket.');
  return appointmentView(ports, found);
}

export interface NewAppointment {
  readonly code?: string;
  readonly serviceId: string;
  /** An instant, or hall-local 'YYYY-MM-DD HH:mm' (or ISO with an offset). */
  readonly slotStart: number | string;
  readonly slotEnd: number | string;
  readonly idNumber?: string;
  readonly name?: string;
}

/** Creates (or changes an unused) appointment, with a fact in the audit log naming who did it: never the person. */
export function createAppointment(ports: AppointmentPorts, actor: Actor, repo: AppointmentsRepo, input: NewAppointment): AppointmentView {
  const zone = ports.config.hall.timeZone;
  const row = { ...input, slotStart: toInstant(input.slotStart, zone, 'slotStart'), slotEnd: toInstant(input.slotEnd, zone, 'slotEnd') };
  const problem = checkRow(ports, row);
  if (problem) throw new HubError('invalid-request', problem);
  const person = personOf(ports, row);
  return ports.writer.commit(actor, (tx) => {
    const code = row.code ?? freeCode(repo);
    if (!repo.save({ code, serviceId: row.serviceId, slotStart: row.slotStart, slotEnd: row.slotEnd, ...personFields(person), createdAt: tx.now })) {
      throw new HubError('appointment-used', `Appointment ${code} has already been checked in and cannot be changed.`);
    }
    const saved = repo.get(code);
    if (!saved) throw new HubError('internal', 'The appointment was not saved. Please try again.');
    const slot = `${dayOf(saved.slotStart, zone)} ${localHourMinute(saved.slotStart, zone)}–${localHourMinute(saved.slotEnd, zone)}`;
    tx.emit('admin:changed', { area: 'appointments', summary: `appointment ${code} for ${saved.serviceId} at ${slot}${person ? ', booked with an ID number' : ''}` });
    return appointmentView(ports, saved);
  });
}

/** All-or-nothing: a file with any bad line changes nothing, and every bad line is reported. */
export function importAppointments(ports: AppointmentPorts, actor: Actor, repo: AppointmentsRepo, csv: string): { imported: number; keptUsed: string[] } {
  const { rows, problems } = parseAppointmentsCsv(csv, ports.config.hall.timeZone);
  for (const row of rows) {
    const problem = checkRow(ports, row);
    if (problem) problems.push({ line: row.line, message: problem });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const shown = problems.slice(0, 20).map((p) => `line ${p.line}: ${p.message}`).join('; ');
    throw new HubError('invalid-request', `Nothing was imported. ${problems.length} problem(s): ${shown}${problems.length > 20 ? '; …' : ''}`);
  }
  const people = rows.map((row) => personOf(ports, row));
  const keptUsed: string[] = [];
  ports.writer.commit(actor, (tx) => {
    rows.forEach((row: AppointmentRow, i) => {
      const saved = repo.save({ code: row.code, serviceId: row.serviceId, slotStart: row.slotStart, slotEnd: row.slotEnd, ...personFields(people[i]), createdAt: tx.now });
      if (!saved) keptUsed.push(row.code);
    });
    const kept = keptUsed.length > 0 ? `; ${keptUsed.length} already used and kept as they were` : '';
    tx.emit('admin:changed', { area: 'appointments', summary: `imported ${rows.length - keptUsed.length} appointments from a file of ${rows.length}${kept}` });
  });
  return { imported: rows.length - keptUsed.length, keptUsed };
}

interface CheckedRow {
  readonly serviceId: string;
  readonly slotStart: number;
  readonly slotEnd: number;
  readonly idNumber?: string;
  readonly name?: string;
}

function checkRow(ports: AppointmentPorts, row: CheckedRow): string | undefined {
  if (!ports.layout.services.has(row.serviceId)) return `unknown service ${row.serviceId}`;
  if (row.slotEnd <= row.slotStart) return 'slotEnd must be after slotStart';
  if (row.idNumber !== undefined) {
    const person = personFromIdNumber(row.idNumber, row.name, ports.config.idHashKey);
    if (!person.ok) return person.message;
  }
  return undefined;
}

function personOf(ports: AppointmentPorts, row: CheckedRow): PersonRecord | undefined {
  if (row.idNumber === undefined) return undefined;
  const result = personFromIdNumber(row.idNumber, row.name, ports.config.idHashKey);
  return result.ok ? result.person : undefined;
}

function personFields(person: PersonRecord | undefined): Partial<Pick<Appointment, 'personHash' | 'personMasked' | 'nameMasked'>> {
  if (!person) return {};
  return { personHash: person.hash, personMasked: person.masked, ...(person.nameMasked ? { nameMasked: person.nameMasked } : {}) };
}

/** An 8-digit code not in use: digits only, so it can be typed on the kiosk keypad. */
function freeCode(repo: AppointmentsRepo): string {
  for (;;) {
    const code = String(randomInt(10_000_000, 100_000_000));
    if (!repo.get(code)) return code;
  }
}

function toInstant(value: number | string, timeZone: string, field: string): number {
  if (typeof value === 'number') return value;
  const at = parseLocalDateTime(value, timeZone);
  if (at === undefined) throw new HubError('invalid-request', `${field} is not a time like 2026-11-27 09:30.`);
  return at;
}
