import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';

/** apps/web: the console's sources; its build goes to apps/web/dist. */
export const WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));
export const STAMP_FILE = '.build-stamp';

/** What a build depends on: src/**, public/**, index.html, the Vite config, package.json and tsconfig. */
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];

function walk(file: string, out: string[]) {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(file).sort()) walk(path.join(file, name), out);
  } else if (stat.isFile()) out.push(file);
}

/** A hash over the console's build inputs (paths and contents). */
export function consoleSourceHash(webDir = WEB_DIR): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(webDir, input), files);
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(webDir, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Why the build in dist/ cannot be used as it is, or undefined when it is current. */
export function consoleBuildStale(webDir = WEB_DIR): string | undefined {
  const dist = path.join(webDir, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) return 'no build';
  let stamp: string;
  try {
    stamp = fs.readFileSync(path.join(dist, STAMP_FILE), 'utf8').trim();
  } catch {
    return 'no build stamp';
  }
  return stamp === consoleSourceHash(webDir) ? undefined : 'sources changed';
}

/**
 * Builds the console with Vite when apps/web/dist is missing or older than its sources, then
 * stamps dist with the hash of the sources it was built from.
 */
export async function ensureConsoleBuilt(
  log: Logger,
  webDir = WEB_DIR,
): Promise<{ built: boolean; ms: number }> {
  const started = Date.now();
  const reason = consoleBuildStale(webDir);
  if (!reason) return { built: false, ms: Date.now() - started };
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    log.warn({ module: 'console', webDir }, 'console sources not found; the hub serves the API only');
    return { built: false, ms: Date.now() - started };
  }
  log.info({ module: 'console', reason }, 'building the web console (Vite)');
  const hash = consoleSourceHash(webDir);
  // In a child process: Vite and Rolldown would otherwise stay in the hub's heap (measured: idle
  // RSS 394 MB after an in-process build, 160-180 MB without).
  const viteBin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  await new Promise<void>((resolve, reject) => {
    // Always a production bundle: a NODE_ENV of test or development (inherited from a test runner or
    // a shell) would make Vite build React's development runtime.
    const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
      cwd: webDir,
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}: ${stderr.slice(-2000)}`)),
    );
  });
  fs.writeFileSync(path.join(webDir, 'dist', STAMP_FILE), `${hash}\n`);
  const ms = Date.now() - started;
  log.info({ module: 'console', ms }, `web console built in ${(ms / 1000).toFixed(1)} s`);
  return { built: true, ms };
}
