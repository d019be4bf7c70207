/**
 * The appointment import format (docs/kiosk.md): UTF-8 CSV, one appointment per line,
 *   code,serviceId,slotStart,slotEnd,idNumber,name
 * with an optional header line and the last two columns optional. Times are hall-local
 * 'YYYY-MM-DD HH:mm' (or ISO with an offset). Pure: problems never quote an ID number or a name.
 * In domain/ rather than protocol/: reading a file is more than its shape (hall-local times in the hall's
 * zone, one code per file, a row limit), and the import use case (server/app/appointments.ts) applies it.
 */
import { parseLocalDateTime } from './local-time';

export interface AppointmentRow {
  readonly line: number;
  readonly code: string;
  readonly serviceId: string;
  readonly slotStart: number;
  readonly slotEnd: number;
  readonly idNumber?: string;
  readonly name?: string;
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export const APPOINTMENT_CODE = /^[A-Za-z0-9_-]{1,32}$/;
const MAX_ROWS = 5000;

export function parseAppointmentsCsv(text: string, timeZone: string): { rows: AppointmentRow[]; problems: CsvProblem[] } {
  const rows: AppointmentRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells = splitCsvLine(raw).map((c) => c.trim());
    if (index === 0 && cells[0]?.toLowerCase() === 'code') return;
    if (rows.length >= MAX_ROWS) {
      problems.push({ line, message: `more than ${MAX_ROWS} appointments in one file; split it` });
      return;
    }
    const [code = '', serviceId = '', start = '', end = '', idNumber = '', name = ''] = cells;
    const problem = (message: string): void => void problems.push({ line, message });
    if (!APPOINTMENT_CODE.test(code)) return problem('code must be 1–32 letters, digits, _ or -');
    const earlier = seen.get(code);
    if (earlier !== undefined) return problem(`code ${code} is also on line ${earlier}`);
    seen.set(code, line);
    if (serviceId === '') return problem('serviceId is missing');
    const slotStart = parseLocalDateTime(start, timeZone);
    const slotEnd = parseLocalDateTime(end, timeZone);
    if (slotStart === undefined) return problem('slotStart is not a time like 2026-11-27 09:30');
    if (slotEnd === undefined) return problem('slotEnd is not a time like 2026-11-27 10:00');
    if (slotEnd <= slotStart) return problem('slotEnd must be after slotStart');
    rows.push({ line, code, serviceId, slotStart, slotEnd, ...(idNumber ? { idNumber } : {}), ...(name ? { name } : {}) });
  });
  return { rows, problems };
}

/** Splits one CSV line, honouring double quotes ("a,b" and "" inside quotes). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (isQuoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') isQuoted = false;
      else cell += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
