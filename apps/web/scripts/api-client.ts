/**
 * The console's typed API client comes from the hub's OpenAPI document:
 *   generate: hub → src/api/openapi.json → openapi-typescript → src/api/schema.d.ts
 *   check:    the same into a temporary directory; exits 1 when the committed files differ.
 * Run from the repository root: npm run api:generate | npm run api:check
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const apiDir = path.join(root, 'apps/web/src/api');
const FILES = ['openapi.json', 'schema.d.ts'] as const;

async function generate(outDir: string) {
  const docFile = path.join(outDir, 'openapi.json');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'openapi', '--out', docFile],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    },
  );
  const doc = JSON.parse(fs.readFileSync(docFile, 'utf8'));
  const ast = await openapiTS(doc, { alphabetize: false });
  fs.writeFileSync(path.join(outDir, 'schema.d.ts'), COMMENT_HEADER + astToString(ast));
}

async function main(mode: string | undefined) {
  if (mode === 'generate') {
    await generate(apiDir);
    process.stdout.write(`API client regenerated: ${FILES.map((f) => `apps/web/src/api/${f}`).join(', ')}\n`);
    return 0;
  }
  if (mode === 'check') {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-api-check-'));
    try {
      await generate(tmp);
      const stale = FILES.filter((f) => {
        const committed = path.join(apiDir, f);
        return (
          !fs.existsSync(committed) ||
          fs.readFileSync(committed, 'utf8') !== fs.readFileSync(path.join(tmp, f), 'utf8')
        );
      });
      if (stale.length) {
        process.stderr.write(
          `The generated API client is out of date: ${stale.map((f) => `apps/web/src/api/${f}`).join(', ')} ` +
            `differ${stale.length === 1 ? 's' : ''} from what the hub's routes produce.\n` +
            'Run `npm run api:generate` and commit the result.\n',
        );
        return 1;
      }
      process.stdout.write('The generated API client is up to date.\n');
      return 0;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  process.stderr.write('usage: api-client.ts generate|check\n');
  return 2;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
