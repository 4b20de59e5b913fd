import { describe, expect, it } from 'vitest';
import type { BackupStatus } from '../../shared/api/backup-contract.js';
import { createTranslator, englishT } from '../i18n/translate.js';
import { ageWords, backupWords } from './backup-words.js';

const status: BackupStatus = {
  lastBackup: { dir: '/media/usb/backup', startedAt: '2026-05-14T06:00:00.000Z', finishedAt: '2026-05-14T06:01:00.000Z', verifiedAt: '2026-05-14T06:01:00.000Z', problems: 0 },
  pendingChanges: 0,
  oldestPendingAt: null,
  ageHours: 5.2,
  warnAfterHours: 24,
  stale: false,
  folder: '/media/usb/backup',
  fileProblems: [],
};

describe('backup words', () => {
  it('says the age in minutes, hours or days', () => {
    expect(ageWords(0.001, englishT)).toBe('1 min');
    expect(ageWords(0.5, englishT)).toBe('30 min');
    expect(ageWords(5.2, englishT)).toBe('5 h');
    expect(ageWords(47, englishT)).toBe('47 h');
    expect(ageWords(72, englishT)).toBe('3 days');
    expect(ageWords(72, createTranslator('fr'))).toBe('3 jours');
  });

  it('is calm after a recent verified backup, warns when changes waited too long, alarms on damaged files', () => {
    expect(backupWords(status, 0, englishT)).toMatchObject({ text: 'Backed up 5 h ago', tone: 'ok' });
    expect(backupWords(status, 0, englishT).title).toContain('/media/usb/backup');
    expect(backupWords({ ...status, stale: true, pendingChanges: 3 }, 0, englishT)).toMatchObject({ text: 'Backed up 5 h ago — 3 changes not backed up', tone: 'warn' });
    expect(backupWords({ ...status, lastBackup: null, ageHours: null, stale: true, pendingChanges: 1 }, 0, englishT)).toMatchObject({ text: 'No backup yet — 1 change not backed up', tone: 'warn' });
    expect(backupWords({ ...status, lastBackup: null, ageHours: null }, 0, englishT)).toMatchObject({ text: 'No backup yet', tone: 'ok' });
    expect(backupWords({ ...status, ageHours: null }, 0, englishT)).toMatchObject({ text: 'Last backup not verified', tone: 'warn' });
    expect(backupWords(status, 2, englishT)).toMatchObject({ text: '2 files failed their check', tone: 'bad' });
    expect(backupWords(status, 0, createTranslator('fr')).text).toBe('Sauvegardé il y a 5 h');
  });
});
