import type { BackupProgress } from '../platform/db/backup-format.js';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  update(p: BackupProgress): void;
  /** Clears the bar; the caller prints the summary. */
  stop(): void;
}

const fmt = new Intl.NumberFormat('en-US');

function rate(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return fmt.format(Math.round(n));
}

/**
 * Progress on stderr: a redrawn bar on a terminal (percent, rows, tables, rate, current table),
 * plain lines otherwise (one per finished table, and one every 5 s inside a long table).
 */
export function createProgress(verb: string, out: ProgressOutput, now: () => number = Date.now): Progress {
  const started = now();
  let lastDraw = started;
  let drawn = false;
  let rowsAtLastTable = 0;

  const percent = (p: BackupProgress) =>
    p.rowsTotal
      ? Math.floor((p.rowsDone / p.rowsTotal) * 100)
      : Math.floor((p.tablesDone / Math.max(1, p.tablesTotal)) * 100);
  const perSecond = (p: BackupProgress) => p.rowsDone / Math.max(0.001, (now() - started) / 1000);

  function draw(p: BackupProgress) {
    const pct = percent(p);
    const width = 24;
    const filled = Math.round((pct / 100) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const line =
      `${verb} ${bar} ${String(pct).padStart(3)}%  ${fmt.format(p.rowsDone)}/${fmt.format(p.rowsTotal)} rows  ` +
      `${p.tablesDone}/${p.tablesTotal} tables  ${rate(perSecond(p))} rows/s  ${p.table}`;
    const cols = out.columns ?? 100;
    out.write(`\r\x1b[2K${line.length > cols - 1 ? `${line.slice(0, cols - 2)}…` : line}`);
    drawn = true;
  }

  return {
    update(p) {
      const t = now();
      if (out.isTTY) {
        if (p.tableDone || t - lastDraw >= 100) {
          lastDraw = t;
          draw(p);
        }
        return;
      }
      if (p.tableDone) {
        const empty = p.rowsDone === rowsAtLastTable;
        rowsAtLastTable = p.rowsDone;
        // Empty tables finish instantly: only the last one is worth a line.
        if (empty && p.tablesDone < p.tablesTotal) return;
        lastDraw = t;
        out.write(
          `${verb}: ${p.table} done (${p.tablesDone}/${p.tablesTotal} tables, ${fmt.format(p.rowsDone)}/${fmt.format(p.rowsTotal)} rows, ${percent(p)}%)\n`,
        );
      } else if (t - lastDraw >= 5000) {
        lastDraw = t;
        out.write(
          `${verb}: ${p.table}… ${fmt.format(p.rowsDone)}/${fmt.format(p.rowsTotal)} rows (${percent(p)}%, ${rate(perSecond(p))} rows/s)\n`,
        );
      }
    },
    stop() {
      if (drawn) out.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
