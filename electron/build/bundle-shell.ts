/**
 * Bundles the Electron shell: main.ts -> dist/electron/main.cjs, preload.ts -> dist/electron/preload.cjs.
 * Bundled because a sandboxed preload cannot require project files, and so the packaged app needs no
 * TypeScript loader. `electron` is provided by the runtime; better-sqlite3 stays a real module (native).
 * Run directly: `tsx electron/build/bundle-shell.ts`.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BundleShellOptions {
  root: string;
  /** Default: <root>/dist/electron. */
  outDir?: string;
}

export async function bundleShell(options: BundleShellOptions): Promise<{ main: string; preload: string; importWorker: string }> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? path.join('dist', 'electron'));
  const main = path.join(outDir, 'main.cjs');
  const preload = path.join(outDir, 'preload.cjs');
  // Imports parse in worker threads; the packaged app runs this compiled worker (no TypeScript loader there).
  const importWorker = path.join(outDir, 'import-worker.cjs');
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs' as const,
    // xmllint-wasm starts a worker and reads its .wasm beside its own files, so it stays a real module.
    external: ['electron', 'better-sqlite3', 'xmllint-wasm'],
    logLevel: 'warning' as const,
    legalComments: 'none' as const,
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'shell', 'main.ts')],
      outfile: main,
      platform: 'node',
      target: 'node20',
      // Shared modules written as ESM may read import.meta.url (app-paths.ts projectRoot); in CommonJS it
      // does not exist, so it is rebuilt from __filename instead of silently becoming undefined.
      define: { 'import.meta.url': '__cytocuratorImportMetaUrl' },
      banner: { js: 'const __cytocuratorImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'shell', 'preload.ts')],
      outfile: preload,
      // A sandboxed preload has browser globals and require('electron') only: platform 'browser' makes
      // esbuild fail on any accidental Node built-in instead of shipping a preload that throws at load.
      platform: 'browser',
      target: 'chrome120',
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron', 'import', 'import-worker.ts')],
      outfile: importWorker,
      platform: 'node',
      target: 'node20',
      define: { 'import.meta.url': '__cytocuratorImportMetaUrl' },
      banner: { js: 'const __cytocuratorImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    }),
  ]);
  return { main, preload, importWorker };
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(path.resolve(invokedPath)).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  bundleShell({ root }).then(
    (out) => console.log(`bundled ${path.relative(root, out.main)} and ${path.relative(root, out.preload)}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
