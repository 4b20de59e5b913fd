import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../common/app-paths.js';
import { openLibraryDatabase } from '../library/library-database.js';
import { insertSamples } from '../library/sample-store.js';
import { sample } from '../test-support/sample-factory.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDirs();

async function cli(argv: string[], home: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { CYTOCURATOR_HOME: home },
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, any> & { errors: any[] } };
}

describe('cytocurator CLI contract', () => {
  it('--help and --version exit 0', async () => {
    const home = tempDir();
    const help = await cli(['--help'], home);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: cytocurator <command>');
    expect(help.stdout).toMatch(/--library DIR/);
    const version = await cli(['--version'], home);
    expect(version).toMatchObject({ code: 0 });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect((await cli(['samples', '--help'], home)).stdout).toContain('--sort');
  });

  it('usage errors exit 2, with one JSON document under --json', async () => {
    const home = tempDir();
    for (const argv of [[], ['frobnicate'], ['status', '--bogus'], ['samples', '--limit', 'x'], ['samples', '--sort', 'colour'], ['sample'], ['status', 'extra']]) {
      const r = await cli([...argv, '--json'], home);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.json().errors.length).toBeGreaterThan(0);
      expect(r.stderr).toContain('cytocurator:');
    }
  });

  it('status on a fresh default library: empty, offline, exit 0', async () => {
    const home = tempDir();
    const r = await cli(['status', '--json'], home);
    expect(r.code).toBe(0);
    const result = r.json();
    expect(result.errors).toEqual([]);
    expect(result.library).toMatchObject({ path: path.join(home, 'library'), sampleCount: 0, kind: 'user' });
    expect(result.server.reachable).toBe(false);
    const text = await cli(['status'], home);
    expect(text.stdout).toContain('sync server: not configured');
  });

  it('--library DIR selects another library; samples and sample name samples by stable id', async () => {
    const home = tempDir();
    const dir = path.join(tempDir(), 'campaign');
    const lib = openLibraryDatabase(dir);
    insertSamples(lib.db, [sample('cs-0011'), sample('cs-0022', { startedAt: '2026-05-15T00:00:00Z' })]);
    lib.close();
    const list = await cli(['samples', '--library', dir, '--json'], home);
    expect(list.code).toBe(0);
    expect(list.json().samples.map((s: { id: string }) => s.id)).toEqual(['cs-0022', 'cs-0011']);
    const one = await cli(['sample', 'cs-0011', '--library', dir, '--json'], home);
    expect(one.json()).toMatchObject({ id: 'cs-0011', files: [{ role: 'listmode' }] });
    const text = await cli(['samples', '--library', dir], home);
    expect(text.stdout).toContain('(1–2 of 2 samples)');
  });

  it('a missing sample is invalid input: exit 1 and the error in the JSON', async () => {
    const r = await cli(['sample', 'cs-nope', '--json'], tempDir());
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({ errors: [expect.objectContaining({ code: 'not-found', field: 'id' })] });
  });

  it('a library folder that is a file is invalid input: exit 1', async () => {
    const r = await cli(['status', '--library', path.join(projectRoot(), 'package.json'), '--json'], tempDir());
    expect(r.code).toBe(1);
    expect(r.json().errors[0]).toMatchObject({ code: 'invalid-input' });
  });

  it('runs as the installed bin with no build step (npx cytocurator)', () => {
    const home = tempDir();
    const bin = path.join(projectRoot(), 'bin', 'cytocurator.js');
    const out = execFileSync(process.execPath, [bin, 'status', '--json'], { env: { ...process.env, CYTOCURATOR_HOME: home }, encoding: 'utf8' });
    expect(JSON.parse(out).errors).toEqual([]);
    const bad = spawnSync(process.execPath, [bin, 'nope'], { env: { ...process.env, CYTOCURATOR_HOME: home }, encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
