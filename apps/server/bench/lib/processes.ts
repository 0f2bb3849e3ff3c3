import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { onExit } from './cleanup.js';

export interface Service {
  name: string;
  child: ChildProcess;
  /** The pid we spawned: node running the code (through tsx's loader, as `npm start` does). */
  pid: number;
  /** The last lines the process wrote, shown when it fails. */
  tail(): string;
  exited(): boolean;
  stop(timeoutMs?: number): Promise<void>;
}

/** A port that was free a moment ago (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Spawns a TypeScript entry point with node --import tsx in its own process group, so that stopping it
 * (or exiting the benchmark for any reason) also ends anything it started.
 */
export function spawnTs(name: string, entry: string, env: NodeJS.ProcessEnv, cwd: string): Service {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${entry}`);
  const pid = child.pid;
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const closed = new Promise<void>((resolve) => {
    child.once('exit', () => {
      done = true;
      resolve();
    });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  onExit(() => {
    if (!done) signalGroup('SIGKILL');
  });
  return {
    name,
    child,
    pid,
    tail: () => lines.join('\n'),
    exited: () => done,
    async stop(timeoutMs = 10_000) {
      if (done) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
      await closed;
      clearTimeout(timer);
      // tsx's child may outlive the launcher by a moment; make sure the group is gone.
      signalGroup('SIGKILL');
    },
  };
}

/** Polls a URL until it answers 2xx; fails early when the service exits. */
export async function waitForHttp(service: Service, url: string, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (service.exited()) {
      throw new Error(`${service.name} exited before answering ${url}:\n${service.tail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return Date.now() - started;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs} ms:\n${service.tail()}`);
}
