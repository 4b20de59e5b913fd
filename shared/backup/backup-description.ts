/**
 * cytocurator-backup.json: the small JSON beside a backup's manifest saying what the backup holds — which library,
 * when, at which schema version, how much — so a person (or `restore`) knows what they are looking at without
 * opening the database. It is written last, after the files and the manifest, so a complete one marks a finished
 * backup.
 */
import { z } from 'zod';
import { CurationError } from '../api/errors.js';

export const backupDescriptionFile = 'cytocurator-backup.json';
export const backupManifestFile = 'manifest.sha256';
export const backupOrphanedFile = 'orphaned.sha256';
export const backupDatabaseFile = 'library.sqlite';
export const backupFormat = 'cytocurator-backup';
export const backupFormatVersion = 1;
/** Earlier runs remembered in the description (newest last). */
export const backupHistoryLimit = 100;

const sha = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'expected a UTC time like 2026-05-14T06:00:00.000Z');
const count = z.number().int().min(0);

const runSchema = z.object({ startedAt: isoTime, finishedAt: isoTime, copiedFiles: count, copiedBytes: count, problems: count }).strict();

export const backupDescriptionSchema = z
  .object({
    format: z.literal(backupFormat),
    formatVersion: z.literal(backupFormatVersion),
    library: z.object({ id: z.string().min(1).max(200), name: z.string().max(500) }).strict(),
    /** CytoCurator version that wrote the backup. */
    createdBy: z.string().max(100),
    /** When the run started (the database snapshot holds every change committed before this time) and ended. */
    startedAt: isoTime,
    finishedAt: isoTime,
    /** Library schema version (PRAGMA user_version) of the database snapshot. */
    schemaVersion: count,
    database: z.object({ path: z.literal(backupDatabaseFile), sizeBytes: count, sha256: sha, integrity: z.literal('ok') }).strict(),
    counts: z
      .object({
        samples: count,
        imports: count,
        changeEvents: count,
        /** Files listed in manifest.sha256 (the database included) and their total size. */
        files: count,
        bytes: count,
        /** Files kept from earlier runs that the library no longer has (orphaned.sha256). */
        orphaned: count,
      })
      .strict(),
    /** The newest change event and import in the snapshot: later ones are changes not backed up. */
    position: z.object({ changeSeq: count, importId: count, deploymentId: count }).strict(),
    history: z.array(runSchema).max(backupHistoryLimit),
  })
  .strict();

export type BackupDescription = z.infer<typeof backupDescriptionSchema>;
export type BackupRun = z.infer<typeof runSchema>;

export function formatBackupDescription(d: BackupDescription): string {
  return `${JSON.stringify(backupDescriptionSchema.parse(d), null, 2)}\n`;
}

/** Reads cytocurator-backup.json; throws invalid-input naming the field when it is not one. */
export function parseBackupDescription(text: string): BackupDescription {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CurationError({ code: 'invalid-input', message: `${backupDescriptionFile} is not JSON: ${(err as Error).message}` });
  }
  if (typeof raw === 'object' && raw !== null && (raw as { format?: unknown }).format === backupFormat) {
    const version = (raw as { formatVersion?: unknown }).formatVersion;
    if (typeof version === 'number' && version > backupFormatVersion) {
      throw new CurationError({ code: 'invalid-input', field: 'formatVersion', message: `backup format version ${version} is newer than this CytoCurator understands (${backupFormatVersion}); update CytoCurator` });
    }
  }
  const parsed = backupDescriptionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new CurationError({
      code: 'invalid-input',
      ...(field ? { field } : {}),
      message: `${backupDescriptionFile}: ${field ? `${field}: ` : ''}${issue?.message ?? 'not a CytoCurator backup description'}`,
    });
  }
  return parsed.data;
}

/** The history with one more run, oldest dropped past the limit. */
export function withRun(history: readonly BackupRun[], run: BackupRun): BackupRun[] {
  return [...history, run].slice(-backupHistoryLimit);
}
