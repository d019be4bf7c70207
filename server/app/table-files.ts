/**
 * The one writer of spreadsheet files: CSV (UTF-8 with a BOM, so Excel in a Chinese locale reads it; CRLF)
 * and XLSX (exceljs), for the manager's report and ratings exports and for `hallq export`. One rule for both
 * formats keeps a cell from being run as a formula (CSV injection, OWASP): see `safeCell`.
 */

export type Cell = string | number | undefined;

export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** A plain (possibly negative) decimal, which a spreadsheet reads as a number and never as a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A text cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before
 * one) is prefixed with ' so it shows as text; numbers, and text that is just a number like "-0.5", stay.
 */
export function safeCell(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** RFC 4180 quoting of a defused cell; an absent value is the empty field. */
function csvField(value: Cell): string {
  const v = safeCell(value);
  if (v === undefined) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table: its header row and rows. Several: each after a `# name` line, separated by an empty line. */
export function toCsv(tables: readonly Table[]): string {
  const parts = tables.map((t) =>
    [tables.length > 1 ? csvField(`# ${t.name}`) : undefined, t.columns.map(csvField).join(','), ...t.rows.map((r) => r.map(csvField).join(','))]
      .filter((x) => x !== undefined)
      .join('\r\n'),
  );
  return `\uFEFF${parts.join('\r\n\r\n')}\r\n`;
}

/** One sheet per table, bold frozen header; the same cells as the CSV. */
export async function toXlsx(tables: readonly Table[], title: string): Promise<Buffer> {
  // Loaded on the first export, not at start: importing exceljs takes about 0.45 s, which every restart of the
  // hub (after a crash too) would otherwise wait for.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'hallq';
  book.title = title;
  for (const t of tables) {
    const sheet = book.addWorksheet(t.name.replace(/[*?:\\/[\]]/g, ' ').slice(0, 31));
    sheet.addRow([...t.columns]).font = { bold: true };
    for (const row of t.rows) sheet.addRow(row.map((v) => safeCell(v) ?? null));
    sheet.columns.forEach((c) => (c.width = 16));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
