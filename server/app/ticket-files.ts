/**
 * The tickets of a day range as a table: the one column definition of the ticket export, written by the one
 * spreadsheet writer (table-files.ts) as CSV or XLSX. Chinese headers and words for codes (status, priority,
 * close reason, rating channel: protocol/console-words.ts) unless English is asked for; times in the hall's
 * zone. No visitor data exists in the rows at all (storage/ticket-export-repo.ts).
 */
import { CONSOLE_WORDS } from '../protocol/console-words';
import type { Language } from '../protocol/model';
import { localDateTime } from '../domain/local-time';
import { ticketsForExport, type TicketExportRow } from '../storage/ticket-export-repo';
import type { HubPorts } from './ports';
import type { Cell, Table } from './table-files';

const COLUMNS: Readonly<Record<Language, readonly string[]>> = {
  'zh-CN': [
    '业务日期', '号码', '事项编号', '事项', '优先', '状态', '结束原因', '回流', '窗口编号', '窗口', '工号', '窗口人员', '取号时间', '首次叫号时间', '办结时间',
    '等候(分)', '办理(分)', '呼叫次数', '评价', '评价渠道',
  ],
  en: [
    'Day', 'Number', 'Service ID', 'Service', 'Priority', 'Status', 'Close reason', 'Returned', 'Window ID', 'Window', 'Clerk username', 'Clerk',
    'Issued at', 'First called at', 'Finished at', 'Wait (min)', 'Service (min)', 'Calls', 'Rating', 'Rating channel',
  ],
};

const SHEET: Readonly<Record<Language, string>> = { 'zh-CN': '票据', en: 'Tickets' };
const YES_NO: Readonly<Record<Language, readonly [string, string]>> = { 'zh-CN': ['是', '否'], en: ['yes', 'no'] };

export interface TicketTableOptions {
  readonly lang: Language;
  readonly timeZone: string;
  /** Service names by id (the hall's layout); an unknown id is written as itself. */
  readonly serviceNames: ReadonlyMap<string, string>;
  /** Window numbers by id. */
  readonly windowNumbers: ReadonlyMap<string, number>;
}

/** A code's word, or the code itself when no table names it (a reason written by a newer hub). */
const word = (table: Readonly<Record<string, string>>, code: string): string => (Object.hasOwn(table, code) ? (table[code] ?? code) : code);

export function ticketTable(rows: readonly TicketExportRow[], options: TicketTableOptions): Table {
  const { lang, timeZone } = options;
  const words = CONSOLE_WORDS[lang];
  const [yes, no] = YES_NO[lang];
  const time = (at: number | null): Cell => (at === null ? undefined : localDateTime(at, timeZone));
  // Numbers stay numbers, so a spreadsheet can add them up.
  const minutes = (a: number | null, b: number | null): Cell => (a === null || b === null ? undefined : Math.round((b - a) / 6_000) / 10);
  return {
    name: SHEET[lang],
    columns: COLUMNS[lang],
    rows: rows.map((r) => {
      const windowNumber = r.windowId ? options.windowNumbers.get(r.windowId) : undefined;
      return [
        r.day, r.number, r.serviceId, options.serviceNames.get(r.serviceId) ?? r.serviceId, word(words.priorities, r.priority), word(words.ticketStatuses, r.status),
        r.closeReason ? word(words.closeReasons, r.closeReason) : undefined, r.isReturn ? yes : no, r.windowId ?? undefined,
        windowNumber === undefined ? undefined : words.window(windowNumber), r.staffId ?? undefined, r.staffName ?? undefined,
        time(r.issuedAt), time(r.firstCalledAt), time(r.finishedAt), minutes(r.issuedAt, r.firstCalledAt),
        r.status === 'done' ? minutes(r.calledAt, r.finishedAt) : undefined, r.callCount, r.score ?? undefined, r.channel ? word(words.ratingChannels, r.channel) : undefined,
      ];
    }),
  };
}

/** The console's ticket export (GET /api/reports/tickets): the hub's own database and live layout. */
export class TicketExporter {
  constructor(private readonly ports: Pick<HubPorts, 'layout' | 'config' | 'database'>) {}

  table(from: string, to: string, lang: Language): Table {
    const { services, windows } = this.ports.layout;
    return ticketTable(ticketsForExport(this.ports.database.db, from, to), {
      lang,
      timeZone: this.ports.config.hall.timeZone,
      serviceNames: new Map([...services.values()].map((s) => [s.id, lang === 'en' && s.nameEn ? s.nameEn : s.name])),
      windowNumbers: new Map([...windows.values()].map((w) => [w.id, w.number])),
    });
  }
}
