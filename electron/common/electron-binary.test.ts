import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.js';

const exe = process.platform === 'win32' ? 'electron.exe' : 'electron';
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-binary-'));
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"fixture"}');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** Lays out node_modules/electron as npm leaves it: always package.json; dist/ and path.txt after a download. */
function installElectron(opts: { dist?: boolean; pathTxt?: string | null; binary?: boolean; mode?: number } = {}) {
  const pkg = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: '41.7.1', main: 'index.js' }));
  // The real index.js throws without path.txt; findElectronBinary must never load it.
  fs.writeFileSync(path.join(pkg, 'index.js'), 'throw new Error("must not be required")');
  if (opts.dist ?? true) fs.mkdirSync(path.join(pkg, 'dist'));
  if (opts.pathTxt !== null) fs.writeFileSync(path.join(pkg, 'path.txt'), opts.pathTxt ?? exe);
  const binary = path.join(pkg, 'dist', exe);
  if ((opts.dist ?? true) && (opts.binary ?? true)) fs.writeFileSync(binary, '#!/bin/sh\n', { mode: opts.mode ?? 0o755 });
  return binary;
}

describe('findElectronBinary', () => {
  it('reports a missing package', () => {
    const r = findElectronBinary(root);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^Electron not installed \(no node_modules\/electron/) });
  });

  it('reports a skipped download (no dist/)', () => {
    installElectron({ dist: false, pathTxt: null });
    expect(findElectronBinary(root)).toEqual({
      ok: false,
      reason: 'Electron binary not installed (node_modules/electron/dist missing: the download was skipped or failed)',
    });
  });

  it('reports an unfinished install (dist/ but no path.txt)', () => {
    installElectron({ pathTxt: null });
    const r = findElectronBinary(root);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('path.txt missing');
  });

  it('reports a binary that is missing', () => {
    installElectron({ binary: false });
    const r = findElectronBinary(root);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('missing or not executable');
  });

  it.skipIf(process.platform === 'win32')('reports a binary that is not executable', () => {
    installElectron({ mode: 0o644 });
    expect(findElectronBinary(root).ok).toBe(false);
  });

  it('finds an installed binary with its version', () => {
    const binary = installElectron();
    expect(findElectronBinary(root)).toEqual({ ok: true, path: binary, version: '41.7.1' });
  });

  it('finds electron hoisted above the given root, as require would', () => {
    const binary = installElectron();
    const sub = path.join(root, 'packages', 'app');
    fs.mkdirSync(sub, { recursive: true });
    expect(findElectronBinary(sub)).toMatchObject({ ok: true, path: binary });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron/index.js', () => {
    installElectron({ dist: false });
    const other = path.join(root, 'custom-dist');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, exe), '', { mode: 0o755 });
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: other })).toMatchObject({
      ok: true,
      path: path.join(other, exe),
    });
    const r = findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'nowhere') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });

  it('keeps every reason on one line without a final period (callers append to it)', () => {
    installElectron({ dist: false });
    const r = findElectronBinary(root);
    if (r.ok) throw new Error('expected failure');
    expect(r.reason).not.toMatch(/\n|\.$/);
  });
});
