import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ConsoleFigures {
  bundle?: string;
  /** Navigation to the dashboard until it shows its data, in ms: each run, and the median. */
  dashboardMs?: number[];
  skipped?: string;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The console budgets: JavaScript of the sign-in route (gzipped, from the Vite manifest) and the
 * dashboard's time to interactive in Debian's Chromium on loopback (signed in, warm HTTP cache
 * as a returning user has it, five navigations).
 */
export async function measureConsole(root: string, hubUrl: string): Promise<ConsoleFigures> {
  const out: ConsoleFigures = {};
  try {
    out.bundle = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'apps/web/scripts/bundle-size.ts', '250'],
      { cwd: root, encoding: 'utf8' },
    ).trim();
  } catch (err) {
    out.bundle = `bundle size not measured: ${(err as { stdout?: string }).stdout ?? String(err)}`;
  }
  if (!fs.existsSync(CHROMIUM)) return { ...out, skipped: `no Chromium at ${CHROMIUM}` };
  if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html')))
    return { ...out, skipped: 'the console is not built' };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({ baseURL: hubUrl, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto('/signin');
    await page
      .getByLabel(/e-?mail/i)
      .first()
      .fill('owner@bizoholic.dev');
    await page.getByLabel(/^password/i).fill('bizosaas-demo-2026');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText('Readiness').first().waitFor({ timeout: 15_000 });
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto('about:blank');
      const t = performance.now();
      await page.goto('/');
      // Interactive: the page is rendered from the API's answers (tenant, role, system status).
      await page.getByText('Readiness').first().waitFor({ timeout: 15_000 });
      await page.getByText('Your role', { exact: false }).first().waitFor();
      runs.push(Math.round(performance.now() - t));
    }
    out.dashboardMs = runs;
  } finally {
    await browser.close();
  }
  return out;
}

export function formatConsole(f: ConsoleFigures): string {
  const lines = ['', 'console'];
  if (f.bundle) lines.push(...f.bundle.split('\n').map((l) => `  ${l}`));
  if (f.dashboardMs) {
    const sorted = [...f.dashboardMs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    lines.push(
      `  dashboard interactive  median ${median} ms (runs: ${f.dashboardMs.join(', ')} ms)   target < 1000 ms   ${median < 1000 ? 'met' : 'MISSED'}`,
    );
  }
  if (f.skipped) lines.push(`  dashboard interactive  skipped: ${f.skipped}`);
  return `${lines.join('\n')}\n`;
}
