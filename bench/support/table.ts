/** The terminal table (also pasted into docs/performance.md). */
import type { ResultRow } from './stats';

function show(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A Markdown table: readable in a terminal and pasteable as is. */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal'];
  const lines = rows.map((r) => [
    r.figure,
    `${show(r.value)} ${r.unit}`,
    `${show(r.baseline)} ${r.unit} (${r.baselineLabel})`,
    `${show(r.ratio)}×`,
    r.goal === undefined ? '' : `${r.goal} ${r.isMet ? 'met' : 'NOT met'}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}
