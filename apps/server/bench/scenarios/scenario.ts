import type { BenchData } from '../lib/database.js';
import type { Service } from '../lib/processes.js';

/** What every scenario gets: the running hub and the seeded benchmark data. */
export interface BenchContext {
  /** Repository root (cwd for child processes). */
  root: string;
  /** Base URL of the hub under test, e.g. http://127.0.0.1:40123. */
  hubUrl: string;
  /** Owner URL of the fresh benchmark database (the hub's DATABASE_URL). */
  ownerUrl: string;
  /** The hub's DATABASE_POOL_MAX, for baselines that should use the same pool size. */
  poolMax: number;
  data: BenchData;
  /**
   * Starts a TypeScript entry point (via tsx, cwd = root) as a child process, waits until
   * `readyUrl` answers 2xx, and stops it when the run ends (also on Ctrl-C).
   */
  startService(name: string, entry: string, env: Record<string, string>, readyUrl: string): Promise<Service>;
}

/** A request to hammer: one URL with optional headers. */
export interface Target {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  /** Overrides BENCH_CONNECTIONS (e.g. sign-in, which is CPU-bound by design). */
  connections?: number;
}

/** A scenario that cannot run yet says why instead of returning a target. */
export interface Skip {
  skip: string;
}

export interface Scenario {
  /** Short id used in the report and for ratios, e.g. 'a'. */
  id: string;
  name: string;
  /** True when the load lands on the hub, so its memory under load is of interest. */
  hitsHub: boolean;
  setup(ctx: BenchContext): Promise<Target | Skip>;
  teardown?(): Promise<void>;
}

export const isSkip = (r: Target | Skip): r is Skip => 'skip' in r;

/** A one-shot measurement (not a load test), e.g. an import: returns the lines the report prints. */
export interface Measurement {
  id: string;
  name: string;
  run(ctx: BenchContext): Promise<string[]>;
}
