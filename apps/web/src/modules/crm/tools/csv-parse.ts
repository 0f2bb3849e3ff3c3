/** The import wizard's look at a CSV before it is sent, parsed exactly as the hub will parse it. */

import { parseCsv } from '@bizosaas/csv';

export interface CsvSummary {
  /** Header cells, trimmed (the hub matches mapping keys against trimmed headers). */
  header: string[];
  /** Up to three values per column from the first data rows. */
  samples: string[][];
  rows: number;
}

/** What the mapping step needs: the header, a few sample values per column and the row count. */
export function summariseCsv(text: string): CsvSummary {
  const it = parseCsv(text);
  const first = it.next();
  if (first.done) return { header: [], samples: [], rows: 0 };
  const header = first.value.cells.map((h) => h.trim());
  const samples: string[][] = header.map(() => []);
  let rows = 0;
  for (const rec of it) {
    if (rows < 3)
      rec.cells.forEach((c, i) => {
        if (i < header.length && c.trim()) samples[i]!.push(c.trim());
      });
    rows++;
  }
  return { header, samples, rows };
}
