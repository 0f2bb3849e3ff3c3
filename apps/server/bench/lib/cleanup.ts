/**
 * Cleanup that runs however the benchmark ends: normally, on an error, or on Ctrl-C / SIGTERM.
 * Async steps (stopping children gracefully, dropping the database) run on the normal and signal
 * paths; the synchronous `onExit` hooks are the last resort that SIGKILLs whatever is still alive.
 */
type Step = () => Promise<void>;

const steps: Step[] = [];
const exitHooks: (() => void)[] = [];
let running: Promise<void> | undefined;
let interrupted = false;

/** True once SIGINT/SIGTERM arrived: errors after that are the cleanup's doing, not failures. */
export function wasInterrupted(): boolean {
  return interrupted;
}

/** Registers an async cleanup step; steps run in reverse order of registration. */
export function onCleanup(step: Step): void {
  steps.push(step);
}

/** Registers a synchronous hook for process exit (e.g. SIGKILL a child's process group). */
export function onExit(hook: () => void): void {
  exitHooks.push(hook);
}

/** Runs every registered step once, newest first; errors are reported, not thrown. */
export function runCleanup(): Promise<void> {
  running ??= (async () => {
    for (const step of steps.reverse()) {
      await step().catch((err: unknown) => {
        process.stderr.write(`cleanup: ${err instanceof Error ? err.message : String(err)}\n`);
      });
    }
  })();
  return running;
}

/** Installs the signal and exit handlers; call once at start-up. */
export function installCleanupHandlers(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping children and dropping the benchmark database…\n`);
    const force = setTimeout(() => process.exit(130), 15_000);
    force.unref();
    void runCleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const hook of exitHooks) {
      try {
        hook();
      } catch {
        // Nothing left to do at exit.
      }
    }
  });
}
