import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CurationEvent } from '../../shared/api/events.js';
import { parseManifest } from '../../shared/backup/sha256-manifest.js';
import { writeCytoclusExport } from '../test-support/cytoclus-export-writer.js';
import { realFixture } from '../test-support/real-fixtures.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { openLibraryDatabase } from '../library/library-database.js';
import { backupLibrary } from './backup-library.js';
import { backupStatus } from './backup-state.js';
import { restoreLibrary } from './restore-library.js';
import { verifyBackupFolder } from './verify-library.js';

const tempDir = useTempDirs();
const cefas = () => path.dirname(realFixture('ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_Info.txt'));
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A generated CytoClus export of one sample (Listmode + Info), `n` events. */
function generatedExport(root: string, name: string, n: number): string {
  const folder = path.join(root, name.replace(/\W+/g, '-'));
  const fws = Array.from({ length: n }, (_, i) => 100 + i);
  const red = Array.from({ length: n }, (_, i) => 5 + ((i * 7) % 50));
  writeCytoclusExport({ folder, name, columns: { 'FWS Total': fws, 'Fl Red Total': red }, volume_uL: 500 });
  return folder;
}

/** Relative paths of the regular files under a folder. */
function filesUnder(root: string, sub = ''): string[] {
  const abs = path.join(root, sub);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(root, rel) : [rel];
  });
}

async function libraryWithCefas(home: string) {
  const service = makeService(home);
  const imported = await service.importFiles({ paths: [cefas(), generatedExport(path.join(home, 'exports'), 'STATION A 2026-05-14 06h00', 40)] });
  expect(imported.samples.map((s) => s.status)).toEqual(['imported', 'imported']);
  const cefasId = imported.samples.find((s) => s.name.startsWith('Pond_NA'))!.id;
  const stationId = imported.samples.find((s) => s.name.startsWith('STATION A'))!.id;
  return { service, libraryDir: path.join(home, 'library'), cefasId, stationId };
}

describe('backup while flags are being written', () => {
  it('through the app\'s own connection: the restored library passes integrity_check and holds every change committed before the backup started', async () => {
    const home = tempDir();
    const service = makeService(home);
    const lib = openLibraryDatabase(path.join(home, 'library'));
    // Enough rows that the online backup takes many steps (100 pages each) and the writer runs between them.
    const insert = lib.db.prepare("INSERT INTO samples (id, name, source, started_at, imported_at) VALUES (?, ?, 'cytosense', ?, '2026-05-14T00:00:00Z')");
    const meta = lib.db.prepare('INSERT INTO sample_metadata (sample_id, key, value) VALUES (?, ?, ?)');
    lib.db.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        const id = `cs-${String(i).padStart(16, '0')}`;
        insert.run(id, `sample ${i}`, `2026-05-14T${String(i % 24).padStart(2, '0')}:00:00Z`);
        meta.run(id, 'notes', 'x'.repeat(400));
      }
    })();
    lib.close();
    for (let i = 0; i < 20; i++) await service.flagSamples({ selection: { ids: [`cs-${String(i).padStart(16, '0')}`] }, flag: { code: '3' } });

    let stop = false;
    let written = 0;
    const writer = (async () => {
      while (!stop) {
        const id = `cs-${String(written % 3000).padStart(16, '0')}`;
        await service.flagSamples({ selection: { ids: [id] }, flag: { code: written % 2 ? '4' : '1' }, comment: `write ${written}` });
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    // Let the writer get going, then note what is committed when the backup starts.
    while (written < 5) await new Promise((r) => setImmediate(r));
    const probe = new Database(path.join(home, 'library', 'library.sqlite'), { readonly: true });
    const before = probe.prepare('SELECT seq, id FROM change_events ORDER BY seq').all() as { seq: number; id: string }[];
    probe.close();
    const backupDir = path.join(home, 'backup');
    const writtenAtStart = written;
    const report = await service.backupLibrary({ to: backupDir });
    const writtenDuring = written - writtenAtStart;
    stop = true;
    await writer;
    // The flags really were being written while the backup ran.
    expect(writtenDuring).toBeGreaterThan(3);
    expect(report.verified).toBe(true);

    const restored = path.join(home, 'restored');
    await restoreLibrary(backupDir, restored);
    const db = new Database(path.join(restored, 'library.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const after = db.prepare('SELECT seq, id FROM change_events ORDER BY seq').all() as { seq: number; id: string }[];
    // Every change committed before the backup started, with its id; then possibly some made during it, no gaps.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1));
    // The projection matches the log it came with: each sample's flag is its newest flag event.
    const newest = db.prepare("SELECT sample_id, json_extract(after_json, '$.code') AS code FROM change_events WHERE seq IN (SELECT max(seq) FROM change_events WHERE target_kind = 'flag' GROUP BY sample_id)").all() as { sample_id: string; code: string }[];
    for (const n of newest) expect(db.prepare('SELECT flag_code FROM samples WHERE id = ?').pluck().get(n.sample_id)).toBe(n.code);
    db.close();
    await service.close();
  });

  it('through another connection (the CLI while the workstation writes): restarts are bounded and the snapshot is consistent', async () => {
    const home = tempDir();
    const service = makeService(home);
    const lib = openLibraryDatabase(path.join(home, 'library'));
    const insert = lib.db.prepare("INSERT INTO samples (id, name, source, imported_at) VALUES (?, ?, 'cytosense', '2026-05-14T00:00:00Z')");
    lib.db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`cs-${String(i).padStart(16, '0')}`, `sample ${i}`);
    })();
    await service.flagSamples({ selection: { ids: ['cs-0000000000000000'] }, flag: { code: '3' } });
    const committed = lib.db.prepare('SELECT count(*) FROM change_events').pluck().get() as number;
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        await service.flagSamples({ selection: { ids: [`cs-${String(i % 2000).padStart(16, '0')}`] }, flag: { code: '4' } });
        await new Promise((r) => setImmediate(r));
      }
    })();
    let steps = 0;
    const report = await backupLibrary(lib, path.join(home, 'backup'), { version: 'test', pagesPerStep: 1, onProgress: (p) => p.message.startsWith('copying the database') && steps++ });
    stop = true;
    await writer;
    expect(steps).toBeGreaterThan(3);
    expect(report.verified).toBe(true);
    const copy = new Database(path.join(home, 'backup', 'library.sqlite'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM change_events').pluck().get() as number).toBeGreaterThanOrEqual(committed);
    copy.close();
    lib.close();
    await service.close();
  });
});

describe('incremental backup, verify and restore', () => {
  it('copies only a new sample\'s files the second time; names a corrupted events file and image; restores identical bytes', async () => {
    const home = tempDir();
    const { service, libraryDir, cefasId } = await libraryWithCefas(home);
    await service.flagSamples({ selection: { ids: [cefasId] }, flag: { code: '4' }, comment: 'bubbles' });
    const backupDir = path.join(home, 'backup');

    const first = await service.backupLibrary({ to: backupDir });
    const libraryFiles = filesUnder(libraryDir).filter((p) => p.startsWith('files/'));
    expect(first.problems).toEqual([]);
    expect(first.files.copied).toBe(libraryFiles.length + 2); // + library.sqlite + fixity.sha256
    expect([...first.copied].sort()).toEqual([...libraryFiles, 'fixity.sha256', 'library.sqlite'].sort());
    // The manifest lists exactly the backup's files, with their real sums (checked independently).
    const manifest = parseManifest(fs.readFileSync(path.join(backupDir, 'manifest.sha256')));
    expect(manifest.entries.map((e) => e.path).sort()).toEqual([...libraryFiles, 'fixity.sha256', 'library.sqlite'].sort());
    for (const e of manifest.entries) expect(sha(path.join(backupDir, ...e.path.split('/'))), e.path).toBe(e.sha256);
    // …and the standard tool agrees, for the backup and for the library's own fixity record.
    const check = spawnSync('sha256sum', ['-c', '--quiet', 'manifest.sha256'], { cwd: backupDir, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const libraryCheck = spawnSync('sha256sum', ['-c', '--quiet', 'fixity.sha256'], { cwd: libraryDir, encoding: 'utf8' });
    expect(libraryCheck.status, libraryCheck.stdout + libraryCheck.stderr).toBe(0);
    const description = JSON.parse(fs.readFileSync(path.join(backupDir, 'cytocurator-backup.json'), 'utf8')) as Record<string, any>;
    expect(description).toMatchObject({ format: 'cytocurator-backup', formatVersion: 1, counts: { samples: 2, imports: 2, changeEvents: 1, files: libraryFiles.length + 2, orphaned: 0 } });
    expect(fs.existsSync(path.join(backupDir, 'orphaned.sha256'))).toBe(false);

    // Second run, nothing changed but the database: only library.sqlite is copied (its bytes change with the meta).
    const again = await service.backupLibrary({ to: backupDir });
    expect(again.copiedBySample).toEqual([]);
    expect(again.files.unchanged).toBe(libraryFiles.length);

    // One new sample: only its files (plus the database and the fixity record) are copied.
    const added = await service.importFiles({ paths: [generatedExport(path.join(home, 'exports'), 'STATION B 2026-05-15 06h00', 25)] });
    const newId = added.samples[0]!.id;
    const third = await service.backupLibrary({ to: backupDir });
    const newFiles = filesUnder(libraryDir, `files/samples/${newId}`);
    expect(newFiles.length).toBeGreaterThan(2);
    expect([...third.copied].sort()).toEqual([...newFiles, 'fixity.sha256', 'library.sqlite'].sort());
    expect(third.copiedBySample).toEqual([{ sampleId: newId, files: newFiles.length, bytes: newFiles.reduce((a, p) => a + fs.statSync(path.join(libraryDir, p)).size, 0) }]);
    expect(third.files.unchanged).toBe(libraryFiles.length);
    expect((await verifyBackupFolder(backupDir)).ok).toBe(true);

    // Corrupt one stored events file (sum recorded by the first backup) and one image (sum recorded at import).
    const eventsFile = `files/samples/${cefasId}/v1/events/003.f32`;
    const imageFile = `files/samples/${cefasId}/v1/images/cropped-63.jpg`;
    const original = new Map([eventsFile, imageFile].map((p) => [p, fs.readFileSync(path.join(libraryDir, p))]));
    for (const p of [eventsFile, imageFile]) {
      const bytes = fs.readFileSync(path.join(libraryDir, p));
      bytes[Math.floor(bytes.length / 2)]! ^= 0xff; // one flipped byte, same size
      const file = path.join(libraryDir, p);
      const { mtime } = fs.statSync(file);
      fs.writeFileSync(file, bytes);
      // Written an hour after the import (a stray program, a bad sector rewritten), not within the same seconds.
      fs.utimesSync(file, mtime, new Date(mtime.getTime() + 3_600_000));
    }
    const verify = await service.verifyLibrary({});
    expect(verify.ok).toBe(false);
    expect(verify.differing.map((d) => d.path)).toEqual([eventsFile, imageFile]);
    expect(verify.differing[0]).toMatchObject({ kind: 'differs', expected: sha256(original.get(eventsFile)!), actual: sha(path.join(libraryDir, eventsFile)) });
    expect(verify.missing).toEqual([]);
    expect(verify.database).toBe('ok');

    // A backup now refuses to copy the corrupted files over its good copies (they were written to: their time
    // moved, so they are re-read), and says so.
    const fourth = await service.backupLibrary({ to: backupDir });
    expect(fourth.problems.map((p) => [p.path, p.kind])).toEqual([
      [eventsFile, 'differs'],
      [imageFile, 'differs'],
    ]);
    expect(fourth.copiedBySample).toEqual([]);
    expect(fs.readFileSync(path.join(backupDir, eventsFile)).equals(original.get(eventsFile)!)).toBe(true);
    expect((await verifyBackupFolder(backupDir)).ok).toBe(true);
    // Into a new folder the same: the corrupted files are named and not copied.
    const elsewhere = await service.backupLibrary({ to: path.join(home, 'backup-2') });
    expect(elsewhere.problems.map((p) => p.path)).toEqual([eventsFile, imageFile]);
    expect(fs.existsSync(path.join(home, 'backup-2', eventsFile))).toBe(false);

    // Restore into an empty folder: identical bytes for every stored file, the corrupted ones as they were imported.
    await service.close();
    const restored = path.join(home, 'restored');
    fs.mkdirSync(restored);
    const r = await restoreLibrary(backupDir, restored);
    expect(r.backupCheck.ok).toBe(true);
    expect(r.libraryCheck.ok).toBe(true);
    expect(r).toMatchObject({ samples: 3, changeEvents: 1, replaced: false });
    for (const [p, bytes] of original) expect(fs.readFileSync(path.join(restored, p)).equals(bytes), p).toBe(true);
    for (const p of filesUnder(libraryDir).filter((f) => f.startsWith('files/') && !original.has(f))) {
      expect(sha(path.join(restored, p)), p).toBe(sha(path.join(libraryDir, p)));
    }
    // The restored library knows it is that backup, verified, with nothing pending.
    const restoredLib = openLibraryDatabase(restored);
    const status = backupStatus(restoredLib);
    expect(status).toMatchObject({ pendingChanges: 0, stale: false, lastBackup: { dir: backupDir } });
    expect(restoredLib.db.prepare("SELECT flag_code FROM samples WHERE id = ?").pluck().get(cefasId)).toBe('4');
    restoredLib.close();
  });

  it('keeps files the library no longer has, listed as orphaned; verify of the backup checks them too', async () => {
    const home = tempDir();
    const { service, libraryDir } = await libraryWithCefas(home);
    const stray = path.join(libraryDir, 'files', 'notes', 'cruise-log.txt');
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, 'CTD cast 12 cancelled\n');
    const backupDir = path.join(home, 'backup');
    const first = await service.backupLibrary({ to: backupDir });
    expect(first.copied).toContain('files/notes/cruise-log.txt');
    fs.rmSync(stray);
    const second = await service.backupLibrary({ to: backupDir });
    expect(second.orphaned).toEqual(['files/notes/cruise-log.txt']);
    expect(fs.readFileSync(path.join(backupDir, 'files', 'notes', 'cruise-log.txt'), 'utf8')).toBe('CTD cast 12 cancelled\n');
    expect(fs.readFileSync(path.join(backupDir, 'orphaned.sha256'), 'utf8')).toBe(`${sha256(Buffer.from('CTD cast 12 cancelled\n'))}  files/notes/cruise-log.txt\n`);
    expect(parseManifest(fs.readFileSync(path.join(backupDir, 'manifest.sha256'))).entries.map((e) => e.path)).not.toContain('files/notes/cruise-log.txt');
    // The library's record still names it: verify reports it missing from the library.
    const v = await service.verifyLibrary({});
    expect(v.missing.map((m) => m.path)).toEqual(['files/notes/cruise-log.txt']);

    // A damaged orphan is found by verify --backup.
    fs.writeFileSync(path.join(backupDir, 'files', 'notes', 'cruise-log.txt'), 'CTD cast 12 done\n');
    const vb = await service.verifyLibrary({ backup: backupDir });
    expect(vb.ok).toBe(false);
    expect(vb.differing.map((d) => d.path)).toEqual(['files/notes/cruise-log.txt']);
    // …and the status bar no longer counts that backup as verified.
    expect((await service.getBackupStatus({})).ageHours).toBeNull();
    await service.close();
  });

  it('restore refuses to overwrite a non-empty folder unless forced, and restores into a new one', async () => {
    const home = tempDir();
    const { service, libraryDir } = await libraryWithCefas(home);
    const backupDir = path.join(home, 'backup');
    await service.backupLibrary({ to: backupDir });
    await service.close();

    await expect(restoreLibrary(backupDir, libraryDir)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/holds a CytoCurator library; .*--force/) });
    const other = path.join(home, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'thesis.docx'), 'do not lose me');
    await expect(restoreLibrary(backupDir, other)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/is not empty \(1 entry\)/) });
    expect(fs.readFileSync(path.join(other, 'thesis.docx'), 'utf8')).toBe('do not lose me');
    await expect(restoreLibrary(backupDir, path.join(backupDir, 'inside'))).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(restoreLibrary(path.join(home, 'nothing-here'), path.join(home, 'x'))).rejects.toMatchObject({ code: 'not-found' });

    const fresh = await restoreLibrary(backupDir, path.join(home, 'new', 'library'));
    expect(fresh).toMatchObject({ samples: 2, replaced: false });
    expect(fs.readdirSync(home).filter((n) => n.includes('.restoring-'))).toEqual([]);

    // Forced: the library is replaced by the backup's (the sample flagged after the backup is gone).
    const lib = openLibraryDatabase(libraryDir);
    lib.db.prepare("UPDATE samples SET comment = 'after the backup'").run();
    lib.close();
    const forced = await restoreLibrary(backupDir, libraryDir, { force: true });
    expect(forced.replaced).toBe(true);
    const back = openLibraryDatabase(libraryDir);
    expect(back.db.prepare('SELECT count(*) FROM samples WHERE comment IS NOT NULL').pluck().get()).toBe(0);
    back.close();
    expect(fs.readdirSync(home).filter((n) => n.includes('.replaced-') || n.includes('.restoring-'))).toEqual([]);
  });

  it('refuses a backup folder that is not empty, belongs to another library, or is inside the library', async () => {
    const home = tempDir();
    const { service, libraryDir } = await libraryWithCefas(home);
    const busy = path.join(home, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'photo.jpg'), 'x');
    await expect(service.backupLibrary({ to: busy })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/not empty and is not a CytoCurator backup/) });
    await expect(service.backupLibrary({ to: path.join(libraryDir, 'backup') })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(service.backupLibrary({ to: home })).rejects.toMatchObject({ code: 'invalid-request' });

    const otherHome = tempDir();
    const other = makeService(otherHome);
    await other.backupLibrary({ to: path.join(home, 'theirs') });
    await other.close();
    await expect(service.backupLibrary({ to: path.join(home, 'theirs') })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/backup of another library/) });

    // A lock held by a live process refuses a second run into the same folder.
    const backupDir = path.join(home, 'backup');
    fs.mkdirSync(backupDir);
    fs.writeFileSync(path.join(backupDir, '.backup-lock'), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname() }));
    await expect(service.backupLibrary({ to: backupDir })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/another backup is writing/) });
    // A lock left by a process that is gone is taken over.
    fs.writeFileSync(path.join(backupDir, '.backup-lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname() }));
    expect((await service.backupLibrary({ to: backupDir })).problems).toEqual([]);
    expect(fs.existsSync(path.join(backupDir, '.backup-lock'))).toBe(false);
    await service.close();
  });
});

describe('sums recorded at import', () => {
  it('records the sums of the event columns, particle ids and set members as each import is committed: a column damaged before any backup is named by the first check', async () => {
    const home = tempDir();
    const { service, libraryDir, stationId } = await libraryWithCefas(home);
    const record = parseManifest(fs.readFileSync(path.join(libraryDir, 'fixity.sha256')));
    const derived = filesUnder(libraryDir).filter((p) => /\/(events|sets)\//.test(p));
    expect(derived.length).toBeGreaterThan(4);
    // Every derived file is listed with the sum of its bytes, and sha256sum agrees.
    expect(record.entries.map((e) => e.path).sort()).toEqual([...derived].sort());
    for (const e of record.entries) expect(sha(path.join(libraryDir, ...e.path.split('/'))), e.path).toBe(e.sha256);
    const check = spawnSync('sha256sum', ['-c', '--quiet', 'fixity.sha256'], { cwd: libraryDir, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);

    // Damaged before any backup or check: named as differing, not taken as its first sum.
    const column = derived.find((p) => p.includes(`/${stationId}/`) && p.endsWith('.f32'))!;
    const abs = path.join(libraryDir, ...column.split('/'));
    const bytes = fs.readFileSync(abs);
    bytes[0] = bytes[0]! ^ 0xff;
    fs.writeFileSync(abs, bytes);
    const report = await service.verifyLibrary({ backup: null });
    expect(report.differing.map((p) => p.path)).toEqual([column]);
    expect(report.recorded).toBe(0);
    await service.close();
  });
});

describe('cancelling a backup, a check or a restore (cancelJob)', () => {
  it('stops between files: the folder keeps its previous complete backup, a check records nothing, a restore puts nothing in place', async () => {
    const home = tempDir();
    const { service, libraryDir, cefasId } = await libraryWithCefas(home);
    const backupDir = path.join(home, 'backup');
    await service.backupLibrary({ to: backupDir });
    const manifestBefore = fs.readFileSync(path.join(backupDir, 'manifest.sha256'), 'utf8');
    const descriptionBefore = fs.readFileSync(path.join(backupDir, 'cytocurator-backup.json'), 'utf8');

    // Cancel each job as soon as it reports progress on files (the service's own progress events).
    const cancelOn = (pattern: RegExp) => {
      const asked: string[] = [];
      const off = service.onEvent((e) => {
        if (e.type === 'progress' && pattern.test(e.message) && !asked.includes(e.job)) {
          asked.push(e.job);
          void service.cancelJob({ job: e.job }).then((r) => expect(r.cancelled).toBe(true));
        }
      });
      return { off, asked };
    };

    // A changed library, so the second backup has files to copy.
    await service.flagSamples({ selection: { ids: [cefasId] }, flag: { code: '3' } });
    fs.rmSync(path.join(backupDir, 'files'), { recursive: true }); // every file to copy again
    let watch = cancelOn(/checking and copying stored files/);
    await expect(service.backupLibrary({ to: backupDir, job: 'backup-1' })).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/keeps its previous complete backup/) });
    watch.off();
    expect(watch.asked).toEqual(['backup-1']);
    expect(fs.readFileSync(path.join(backupDir, 'manifest.sha256'), 'utf8')).toBe(manifestBefore);
    expect(fs.readFileSync(path.join(backupDir, 'cytocurator-backup.json'), 'utf8')).toBe(descriptionBefore);
    expect(fs.existsSync(path.join(backupDir, '.backup-lock'))).toBe(false);
    expect(fs.existsSync(path.join(backupDir, '.incoming'))).toBe(false);
    // The job is gone: cancelling it again finds nothing; the next run completes.
    expect(await service.cancelJob({ job: 'backup-1' })).toEqual({ cancelled: false });
    const again = await service.backupLibrary({ to: backupDir });
    expect(again.problems).toEqual([]);
    expect((await verifyBackupFolder(backupDir)).ok).toBe(true);

    // A check of the library, cancelled: no sums recorded.
    const fixity = path.join(libraryDir, 'fixity.sha256');
    const fixityBefore = fs.readFileSync(fixity, 'utf8');
    watch = cancelOn(/checking \d+ of/);
    await expect(service.verifyLibrary({ backup: null, job: 'check-1' })).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/nothing was recorded/) });
    watch.off();
    expect(fs.readFileSync(fixity, 'utf8')).toBe(fixityBefore);

    // A restore, cancelled while it checks the backup or copies: no target, no half-built folder.
    const target = path.join(home, 'restored');
    watch = cancelOn(/checking|restoring/);
    await expect(service.restoreLibrary({ from: backupDir, to: target, job: 'restore-1' })).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/nothing was restored/) });
    watch.off();
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(home).filter((n) => n.includes('.restoring-'))).toEqual([]);
    await service.close();
  });
});

describe('checks when files are opened, and the backup status', () => {
  it('warns with a file-check event when an opened events file or image does not match its recorded sum', async () => {
    const home = tempDir();
    const { service, libraryDir, cefasId } = await libraryWithCefas(home);
    await service.verifyLibrary({}); // records the sums of the event columns
    const seen: CurationEvent[] = [];
    service.onEvent((e) => seen.push(e));
    const eventsFile = `files/samples/${cefasId}/v1/events/000.f32`;
    const bytes = fs.readFileSync(path.join(libraryDir, eventsFile));
    bytes[8]! ^= 0x01;
    fs.writeFileSync(path.join(libraryDir, eventsFile), bytes);
    const header = (await service.getSample({ id: cefasId })).columns[0]!;
    const axis = (column: string) => ({ parameter: { type: 'single' as const, column }, transform: { type: 'linear' as const, T: 1e6, A: 0 } });
    await service.getHistogram({ sampleId: cefasId, axis: axis(header) });
    const image = path.join(libraryDir, 'files', 'samples', cefasId, 'v1', 'images', 'cropped-88.jpg');
    fs.appendFileSync(image, Buffer.from([0]));
    const images = await service.getParticleImages({ sampleId: cefasId, particleIds: [88, 63] });
    expect(images.images).toHaveLength(2); // still shown
    const checks = seen.filter((e) => e.type === 'file-check');
    expect(checks.map((e) => e.type === 'file-check' && e.problem.path)).toEqual([eventsFile, `files/samples/${cefasId}/v1/images/cropped-88.jpg`]);
    const status = await service.getBackupStatus({});
    expect(status.fileProblems.map((p) => p.path)).toEqual([eventsFile, `files/samples/${cefasId}/v1/images/cropped-88.jpg`]);
    await service.close();
  });

  it('counts changes not backed up and warns after the configured time', async () => {
    const home = tempDir();
    const { service, libraryDir, cefasId } = await libraryWithCefas(home);
    const never = await service.getBackupStatus({});
    expect(never).toMatchObject({ lastBackup: null, pendingChanges: 2, ageHours: null, warnAfterHours: 24, stale: false, folder: null });
    await service.backupLibrary({ to: path.join(home, 'backup') });
    const fresh = await service.getBackupStatus({});
    expect(fresh).toMatchObject({ pendingChanges: 0, stale: false, folder: path.join(home, 'backup') });
    expect(fresh.ageHours).toBeLessThan(0.01);
    await service.flagSamples({ selection: { ids: [cefasId] }, flag: { code: '3' } });
    expect((await service.getBackupStatus({})).pendingChanges).toBe(1);
    const settings = await service.setBackupSettings({ warnAfterHours: 6, folder: path.join(home, 'usb') });
    expect(settings).toMatchObject({ warnAfterHours: 6, folder: path.join(home, 'usb'), stale: false });
    await service.close();
    // Seven hours later, the change is still not backed up.
    const lib = openLibraryDatabase(libraryDir);
    expect(backupStatus(lib, Date.now() + 7 * 3_600_000)).toMatchObject({ pendingChanges: 1, stale: true });
    lib.close();
  });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
