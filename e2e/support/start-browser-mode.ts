/**
 * Starts `cytocurator start --browser` as a user would (a separate Node process) and waits for the address
 * it prints. Output is kept for the failure message: a server that does not start should say why.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const urlPattern = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/;

export interface BrowserModeServer {
  /** The address printed at launch, token included. */
  url: string;
  origin: string;
  token: string;
  child: ChildProcessWithoutNullStreams;
  output(): string;
  stop(): Promise<void>;
}

export async function startBrowserMode(options: { home: string; timeoutMs?: number }): Promise<BrowserModeServer> {
  // CYTOCURATOR_E2E_CLI points the test at another entry point (e.g. a built CLI); the default is the real one.
  const cli = process.env.CYTOCURATOR_E2E_CLI ?? path.join(repoRoot, 'bin', 'cytocurator.js');
  const child = spawn(
    process.execPath,
    [cli, 'start', '--browser', '--no-open', '--port', '0'],
    {
      cwd: repoRoot,
      env: { ...process.env, CYTOCURATOR_HOME: options.home, NO_COLOR: '1', BROWSER: 'none' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const output = () => `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  async function stop(): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no launch address within ${options.timeoutMs ?? 30_000} ms\n${output()}`));
    }, options.timeoutMs ?? 30_000);
    const onStdout = (chunk: string) => {
      stdout += chunk;
      const match = urlPattern.exec(stdout);
      if (match) {
        cleanup();
        resolve(match[0]);
      }
    };
    const onStderr = (chunk: string) => {
      stderr += chunk;
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`server exited (code ${code}, signal ${signal}) before printing its address\n${output()}`));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onStdout);
      child.off('exit', onExit);
      child.off('error', onError);
    }
    child.stdout.on('data', onStdout);
    child.stderr.on('data', onStderr);
    child.once('exit', onExit);
    child.once('error', onError);
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });

  // Keep collecting output after the address, for diagnostics.
  child.stdout.on('data', (chunk: string) => (stdout += chunk));

  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
  return { url, origin: parsed.origin, token, child, output, stop };
}
