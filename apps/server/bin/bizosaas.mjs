#!/usr/bin/env node
// The `bizosaas` command (npx bizosaas <command>): runs the TypeScript CLI through tsx's loader,
// so no build step is needed. Same code as `npm run cli -- <command>`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
runCli(process.argv.slice(2));
