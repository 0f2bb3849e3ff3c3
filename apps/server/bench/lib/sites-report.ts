import type { ScenarioOutcome } from './report.js';

export const SITE_TARGETS = { rps: 3000, p99Ms: 20 } as const;

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** Issue 6's line: the published page next to a static file of the same process, and the ratio. */
export function formatSites(outcomes: ScenarioOutcome[]): string {
  const page = outcomes.find((o) => o.id === 'site')?.result;
  const file = outcomes.find((o) => o.id === 'site-static')?.result;
  if (!page) return '(site) published page   n/a (did not run)\n';
  const ok = page.rpsAvg >= SITE_TARGETS.rps && page.p99 <= SITE_TARGETS.p99Ms;
  const lines = [
    `(site) published page ${num(page.rpsAvg)} req/s, p99 ${num(page.p99, 1)} ms at 50 connections   ` +
      `target >= ${num(SITE_TARGETS.rps)} req/s and p99 <= ${SITE_TARGETS.p99Ms} ms   ${verdict(ok)}`,
  ];
  if (file)
    lines.push(
      `       static file    ${num(file.rpsAvg)} req/s, p99 ${num(file.p99, 1)} ms (same process)   ` +
        `page/static ${num((page.rpsAvg / file.rpsAvg) * 100, 1)}%`,
    );
  return `${lines.join('\n')}\n`;
}
