/**
 * JavaScript a route downloads, gzipped: the entry chunk, the lazy chunks of the route's layout
 * and page, and every chunk they import statically. Reads dist/.vite/manifest.json (build first).
 *   node --import tsx apps/web/scripts/bundle-size.ts [budgetKB]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;

function closure(keys: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no chunk ${key} in the manifest`);
    seen.add(key);
    for (const i of chunk.imports ?? []) visit(i);
  };
  for (const k of keys) visit(k);
  return seen;
}

const gz = (key: string) => gzipSync(fs.readFileSync(path.join(dist, manifest[key]!.file))).length;
const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
const routes: Record<string, string[]> = {
  '/signin': [entry, 'src/shell/public-layout.tsx', 'src/pages/auth/signin-page.tsx'],
  '/ (dashboard)': [entry, 'src/shell/app-layout.tsx', 'src/pages/dashboard/dashboard-page.tsx'],
};
const budget = Number(process.argv[2] ?? 250) * 1024;
let failed = false;
for (const [route, keys] of Object.entries(routes)) {
  const chunks = [...closure(keys)];
  const bytes = chunks.reduce((sum, k) => sum + gz(k), 0);
  const over = route === '/signin' && bytes > budget;
  failed ||= over;
  process.stdout.write(
    `${route.padEnd(16)} ${(bytes / 1024).toFixed(1).padStart(7)} KB gzipped JS in ${chunks.length} chunks${over ? `  OVER the ${budget / 1024} KB budget` : ''}\n`,
  );
}
process.exit(failed ? 1 : 0);
