/** RFC 4180 CSV: one line out (quoted when needed), and a parser that reports each record's line. */

/** Cells that would start a formula in a spreadsheet are prefixed with `'` (CSV injection). */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = Array.isArray(v) ? v.join('; ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(cell).join(',')}\r\n`;
}

export { type CsvRecord, parseCsv } from '@bizosaas/csv';
