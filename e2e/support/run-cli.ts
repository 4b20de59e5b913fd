/** Runs the real CLI (bin/cytocurator.js) against a CYTOCURATOR_HOME and returns its exit code and output. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './start-browser-mode.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], home: string, timeoutMs = 120_000): Promise<CliResult> {
  const cli = process.env.CYTOCURATOR_E2E_CLI ?? path.join(repoRoot, 'bin', 'cytocurator.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: repoRoot, env: { ...process.env, CYTOCURATOR_HOME: home, NO_COLOR: '1' }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err && typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : err ? -1 : 0;
        if (err && code === -1) reject(new Error(`${err.message}\n${stderr}`));
        else resolve({ code, stdout, stderr });
      },
    );
  });
}
