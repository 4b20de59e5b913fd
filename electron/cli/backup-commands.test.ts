import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFixture } from '../test-support/real-fixtures.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDirs();
const cefas = () => path.dirname(realFixture('ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_Info.txt'));

async function cli(argv: string[], home: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CYTOCURATOR_HOME: home } });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, any> };
}

describe('cytocurator backup, verify, restore', () => {
  it('backs up, names corrupted files, restores into an empty folder and refuses to overwrite', async () => {
    const home = tempDir();
    expect((await cli(['import', cefas(), '--json'], home)).code).toBe(0);
    const id = (await cli(['samples', '--json'], home)).json().samples[0].id as string;
    expect((await cli(['flag', id, '--flag', '3', '--comment', 'bubbles'], home)).code).toBe(0);
    const backupDir = path.join(home, 'usb', 'cytocurator-backup');

    const backup = await cli(['backup', '--to', backupDir, '--json'], home);
    expect(backup.code, backup.stderr).toBe(0);
    const doc = backup.json();
    expect(doc).toMatchObject({ backupDir, errors: [], problems: [], verified: true, library: { name: 'My library' } });
    // Cefas: 8 images, 2 stored sources, 1 set, particle ids and the event columns (see the import), + db + record.
    const stored = fs.readdirSync(path.join(home, 'library', 'files', 'samples', id, 'v1', 'events')).length + 8 + 2 + 1;
    expect(doc.files.copied).toBe(stored + 2);
    expect(doc.copiedBySample).toEqual([{ sampleId: id, files: stored, bytes: expect.any(Number) }]);
    expect(backup.stderr).toContain('done');
    const text = await cli(['backup', '--to', backupDir], home);
    expect(text.stdout).toContain('copied 1 file(s)'); // the database snapshot only: nothing else changed
    expect(text.stdout).toContain(`sha256sum -c manifest.sha256`);

    const status = await cli(['backup', '--status', '--json'], home);
    expect(status.json()).toMatchObject({ pendingChanges: 0, stale: false, warnAfterHours: 24, lastBackup: { dir: backupDir } });
    expect((await cli(['backup', '--warn-after', '6', '--json'], home)).json().warnAfterHours).toBe(6);

    expect((await cli(['verify', '--json'], home)).json()).toMatchObject({ ok: true, target: 'library', database: 'ok', errors: [] });
    expect((await cli(['verify', '--backup', backupDir, '--json'], home)).json()).toMatchObject({ ok: true, target: 'backup', errors: [] });

    const events = `files/samples/${id}/v1/events/002.f32`;
    const image = `files/samples/${id}/v1/images/uncropped-151.jpg`;
    for (const p of [events, image]) fs.appendFileSync(path.join(home, 'library', ...p.split('/')), 'junk');
    const bad = await cli(['verify', '--json'], home);
    expect(bad.code).toBe(1);
    expect(bad.json().differing.map((d: { path: string }) => d.path)).toEqual([events, image]);
    expect(bad.json().errors.map((e: { file: string }) => e.file)).toEqual([events, image]);
    const badText = await cli(['verify'], home);
    expect(badText.stdout).toMatch(/^PROBLEMS: library /);
    expect(badText.stdout).toContain(`differs    ${events}`);

    const refused = await cli(['restore', '--from', backupDir, '--to', path.join(home, 'library'), '--json'], home);
    expect(refused.code).toBe(1);
    expect(refused.json().errors[0]).toMatchObject({ code: 'conflict' });
    const empty = path.join(home, 'restored');
    fs.mkdirSync(empty);
    const restored = await cli(['restore', '--from', backupDir, '--to', empty, '--json'], home);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.json()).toMatchObject({ to: empty, samples: 1, changeEvents: 1, replaced: false, libraryCheck: { ok: true } });
    for (const p of [events, image]) {
      expect(fs.statSync(path.join(empty, ...p.split('/'))).size + 4).toBe(fs.statSync(path.join(home, 'library', ...p.split('/'))).size);
    }
    const audit = await cli(['audit', id, '--library', empty, '--json'], home);
    expect(audit.json().events.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([['flag', 'bubbles']]);
    expect((await cli(['verify', '--library', empty, '--json'], home)).json().ok).toBe(true);
  });

  it('usage errors exit 2', async () => {
    const home = tempDir();
    expect((await cli(['backup'], home)).code).toBe(2);
    expect((await cli(['backup', 'somewhere'], home)).code).toBe(2);
    expect((await cli(['backup', '--to', path.join(home, 'b'), '--status'], home)).code).toBe(2);
    expect((await cli(['backup', '--warn-after', 'soon'], home)).code).toBe(2);
    expect((await cli(['restore', '--from', path.join(home, 'b')], home)).code).toBe(2);
    expect((await cli(['verify', 'x'], home)).code).toBe(2);
    // restore needs no library and creates none.
    expect((await cli(['restore', '--from', path.join(home, 'nope'), '--to', path.join(home, 'x'), '--json'], home)).code).toBe(1);
    expect(fs.existsSync(path.join(home, 'library'))).toBe(false);
    const notBackup = await cli(['verify', '--backup', home, '--json'], home);
    expect(notBackup.code).toBe(1);
    expect(notBackup.json().errors[0].message).toMatch(/no CytoCurator backup here/);
  });
});
