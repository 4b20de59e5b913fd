/**
 * `cytocurator start` (what `npm start` runs): the Electron workstation where its binary exists, otherwise
 * browser mode — the same service on 127.0.0.1 with a per-launch token, and the same renderer in a browser.
 */
import { spawn } from 'node:child_process';
import { startBrowserServer } from '../browser-mode/browser-server.js';
import type { Command, CommandContext, CommandOutcome } from './commands.js';
import { UsageError } from './cli-io.js';
import { openBrowser } from './open-browser.js';
import { ensureRendererBuilt } from './renderer-build.js';

export const defaultBrowserPort = 47650;

function waitForShutdown(): Promise<string> {
  return new Promise((resolve) => {
    const done = (signal: string) => resolve(signal);
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
  });
}

async function runElectron(ctx: CommandContext, electronPath: string): Promise<CommandOutcome> {
  await ensureRendererBuilt(ctx.root, (l) => ctx.io.stderr(`${l}\n`));
  // Loaded only here: esbuild is a build tool, not needed by the other commands.
  const { bundleShell } = await import('../build/bundle-shell.js');
  await bundleShell({ root: ctx.root });
  const args = [ctx.root, '--library', ctx.libraryDir];
  const child = spawn(electronPath, args, { stdio: 'inherit', env: ctx.io.env });
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 0)));
  return { result: { mode: 'electron', exitCode: code } };
}

async function runBrowserMode(ctx: CommandContext): Promise<CommandOutcome> {
  const staticDir = await ensureRendererBuilt(ctx.root, (l) => ctx.io.stderr(`${l}\n`));
  const portValue = ctx.values.port;
  const port = portValue === undefined ? null : Number(portValue);
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be 0–65535, got "${String(portValue)}"`);
  const service = ctx.service();
  void service.checkServer({});
  service.startAutoSync(120_000);
  // A stable default port keeps the page's origin, so the browser keeps the user's table layout and language
  // between launches; when it is taken (a second workstation), any free port will do.
  let server;
  try {
    server = await startBrowserServer({ service, staticDir, port: port ?? defaultBrowserPort });
  } catch (err) {
    if (port !== null || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    server = await startBrowserServer({ service, staticDir, port: 0 });
  }
  ctx.io.stdout(`CytoCurator browser mode: ${server.url}\n`);
  if (!ctx.values['no-open']) {
    if (!openBrowser(server.url, ctx.io.env)) ctx.io.stderr('No browser found to open; open the URL above.\n');
  }
  ctx.io.stderr('Press Ctrl+C to stop.\n');
  const signal = await waitForShutdown();
  await server.close();
  return { result: { mode: 'browser', url: server.url, stoppedBy: signal } };
}

export const startCommand: Command = {
  summary: 'open the workstation (Electron, or browser mode where Electron is missing)',
  args: '',
  help: [
    'Usage: cytocurator start [--browser] [--no-open] [--port N] [--library DIR]   (browser mode port: 47650, or any free one; --port 0 = random)',
    '',
    'Opens the workstation in Electron when its binary is installed; otherwise (or with --browser) serves it on',
    '127.0.0.1 with a random per-launch token and prints the URL (opening a browser when one is found).',
  ].join('\n'),
  options: { browser: { type: 'boolean', default: false }, 'no-open': { type: 'boolean', default: false }, port: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError(`start takes no arguments, got "${ctx.positionals.join(' ')}"`);
    if (!ctx.values.browser) {
      const { findElectronBinary } = await import('../common/electron-binary.js');
      const electron = findElectronBinary(ctx.root);
      if (electron.ok) return runElectron(ctx, electron.path);
      ctx.io.stderr(`${electron.reason}; starting browser mode instead.\n`);
    }
    return runBrowserMode(ctx);
  },
};
