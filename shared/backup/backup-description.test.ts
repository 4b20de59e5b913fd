import { describe, expect, it } from 'vitest';
import type { BackupDescription } from './backup-description.js';
import { backupHistoryLimit, formatBackupDescription, parseBackupDescription, withRun } from './backup-description.js';

const description: BackupDescription = {
  format: 'cytocurator-backup',
  formatVersion: 1,
  library: { id: '82bb1d5c-6371-4d36-9974-2c3c4ad44f27', name: 'My library' },
  createdBy: 'CytoCurator 0.1.0',
  startedAt: '2026-05-14T06:00:00.000Z',
  finishedAt: '2026-05-14T06:00:03.250Z',
  schemaVersion: 6,
  database: { path: 'library.sqlite', sizeBytes: 4096, sha256: 'a'.repeat(64), integrity: 'ok' },
  counts: { samples: 2, imports: 2, changeEvents: 5, files: 40, bytes: 123456, orphaned: 0 },
  position: { changeSeq: 5, importId: 2, deploymentId: 0 },
  history: [{ startedAt: '2026-05-14T06:00:00.000Z', finishedAt: '2026-05-14T06:00:03.250Z', copiedFiles: 40, copiedBytes: 123456, problems: 0 }],
};

describe('cytocurator-backup.json', () => {
  it('round-trips, pretty-printed with a final line feed', () => {
    const text = formatBackupDescription(description);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "format": "cytocurator-backup",\n');
    expect(parseBackupDescription(text)).toEqual(description);
    expect(parseBackupDescription(`\uFEFF${text.replace(/\n/g, '\r\n')}`)).toEqual(description);
  });

  it('names the field that is wrong', () => {
    const bad = JSON.parse(formatBackupDescription(description)) as Record<string, unknown>;
    (bad.database as Record<string, unknown>).sha256 = 'xyz';
    expect(() => parseBackupDescription(JSON.stringify(bad))).toThrow(/database\.sha256: expected 64 lower-case hex digits/);
    const noLibrary = { ...description, library: undefined };
    expect(() => parseBackupDescription(JSON.stringify(noLibrary))).toThrow(/library/);
    expect(() => parseBackupDescription(JSON.stringify({ ...description, startedAt: '14/05/2026 06:00' }))).toThrow(/startedAt: expected a UTC time/);
  });

  it('refuses non-JSON, another format, and a newer format version with a clear reason', () => {
    expect(() => parseBackupDescription('{"format": "cytocurator-backup",')).toThrow(/is not JSON/);
    expect(() => parseBackupDescription('')).toThrow(/is not JSON/);
    expect(() => parseBackupDescription(JSON.stringify({ format: 'something-else' }))).toThrow(/format/);
    expect(() => parseBackupDescription(JSON.stringify({ ...description, formatVersion: 2 }))).toThrow(/format version 2 is newer than this CytoCurator understands \(1\)/);
  });

  it('keeps the last runs only', () => {
    let history = description.history;
    for (let i = 0; i < backupHistoryLimit + 5; i++) history = withRun(history, { ...description.history[0]!, copiedFiles: i });
    expect(history).toHaveLength(backupHistoryLimit);
    expect(history.at(-1)!.copiedFiles).toBe(backupHistoryLimit + 4);
  });
});
