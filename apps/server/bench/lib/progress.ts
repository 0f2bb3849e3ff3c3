/**
 * One progress line on stderr while a scenario runs: rewritten in place on a terminal, one line
 * per update otherwise (so logs of non-interactive runs still show it).
 */
export function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
  else process.stderr.write(`${text}\n`);
}

/** Ends the in-place line so the next output starts on a fresh one. */
export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\n');
}
