/**
 * A library is a folder: library.sqlite (metadata, decisions, provenance) and files/ (stored source files,
 * event columns, images), all referenced by relative path so the folder can be moved or copied as a whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import { migrate } from './migrate.js';

export const databaseFileName = 'library.sqlite';
export const filesFolderName = 'files';

export interface OpenLibraryOptions {
  /** better_sqlite3.node built for Electron; Node (CLI, tests, browser mode) uses the default build. */
  nativeBinding?: string;
  /** Open without writing anything (the Demo library, backups under verification). */
  readOnly?: boolean;
}

export interface LibraryDatabase {
  dir: string;
  db: SqliteDatabase;
  readOnly: boolean;
  schemaVersion: number;
  filesDir: string;
  close(): void;
}

export function libraryDatabasePath(dir: string): string {
  return path.join(dir, databaseFileName);
}

export function isLibraryFolder(dir: string): boolean {
  return fs.existsSync(libraryDatabasePath(dir));
}

export function openLibraryDatabase(dirInput: string, options: OpenLibraryOptions = {}): LibraryDatabase {
  const dir = path.resolve(dirInput);
  const readOnly = options.readOnly ?? false;
  const file = libraryDatabasePath(dir);
  if (readOnly && !fs.existsSync(file)) {
    throw new CurationError({ code: 'not-found', file, message: 'no CytoCurator library here (library.sqlite missing)' });
  }
  if (!readOnly) {
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
      throw new CurationError({ code: 'invalid-input', file: dir, message: 'a library must be a folder' });
    }
    fs.mkdirSync(path.join(dir, filesFolderName), { recursive: true });
  }
  const dbOptions: Database.Options = { readonly: readOnly, fileMustExist: readOnly };
  if (options.nativeBinding) dbOptions.nativeBinding = options.nativeBinding;
  let db: SqliteDatabase;
  try {
    db = new Database(file, dbOptions);
  } catch (err) {
    throw new CurationError({ code: 'invalid-input', file, message: `cannot open library database: ${(err as Error).message}` });
  }
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    let schemaVersion: number;
    if (readOnly) {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
    } else {
      // WAL lets the UI read while an import or backup writes; NORMAL is durable at each checkpoint under WAL.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      schemaVersion = migrate(db);
    }
    return {
      dir,
      db,
      readOnly,
      schemaVersion,
      filesDir: path.join(dir, filesFolderName),
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

export function readMeta(db: SqliteDatabase, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM library_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: SqliteDatabase, key: string, value: string): void {
  db.prepare(
    'INSERT INTO library_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
