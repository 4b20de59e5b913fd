#!/usr/bin/env node
// Entry point of the cytocurator CLI. TypeScript sources run through tsx, so `npx cytocurator` works right
// after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/run-cli.ts');
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = code;
