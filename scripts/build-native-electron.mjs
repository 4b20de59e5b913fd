#!/usr/bin/env node
/**
 * Builds better-sqlite3 against Electron's ABI into native/electron/better_sqlite3.node, which the shell
 * passes to the service as nativeBinding (packaged: resources/native, see electron-builder.yml).
 * node_modules/better-sqlite3 stays built for Node (CLI, browser mode, tests), so the build happens on a
 * copy in a temporary folder.
 *
 * Needs Electron's headers (downloaded by node-gyp from ELECTRON_HEADERS_URL, default electronjs.org) and a
 * C++ toolchain. Usage: node scripts/build-native-electron.mjs [--arch x64|arm64] [--verbose]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const outFile = path.join(root, 'native', 'electron', 'better_sqlite3.node');

class BuildError extends Error {}

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The installed electron package's version, else the exact version package.json asks for. */
function electronVersion() {
  try {
    return JSON.parse(fs.readFileSync(requireFromRoot.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const spec = pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
    const version = typeof spec === 'string' ? /\d+\.\d+\.\d+(?:-[\w.]+)?/.exec(spec)?.[0] : undefined;
    if (!version) throw new BuildError('cannot tell which Electron version to build for (no electron in package.json)');
    return version;
  }
}

/** Electron's fork of node-gyp (what electron-builder uses), else upstream node-gyp. */
function nodeGypScript() {
  for (const id of ['@electron/node-gyp/bin/node-gyp.js', 'node-gyp/bin/node-gyp.js']) {
    try {
      return requireFromRoot.resolve(id);
    } catch {
      // try the next one
    }
  }
  throw new BuildError('node-gyp not found in node_modules (run npm ci)');
}

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (options.verbose) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => resolve({ code: -1, output: `${output}\n${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** One line saying why, from node-gyp's log: header download problems are the common case offline. */
export function explainFailure(output, distUrl, version) {
  const headers = /gyp http GET|Downloading|tarball|install got an error|rolling back install/i.test(output);
  const network = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|socket hang up|\b[45]\d\d status code|status code [45]\d\d/i.exec(output);
  if (headers && (network || /install got an error|rolling back install/i.test(output))) {
    return `cannot download Electron ${version} headers from ${distUrl}${network ? ` (${network[0]})` : ''}: no network access to it? Set ELECTRON_HEADERS_URL to a reachable mirror`;
  }
  if (/not found: make|not found: g\+\+|No Xcode|MSBuild|Visual Studio|find Python|python.*not found/i.test(output)) {
    return 'no C++ toolchain (make/g++, Xcode or Visual Studio) or Python found for node-gyp';
  }
  const last = output.split('\n').map((l) => l.trim()).filter((l) => /ERR!|error/i.test(l)).slice(-1)[0];
  return `node-gyp failed${last ? `: ${last}` : ''}`;
}

async function main() {
  const version = electronVersion();
  const arch = option('--arch') ?? process.arch;
  const verbose = process.argv.includes('--verbose');
  const distUrl = process.env.ELECTRON_HEADERS_URL || 'https://electronjs.org/headers';
  const source = path.dirname(requireFromRoot.resolve('better-sqlite3/package.json'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-native-'));
  try {
    const copy = path.join(work, 'better-sqlite3');
    // Without its build/ folder: nothing built for Node may leak into the Electron build.
    fs.cpSync(source, copy, { recursive: true, filter: (p) => path.relative(source, p) !== 'build' });
    console.log(`building better-sqlite3 for Electron ${version} (${arch})...`);
    const args = [
      nodeGypScript(),
      'rebuild',
      '--release',
      `--target=${version}`,
      '--runtime=electron',
      `--arch=${arch}`,
      `--dist-url=${distUrl}`,
      // Electron headers kept apart from Node's, as Electron's docs advise (same version numbers, other ABI).
      `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
    ];
    const result = await run(process.execPath, args, { cwd: copy, env: process.env, verbose });
    if (result.code !== 0) {
      const log = path.join(os.tmpdir(), 'cytocurator-native-build.log');
      fs.writeFileSync(log, result.output);
      throw new BuildError(`${explainFailure(result.output, distUrl, version)} (full log: ${log})`);
    }
    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!fs.existsSync(built)) throw new BuildError(`node-gyp succeeded but ${built} is missing`);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.copyFileSync(built, outFile);
    console.log(`wrote ${path.relative(root, outFile)} (Electron ${version}, ${arch})`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`build-native-electron: ${err instanceof BuildError ? err.message : err?.stack ?? String(err)}`);
    process.exitCode = 1;
  });
}
