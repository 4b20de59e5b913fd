/**
 * Finds the Electron executable without loading the `electron` package: its index.js throws when the binary
 * download was skipped or failed, and `electron` is an optional dependency that may be absent altogether.
 * Mirrors what electron/index.js does (path.txt names the executable inside dist/, or inside
 * ELECTRON_OVERRIDE_DIST_PATH), and says in one line why Electron cannot run.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { ok: true; path: string; version: string } | { ok: false; reason: string };

export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let packageJson: string;
  try {
    // Resolved the way require('electron') would be from the project, hoisting included.
    packageJson = createRequire(path.join(path.resolve(root), 'package.json')).resolve('electron/package.json');
  } catch {
    return {
      ok: false,
      reason: 'Electron not installed (no node_modules/electron: the optional dependency was skipped or failed)',
    };
  }
  const dir = path.dirname(packageJson);
  let version: string;
  try {
    version = String((JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version?: unknown }).version ?? '');
  } catch {
    return { ok: false, reason: `Electron package is damaged (cannot read ${packageJson})` };
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const distDir = override ? path.resolve(override) : path.join(dir, 'dist');
  const distLabel = override ? `ELECTRON_OVERRIDE_DIST_PATH ${distDir}` : 'node_modules/electron/dist';
  if (!isDirectory(distDir)) {
    return {
      ok: false,
      reason: `Electron binary not installed (${distLabel} missing: the download was skipped or failed)`,
    };
  }
  let executable: string;
  try {
    executable = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
  } catch {
    return {
      ok: false,
      reason: 'Electron binary not installed (node_modules/electron/path.txt missing: the download did not finish)',
    };
  }
  if (!executable) return { ok: false, reason: 'Electron binary not installed (node_modules/electron/path.txt is empty)' };
  const binary = path.join(distDir, executable);
  if (!isExecutableFile(binary)) {
    return { ok: false, reason: `Electron binary missing or not executable: ${binary}` };
  }
  return { ok: true, path: binary, version };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK); // on Windows X_OK only checks existence, which is what we want there
    return true;
  } catch {
    return false;
  }
}
