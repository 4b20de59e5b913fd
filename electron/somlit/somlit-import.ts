/**
 * Importing a SOMLIT extraction file into the library: rows read by the shared reader (malformed rows left out with
 * their line and column), each row matched to a stored entry of the same sampling (site, date, depth) or created,
 * its cells set with the file and line as their source — one changeset, so a whole import is undone at once.
 * A row that repeats an earlier row of the same file is left out too. Importing the same file again changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SomlitImportReport } from '../../shared/api/somlit-contract.js';
import { CurationError } from '../../shared/api/errors.js';
import { duplicateKey } from '../../shared/somlit/consistency-rules.js';
import { readSomlitExtraction } from '../../shared/somlit/extraction-reader.js';
import type { SomlitEntryEdit } from '../../shared/somlit/somlit-actions.js';
import type { SomlitValueValue } from '../../shared/somlit/somlit-entry.js';
import type { SomlitTable } from '../../shared/somlit/somlit-table.js';
import type { StoredEntry } from './somlit-store.js';

export interface PreparedImport {
  report: Omit<SomlitImportReport, 'changeset' | 'events' | 'samples' | 'values' | 'dryRun'>;
  edits: SomlitEntryEdit[];
}

export function readImportFile(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CurationError({ code: code === 'ENOENT' ? 'not-found' : 'invalid-input', file, message: code === 'ENOENT' ? 'no such file' : `cannot read the file: ${(err as Error).message}` });
  }
}

/** The edits an import makes against the stored entries, and its report (before anything is written). */
export function prepareImport(table: SomlitTable, file: string, bytes: Uint8Array, stored: readonly StoredEntry[]): PreparedImport {
  const name = path.basename(file);
  let read;
  try {
    read = readSomlitExtraction(bytes, table, { fileName: name });
  } catch (err) {
    if (err instanceof CurationError) throw new CurationError({ ...err.toJSON(), file });
    throw err;
  }
  const plain = (i: (typeof read.issues)[number]) => ({ ...(i.line !== undefined ? { line: i.line } : {}), ...(i.field !== undefined ? { field: i.field } : {}), message: i.message });
  const errors: SomlitImportReport['errors'] = read.rowErrors.map(plain);
  const warnings: SomlitImportReport['warnings'] = read.issues.map(plain);
  const byKey = new Map<string, StoredEntry>();
  for (const e of stored) {
    const key = duplicateKey(e.fields);
    if (key !== null && !byKey.has(key)) byKey.set(key, e);
  }
  const seenInFile = new Map<string, number>();
  const edits: SomlitEntryEdit[] = [];
  let created = 0;
  let updated = 0;
  let rejected = read.rejectedRows;
  for (const row of read.rows) {
    const key = duplicateKey(row.fields)!;
    const earlier = seenInFile.get(key);
    if (earlier !== undefined) {
      errors.push({ line: row.line, field: 'DATE', message: `same site, date and depth as line ${earlier}: row left out` });
      rejected++;
      continue;
    }
    seenInFile.set(key, row.line);
    const existing = byKey.get(key);
    const values: Record<string, SomlitValueValue> = {};
    for (const [code, cell] of Object.entries(row.values)) values[code] = { ...cell, source: { kind: 'file', file: name, line: row.line } };
    edits.push({ id: existing?.id ?? null, fields: row.fields, values });
    if (existing) updated++;
    else created++;
  }
  return {
    report: { file: path.resolve(file), type: read.type, rows: read.rows.length + read.rejectedRows, rejected, created, updated, errors, warnings },
    edits,
  };
}
