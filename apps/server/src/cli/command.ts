import type { CliContext } from './runtime.js';

export type Flags = Record<string, string | boolean | undefined>;

/** One CLI command: its usage line, options (node:util parseArgs shape) and the code it runs. */
export interface Command {
  /** `migrate`, or `tenant create` for a command inside a group. */
  name: string;
  /** Positional arguments and options, as shown in the usage line. */
  args: string;
  summary: string;
  /** Extra lines for `bizosaas <command> --help`. */
  details?: string[];
  options?: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  positionals?: { min: number; max: number };
  /** Returns the exit code (0 when it returns nothing). */
  run(ctx: CliContext, args: string[], flags: Flags): Promise<number | undefined>;
}
