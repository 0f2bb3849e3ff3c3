import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-e2e-'));
fs.chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** `npm start` as a user runs it: no DATABASE_URL, so the hub starts its own PostgreSQL. */
async function startHub(port: number) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    COOKIE_SECURE: 'false',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start in 60 s:\n${output}`)), 60_000);
    child.stderr!.on('data', () => {
      if (output.includes('BizOSaaS is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output, startMs: Date.now() - started };
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('starts on its own PostgreSQL, seeds the demo, prints how to sign in, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = await startHub(port);
    const base = `http://127.0.0.1:${port}`;
    expect(output()).toContain(`http://localhost:${port}`);
    expect(output()).toContain('owner@bizoholic.dev');
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'pgdata', 'PG_VERSION'))).toBe(true);

    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect((await (await fetch(`${base}/api/brain/status`)).json()).database).toBe('embedded');
    // npm start builds the web console when its build is missing or stale, and serves it at /.
    const page = await fetch(`${base}/signin`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    // Keep-alive connections, as browsers hold them: opened first, so the requests below are
    // really in flight when the signal lands.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    const post = (who: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          `${base}/api/brain/auth/token`,
          { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(`grant_type=password&username=${encodeURIComponent(who)}&password=bizosaas-demo-2026`);
      });
    const warm = () =>
      new Promise<void>((resolve, reject) => {
        http.get(`${base}/health`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
      });
    const signIn = (who = 'staff@bizoholic.dev') =>
      fetch(`${base}/api/brain/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=password&username=${encodeURIComponent(who)}&password=bizosaas-demo-2026`,
      });
    const token = (await (await signIn()).json()).access_token as string;
    const me = await (
      await fetch(`${base}/api/brain/auth/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(me.memberships.map((m: { tenantName: string }) => m.tenantName).sort()).toEqual([
      'Bizoholic',
      'CorelDove',
      'Harbor Dental',
    ]);

    // Requests in flight when SIGTERM arrives still get their answers; then the process exits.
    // Ten sign-ins queue behind the argon2 concurrency cap (4), so most are still running when
    // the signal lands 100 ms later (two per demo account, under the per-account limit).
    const accounts = [
      'operator@bizosaas.dev',
      'owner@bizoholic.dev',
      'staff@bizoholic.dev',
      'owner@coreldove.dev',
      'owner@harbordental.dev',
    ];
    await Promise.all(Array.from({ length: 10 }, warm));
    const inflight = [...accounts, ...accounts].map((a) => post(a));
    await new Promise((r) => setTimeout(r, 100));
    const t = Date.now();
    const done = exited(child);
    child.kill('SIGTERM');
    const answers = await Promise.all(inflight);
    expect(answers).toEqual(Array(10).fill(200));
    const { code } = await done;
    expect(code, output()).toBe(0);
    expect(Date.now() - t).toBeLessThan(10_000);
    // The embedded server was stopped with it.
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'pgdata', 'postmaster.pid'))).toBe(false);
  }, 90_000);

  it('comes back after being killed, on the same data, without seeding twice', async () => {
    const port = await freePort();
    const first = await startHub(port);
    first.child.kill('SIGKILL'); // leaves its PostgreSQL running and holding the data directory
    await exited(first.child);
    const second = await startHub(port);
    const res = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(res.status).toBe(200);
    const token = await fetch(`http://127.0.0.1:${port}/api/brain/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        username: 'owner@coreldove.dev',
        password: 'bizosaas-demo-2026',
      }),
    });
    expect(token.status).toBe(200);
    const done = exited(second.child);
    second.child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  }, 120_000);
});
