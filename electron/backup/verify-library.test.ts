import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFixture } from '../test-support/real-fixtures.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { restoreLibrary } from './restore-library.js';
import { verifyBackupFolder } from './verify-library.js';

const tempDir = useTempDirs();
const cefas = () => path.dirname(realFixture('ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_Info.txt'));

async function backedUp() {
  const home = tempDir();
  const service = makeService(home);
  const { samples } = await service.importFiles({ paths: [cefas()] });
  const id = samples[0]!.id;
  const backupDir = path.join(home, 'backup');
  await service.backupLibrary({ to: backupDir });
  await service.close();
  return { home, id, backupDir };
}

describe('checking a damaged backup', () => {
  it('names a deleted file, a changed file and a bad manifest line; restore brings back the rest and names what it could not', async () => {
    const { home, id, backupDir } = await backedUp();
    const gone = `files/samples/${id}/v1/images/uncropped-63.jpg`;
    const changed = `files/samples/${id}/v1/sets/000.u32`;
    fs.rmSync(path.join(backupDir, ...gone.split('/')));
    fs.appendFileSync(path.join(backupDir, ...changed.split('/')), Buffer.from([1, 0, 0, 0]));
    fs.appendFileSync(path.join(backupDir, 'manifest.sha256'), 'this line is not a sum\n');
    fs.writeFileSync(path.join(backupDir, 'files', 'stray.txt'), 'not listed');

    const report = await verifyBackupFolder(backupDir);
    expect(report.ok).toBe(false);
    expect(report.missing.map((m) => m.path)).toEqual([gone]);
    expect(report.differing.map((d) => [d.path, d.kind])).toEqual([
      [changed, 'differs'],
      ['manifest.sha256', 'unreadable'],
    ]);
    expect(report.differing[1]!.message).toMatch(/^manifest\.sha256 line \d+: not a sha256sum line/);
    expect(report.unlisted).toEqual(['files/stray.txt']);
    expect(report.database).toBe('ok');
    expect(report.backup).toMatchObject({ libraryName: 'My library', schemaVersion: expect.any(Number) });

    const restored = await restoreLibrary(backupDir, path.join(home, 'restored'));
    expect(restored.backupCheck.ok).toBe(false);
    expect(restored.libraryCheck.ok).toBe(false);
    // Neither damaged file was restored; the restored library names both as missing (their sums are recorded).
    expect(restored.libraryCheck.missing.map((m) => m.path)).toEqual([gone, changed]);
    expect(fs.existsSync(path.join(home, 'restored', ...gone.split('/')))).toBe(false);
    expect(restored.samples).toBe(1);
  });

  it('refuses to restore from a backup whose database copy is damaged, and to check one being written', async () => {
    const { home, backupDir } = await backedUp();
    const db = path.join(backupDir, 'library.sqlite');
    const bytes = fs.readFileSync(db);
    fs.writeFileSync(db, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const report = await verifyBackupFolder(backupDir);
    expect(report.database).not.toBe('ok');
    expect(report.differing.map((d) => d.path)).toContain('library.sqlite');
    await expect(restoreLibrary(backupDir, path.join(home, 'restored'))).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/database copy cannot be used/) });
    expect(fs.existsSync(path.join(home, 'restored'))).toBe(false);
    expect(fs.readdirSync(home).filter((n) => n.includes('.restoring-'))).toEqual([]);

    fs.writeFileSync(path.join(backupDir, '.backup-lock'), JSON.stringify({ pid: process.pid, host: os.hostname() }));
    await expect(verifyBackupFolder(backupDir)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/being written/) });
  });

  it('refuses what is not a backup, and a description of a newer format', async () => {
    const { backupDir } = await backedUp();
    await expect(verifyBackupFolder(path.dirname(backupDir))).rejects.toMatchObject({ code: 'not-found' });
    const file = path.join(backupDir, 'cytocurator-backup.json');
    const description = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...description, formatVersion: 2 }));
    await expect(verifyBackupFolder(backupDir)).rejects.toMatchObject({ code: 'invalid-input', file, message: expect.stringMatching(/newer than this CytoCurator/) });
    fs.writeFileSync(file, '{ truncated');
    await expect(verifyBackupFolder(backupDir)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/is not JSON/) });
  });
});
