import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../server/src/app.js';
import { ensureConsoleBuilt } from '../../server/src/platform/console-build.js';
import { createLogger } from '../../server/src/platform/logging.js';
import { testConfig } from '../../server/test/helpers.js';
import { startSmtp } from '../../server/test/mail.js';

/** Where the end-to-end tests leave their screenshots (the README shows some of them). */
export const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Console {
  app: FastifyInstance;
  url: string;
  smtp: Awaited<ReturnType<typeof startSmtp>>;
  browser: Browser;
  /** A fresh browser profile (cookies), at 1280×800 unless told otherwise. */
  newPage(opts?: {
    width?: number;
    height?: number;
    colorScheme?: 'light' | 'dark';
  }): Promise<{ page: Page; context: BrowserContext }>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real hub (its own database copy, job worker, SMTP server on loopback) serving the built
 * console on a free port, and Debian's Chromium driven by playwright-core.
 */
export async function startConsole(env: Record<string, string> = {}): Promise<Console> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  const smtp = await startSmtp();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({
    RUN_WORKER: 'true',
    SMTP_URL: smtp.url,
    PUBLIC_URL: url,
    COOKIE_SECURE: 'false',
    ...env,
  });
  await buildConsoleOnce();
  const app = await buildApp(config);
  await app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    app,
    url,
    smtp,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        baseURL: url,
        viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
        colorScheme: opts.colorScheme ?? 'light',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return { page, context };
    },
    async screenshot(page, name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close().catch(() => {});
      await app.close().catch(() => {});
      await smtp.close().catch(() => {});
    },
  };
}

/**
 * Test files start in parallel: one builds the console while the others wait, then find it current
 * (without the lock, concurrent Vite builds empty each other's dist/ while hubs already serve it).
 */
async function buildConsoleOnce() {
  const lock = path.join(os.tmpdir(), 'bizosaas-console-build.lock');
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock older than the slowest build was left by a killed run.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 180_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await ensureConsoleBuilt(createLogger({ LOG_LEVEL: 'warn' }));
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The path and query of a mailed link, to open on the test's own origin. */
export const pathOf = (link: string) => {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
};
