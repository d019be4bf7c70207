/**
 * The one spreadsheet writer (server/app/table-files.ts) shared by the manager's exports and `hallq export`:
 * RFC 4180 CSV with a BOM and CRLF, XLSX with the same cells, and one rule that keeps a cell from running
 * as a formula. `hallq export` (which had its own, looser rule: "-1+1|cmd" passed as a number) uses it too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { safeCell, toCsv, toXlsx, type Table } from '../../server/app/table-files';
import { runExport } from '../../server/cli/cmd-export';
import { openDatabase } from '../../server/storage/db';

const FORMULAS = ['=SUM(A1:A9)', '+1+1', '-1+1|cmd', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")'];

describe('the formula rule', () => {
  it('turns every text that a spreadsheet would run into text', () => {
    for (const text of FORMULAS) expect(safeCell(text), JSON.stringify(text)).toBe(`'${text}`);
  });

  it('leaves numbers, number-like text and ordinary text alone', () => {
    for (const value of [3, -2.5, '-0.5', '12.0', '0', '王芳', 'A001', 'a=b', '', undefined]) expect(safeCell(value)).toBe(value);
  });
});

describe('CSV', () => {
  const table: Table = { name: 'tickets', columns: ['number', 'note', 'n'], rows: [['A001', 'a, "quoted" note', 3], ['A002', '=1+1', undefined]] };

  it('writes one table with a BOM, CRLF lines, RFC 4180 quotes and defused formulas', () => {
    expect(toCsv([table])).toBe('\uFEFFnumber,note,n\r\nA001,"a, ""quoted"" note",3\r\nA002,\'=1+1,\r\n');
  });

  it('writes several tables each after its name, an empty line between them', () => {
    const other: Table = { name: 'by window', columns: ['w'], rows: [['w1']] };
    expect(toCsv([table, other]).split('\r\n')).toEqual([
      '\uFEFF# tickets', 'number,note,n', 'A001,"a, ""quoted"" note",3', "A002,'=1+1,", '', '# by window', 'w', 'w1', '',
    ]);
  });
});

describe('XLSX', () => {
  it('holds the same cells, defused by the same rule', async () => {
    // XML stores a carriage return as a line feed, so that one is left to the CSV test.
    const formulas = FORMULAS.filter((f) => !f.startsWith('\r'));
    const book = new ExcelJS.Workbook();
    const file = await toXlsx([{ name: 'formulas', columns: ['cell'], rows: [...formulas.map((f) => [f]), [-3], ['-0.5']] }], 'test');
    await book.xlsx.load(new Uint8Array(file).buffer);
    const sheet = book.getWorksheet('formulas');
    const cells = [...formulas, -3, '-0.5'].map((_, i) => sheet?.getRow(i + 2).getCell(1).value);
    expect(cells).toEqual([...formulas.map((f) => `'${f}`), -3, '-0.5']);
  });
});

describe('hallq export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a clerk name that looks like a formula as text', async () => {
    const db = openDatabase(join(dir, 'hallq.db'));
    const at = Date.parse('2026-03-02T01:00:00Z');
    db.prepare("INSERT INTO staff (username, name, role, password_hash) VALUES ('clerk1', '-1+1|cmd', 'clerk', 'scrypt$x')").run();
    db.prepare(
      `INSERT INTO tickets (id, day, service_id, seq, number, priority, status, track_token, arrived_at, issued_at, window_id, staff_id, call_count)
       VALUES ('t1', '2026-03-02', 'general', 1, 'A001', 'normal', 'waiting', 'trk', ?, ?, 'w1', 'clerk1', 0)`,
    ).run(at, at);
    db.close();
    const out = join(dir, 'out.csv');
    const said: string[] = [];
    const status = await runExport(['--from', '2026-03-02', '--to', '2026-03-02', '--out', out, '--data-dir', dir], { out: (t) => said.push(t), err: (t) => said.push(t) });
    expect(status).toBe(0);
    const row = readFileSync(out, 'utf8').split('\r\n')[1] ?? '';
    expect(row.split(',')[11]).toBe("'-1+1|cmd");
  });
});
