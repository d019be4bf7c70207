/** Creating, importing and previewing appointments: the rules between the routes and the repository. */
import type { HubCore } from '../app/core';
import type { Actor } from '../app/actor';
import { dayOf } from '../domain/calendar';
import { localHourMinute } from './local-time';
import { HubError } from '../app/errors';
import { randomInt } from 'node:crypto';
import { checkInTiming, personFromIdNumber, type PersonRecord } from './identity-policy';
import type { Appointment, AppointmentsRepo } from './appointments-repo';
import { parseAppointmentsCsv, type AppointmentRow } from './appointments-csv';

/** What staff and the kiosk see of an appointment: masked person only. */
export interface AppointmentView {
  readonly code: string;
  readonly serviceId: string;
  readonly slotStart: number;
  readonly slotEnd: number;
  readonly nameMasked?: string;
  readonly personMasked?: string;
  /** 'early' and 'on-time' keep appointment priority; 'late' becomes a normal ticket; 'used' / 'not-today' are refused. */
  readonly status: 'early' | 'on-time' | 'late' | 'used' | 'not-today';
}

export function appointmentView(core: HubCore, a: Appointment): AppointmentView {
  const now = core.now();
  const status = a.ticketId ? 'used' : core.today(a.slotStart) !== core.today(now) ? 'not-today' : checkInTiming(now, a, core.config.policy);
  return {
    code: a.code,
    serviceId: a.serviceId,
    slotStart: a.slotStart,
    slotEnd: a.slotEnd,
    ...(a.nameMasked ? { nameMasked: a.nameMasked } : {}),
    ...(a.personMasked ? { personMasked: a.personMasked } : {}),
    status,
  };
}

export interface NewAppointment {
  readonly code?: string;
  readonly serviceId: string;
  readonly slotStart: number;
  readonly slotEnd: number;
  readonly idNumber?: string;
  readonly name?: string;
}

/** Creates (or changes an unused) appointment, with a fact in the audit log naming who did it: never the person. */
export function createAppointment(core: HubCore, actor: Actor, repo: AppointmentsRepo, input: NewAppointment): AppointmentView {
  const problem = checkRow(core, input);
  if (problem) throw new HubError('invalid-request', problem);
  const person = personOf(core, input);
  return core.commit(actor, (tx) => {
    const code = input.code ?? freeCode(repo);
    if (!repo.save({ code, serviceId: input.serviceId, slotStart: input.slotStart, slotEnd: input.slotEnd, ...personFields(person), createdAt: tx.now })) {
      throw new HubError('appointment-used', `Appointment ${code} has already been checked in and cannot be changed.`);
    }
    const saved = repo.get(code);
    if (!saved) throw new HubError('internal', 'The appointment was not saved.');
    const zone = core.config.hall.timeZone;
    const slot = `${dayOf(saved.slotStart, zone)} ${localHourMinute(saved.slotStart, zone)}–${localHourMinute(saved.slotEnd, zone)}`;
    tx.emit('admin:changed', { area: 'appointments', summary: `appointment ${code} for ${saved.serviceId} at ${slot}${person ? ', booked with an ID number' : ''}` });
    return appointmentView(core, saved);
  });
}

/** All-or-nothing: a file with any bad line changes nothing, and every bad line is reported. */
export function importAppointments(core: HubCore, actor: Actor, repo: AppointmentsRepo, csv: string): { imported: number; keptUsed: string[] } {
  const { rows, problems } = parseAppointmentsCsv(csv, core.config.hall.timeZone);
  for (const row of rows) {
    const problem = checkRow(core, row);
    if (problem) problems.push({ line: row.line, message: problem });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const shown = problems.slice(0, 20).map((p) => `line ${p.line}: ${p.message}`).join('; ');
    throw new HubError('invalid-request', `Nothing was imported. ${problems.length} problem(s): ${shown}${problems.length > 20 ? '; …' : ''}`);
  }
  const people = rows.map((row) => personOf(core, row));
  const keptUsed: string[] = [];
  core.commit(actor, (tx) => {
    rows.forEach((row: AppointmentRow, i) => {
      const saved = repo.save({ code: row.code, serviceId: row.serviceId, slotStart: row.slotStart, slotEnd: row.slotEnd, ...personFields(people[i]), createdAt: tx.now });
      if (!saved) keptUsed.push(row.code);
    });
    const kept = keptUsed.length > 0 ? `; ${keptUsed.length} already used and kept as they were` : '';
    tx.emit('admin:changed', { area: 'appointments', summary: `imported ${rows.length - keptUsed.length} appointments from a file of ${rows.length}${kept}` });
  });
  return { imported: rows.length - keptUsed.length, keptUsed };
}

function checkRow(core: HubCore, row: NewAppointment): string | undefined {
  if (!core.services.has(row.serviceId)) return `unknown service ${row.serviceId}`;
  if (row.slotEnd <= row.slotStart) return 'slotEnd must be after slotStart';
  if (row.idNumber !== undefined) {
    const person = personFromIdNumber(row.idNumber, row.name, core.config.idHashKey);
    if (!person.ok) return person.message;
  }
  return undefined;
}

function personOf(core: HubCore, row: NewAppointment): PersonRecord | undefined {
  if (row.idNumber === undefined) return undefined;
  const result = personFromIdNumber(row.idNumber, row.name, core.config.idHashKey);
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
