import type { LoadResult } from './load.js';
import { mb, type TreeRss } from './memory.js';

export interface ScenarioOutcome {
  id: string;
  name: string;
  result?: LoadResult;
  /** Why it did not run (skipped) or why it broke (failed). */
  skipped?: string;
  failed?: string;
  /** Max RSS of the hub process tree during this scenario, when the load hit the hub. */
  hubRssMax?: number;
}

export interface MemoryFigures {
  idle: TreeRss;
  maxUnderLoad: number;
}

export const TARGETS = { ratioBC: 0.6, p99BMs: 20, idleMb: 200, signInP50Ms: 150, crmP99Ms: 25 } as const;

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pad = (s: string, w: number, right = false) => (right ? s.padStart(w) : s.padEnd(w));
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function table(outcomes: ScenarioOutcome[]): string[] {
  const head = ['scenario', 'req/s avg', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'hub RSS max'];
  const widths = [32, 11, 8, 8, 8, 9, 12];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, i > 0)).join('  ');
  const out = [line(head), line(widths.map((w) => '-'.repeat(w)))];
  for (const o of outcomes) {
    const label = `(${o.id}) ${o.name}`;
    if (!o.result) {
      out.push(`${pad(label, widths[0]!)}  ${o.skipped ? `skipped: ${o.skipped}` : `FAILED: ${o.failed}`}`);
      continue;
    }
    const r = o.result;
    out.push(
      line([
        label,
        num(r.rpsAvg),
        num(r.p50, 1),
        num(r.p99, 1),
        num(r.errors),
        num(r.non2xx),
        o.hubRssMax ? `${mb(o.hubRssMax)} MB` : '-',
      ]),
    );
  }
  return out;
}

function targets(outcomes: ScenarioOutcome[], memory: MemoryFigures): string[] {
  const b = outcomes.find((o) => o.id === 'b')?.result;
  const c = outcomes.find((o) => o.id === 'c')?.result;
  const out: string[] = [];
  if (b && c) {
    const ratio = b.rpsAvg / c.rpsAvg;
    out.push(
      `(b)/(c) throughput   ${num(ratio * 100, 1)}%   target >= ${TARGETS.ratioBC * 100}%   ${verdict(ratio >= TARGETS.ratioBC)}`,
    );
  } else {
    out.push(`(b)/(c) throughput   n/a (needs both (b) and (c))   target >= ${TARGETS.ratioBC * 100}%`);
  }
  if (b) {
    out.push(
      `(b) p99 latency      ${num(b.p99, 1)} ms   target <= ${TARGETS.p99BMs} ms   ${verdict(b.p99 <= TARGETS.p99BMs)}`,
    );
  } else {
    out.push(`(b) p99 latency      n/a ((b) did not run)   target <= ${TARGETS.p99BMs} ms`);
  }
  const d = outcomes.find((o) => o.id === 'd')?.result;
  if (d) {
    out.push(
      `(d) sign-in p50      ${num(d.p50, 1)} ms   target <= ${TARGETS.signInP50Ms} ms   ${verdict(d.p50 <= TARGETS.signInP50Ms)}`,
    );
  }
  const crm = outcomes.find((o) => o.id === 'crm')?.result;
  if (crm) {
    out.push(
      `(crm) list p99       ${num(crm.p99, 1)} ms at 50 connections   target <= ${TARGETS.crmP99Ms} ms   ${verdict(crm.p99 <= TARGETS.crmP99Ms)}`,
    );
  }
  const idle = mb(memory.idle.total);
  const parts = memory.idle.parts
    .map((p, i) => `${i === 0 ? 'hub (node)' : p.name} ${mb(p.rss)}`)
    .join(' + ');
  out.push(
    `hub RSS idle         ${idle} MB   target <= ${TARGETS.idleMb} MB   ${verdict(idle <= TARGETS.idleMb)}`,
    `                     = ${parts} MB`,
  );
  out.push(`hub RSS max (load)   ${mb(memory.maxUnderLoad)} MB (sampled every 250 ms, same process tree)`);
  return out;
}

/** The printed report: one row per scenario, then the targets next to the figures. */
export function formatReport(header: string[], outcomes: ScenarioOutcome[], memory: MemoryFigures): string {
  return [...header, '', ...table(outcomes), '', ...targets(outcomes, memory), ''].join('\n');
}
