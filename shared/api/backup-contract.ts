/**
 * The backup part of the contract: incremental backup of the open library to a folder, fixity checks of the
 * library or of a backup, restore into an empty folder, and the backup status shown in the status bar.
 * Paths in reports are relative to the library or backup folder ("files/samples/…", "library.sqlite").
 */
import { z } from 'zod';

const folder = z.string().min(1).max(4096);
const job = z.string().min(1).max(100).optional();

export const backupLibraryRequest = z.object({ to: folder, job }).strict();
export const verifyLibraryRequest = z
  .object({
    /** A backup folder to check against its manifest; null checks the open library against its recorded sums. */
    backup: folder.nullable().default(null),
    job,
  })
  .strict();
export const restoreLibraryRequest = z.object({ from: folder, to: folder, force: z.boolean().default(false), job }).strict();
export const setBackupSettingsRequest = z
  .object({
    /** Say so when changes have waited this long for a backup. */
    warnAfterHours: z.number().min(1).max(24 * 366),
    /** Folder the Backup panel offers (null forgets it). */
    folder: folder.nullable().optional(),
  })
  .strict();

/** A file that is not what its sum says: why it could not be trusted or copied. */
export interface FileProblem {
  path: string;
  kind: 'missing' | 'differs' | 'unreadable';
  expected: string | null;
  actual: string | null;
  message: string;
}

export interface BackupReport {
  backupDir: string;
  library: { id: string; name: string };
  startedAt: string;
  finishedAt: string;
  schemaVersion: number;
  database: { sizeBytes: number; sha256: string; integrity: 'ok' };
  files: {
    /** Files listed in the manifest after this run (the database included). */
    listed: number;
    listedBytes: number;
    copied: number;
    copiedBytes: number;
    unchanged: number;
  };
  /** Paths copied by this run (the database snapshot and the fixity record included). */
  copied: string[];
  /** Copied files per sample, for the report. */
  copiedBySample: { sampleId: string; files: number; bytes: number }[];
  /** Files kept from earlier runs that the library no longer has (listed in orphaned.sha256). */
  orphaned: string[];
  /** Library files that were missing or did not match their recorded sum: not copied; the backup keeps its earlier copy. */
  problems: FileProblem[];
  /** Every copy written by this run was read back and matched, and the database snapshot passed integrity_check. */
  verified: boolean;
}

export interface VerifyReport {
  target: 'library' | 'backup';
  dir: string;
  checkedAt: string;
  /** Files whose sum was checked, and their size. */
  files: number;
  bytes: number;
  ok: boolean;
  missing: FileProblem[];
  differing: FileProblem[];
  /** Files without a recorded sum until now: their sum was recorded (library only). */
  recorded: number;
  /** Files found on disk that no record lists (reported, not an error). */
  unlisted: string[];
  /** PRAGMA integrity_check of the database ("ok" or its first complaints). */
  database: string;
  /** Backup only: the description of the backup checked. */
  backup: { libraryId: string; libraryName: string; startedAt: string; schemaVersion: number } | null;
}

export interface RestoreReport {
  from: string;
  to: string;
  library: { id: string; name: string };
  backupStartedAt: string;
  files: number;
  bytes: number;
  /** The folder held a library (or other files) that --force replaced. */
  replaced: boolean;
  /** The backup checked against its manifest before restoring. */
  backupCheck: VerifyReport;
  /** The restored library checked against its recorded sums. */
  libraryCheck: VerifyReport;
  samples: number;
  changeEvents: number;
}

export interface BackupStatus {
  /** The last backup of this library, null when never backed up. */
  lastBackup: {
    dir: string;
    startedAt: string;
    finishedAt: string;
    /** When the backup was last verified (by its own read-back or by verify --backup), null when it did not pass. */
    verifiedAt: string | null;
    problems: number;
  } | null;
  /** Change events and imports since the last backup's snapshot (all of them when never backed up). */
  pendingChanges: number;
  oldestPendingAt: string | null;
  /** Hours since the last verified backup started; null when none. */
  ageHours: number | null;
  warnAfterHours: number;
  /** Changes have waited longer than warnAfterHours for a backup. */
  stale: boolean;
  /** Folder the Backup panel offers: the chosen one, else the last backup's. */
  folder: string | null;
  /** Files opened in this session whose content did not match their recorded sum. */
  fileProblems: FileProblem[];
}

/** A file opened for the user (event columns, images) did not match its recorded SHA-256. */
export interface FileCheckEvent {
  type: 'file-check';
  /** Library folder the file belongs to. */
  library: string;
  problem: FileProblem;
}
