import fs from 'node:fs';

/** Resident memory of one process in bytes (VmRSS from /proc), 0 when it is gone. */
export function processRss(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pid and every descendant of it (tsx runs the code in a child node process). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(entry));
      parents.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of parents.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

export interface TreeRss {
  total: number;
  /** Per process, root first; `name` is the kernel's command name (node, esbuild, …). */
  parts: { pid: number; name: string; rss: number }[];
}

function commandName(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** RSS summed over a process tree: shared pages count once per process, as `ps` would show them. */
export function treeRss(root: number): TreeRss {
  const parts = processTree(root).map((pid) => ({ pid, name: commandName(pid), rss: processRss(pid) }));
  return { total: parts.reduce((s, p) => s + p.rss, 0), parts };
}

/** Samples a process tree's RSS on an interval and remembers the maximum since the last reset. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private max = 0;
  last = 0;

  constructor(
    private readonly root: number,
    private readonly everyMs = 250,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  resetMax(): void {
    this.max = 0;
  }

  maxSinceReset(): number {
    return this.max;
  }

  private sample(): void {
    this.last = treeRss(this.root).total;
    this.max = Math.max(this.max, this.last);
  }
}

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
