/**
 * The SOMLIT table file: the library's own copy (somlit/somlit-table.json in the library folder) when it has one,
 * else the bundled, editable resources/somlit/somlit-table.json. Read again when the file changes, so an edit is
 * picked up without a restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CurationError } from '../../shared/api/errors.js';
import { parseSomlitTable } from '../../shared/somlit/somlit-table.js';
import type { SomlitTable } from '../../shared/somlit/somlit-table.js';
import { resourcesDir } from '../common/app-paths.js';

export const somlitTableFileName = 'somlit-table.json';

export function bundledSomlitTableFile(): string {
  return path.join(resourcesDir(), 'somlit', somlitTableFileName);
}

export function somlitTableFile(libraryDir: string | null): string {
  const local = libraryDir ? path.join(libraryDir, 'somlit', somlitTableFileName) : null;
  return local && fs.existsSync(local) ? local : bundledSomlitTableFile();
}

export function loadSomlitTable(file: string): SomlitTable {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CurationError({ code: 'invalid-input', file, message: `cannot read the SOMLIT table: ${(err as Error).message}` });
  }
  try {
    return parseSomlitTable(raw);
  } catch (err) {
    if (err instanceof CurationError) throw new CurationError({ ...err.toJSON(), file });
    throw err;
  }
}

/** Loads the table of a library, cached until the file (or which file applies) changes. */
export function createSomlitTableCache(): (libraryDir: string | null) => { file: string; table: SomlitTable } {
  let cached: { file: string; mtimeMs: number; table: SomlitTable } | null = null;
  return (libraryDir) => {
    const file = somlitTableFile(libraryDir);
    const mtimeMs = fs.statSync(file).mtimeMs;
    if (cached?.file !== file || cached.mtimeMs !== mtimeMs) cached = { file, mtimeMs, table: loadSomlitTable(file) };
    return { file: cached.file, table: cached.table };
  };
}
