import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from './command.js';

/** The OpenAPI document is the same on every machine: a fixed server URL, no seed, no worker. */
export const OPENAPI_SERVER_URL = 'http://localhost:8001';

export const openapiCommand: Command = {
  name: 'openapi',
  args: '[--out <file>]',
  summary: 'write the OpenAPI document (what /docs/json serves) without a running hub',
  details: [
    'Builds the hub in-process (no worker, no seed, no listening) on DATABASE_URL, or else on an',
    'embedded PostgreSQL in a temporary directory that is removed afterwards. Writes to stdout or --out.',
  ],
  options: { out: { type: 'string', short: 'o' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, _args, flags) {
    const { buildApp } = await import('../app.js');
    const tmp = ctx.config.DATABASE_URL
      ? undefined
      : fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-openapi-'));
    if (tmp) fs.chmodSync(tmp, 0o755);
    const config = Object.freeze({
      ...ctx.config,
      ...(tmp ? { DATA_DIR: tmp } : {}),
      PUBLIC_URL: OPENAPI_SERVER_URL,
      SEED_DEMO: false,
      RUN_WORKER: false,
      OIDC_PROVIDERS: [],
    });
    try {
      const app = await buildApp(config, { logger: ctx.log, runWorker: false, seed: false });
      let doc: unknown;
      try {
        doc = app.swagger();
      } finally {
        await app.close();
      }
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      const out = typeof flags.out === 'string' ? flags.out : undefined;
      if (out) {
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fs.writeFileSync(out, text);
        ctx.note(`wrote ${out}`);
      } else process.stdout.write(text);
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
    return undefined;
  },
};
