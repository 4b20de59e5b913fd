/**
 * Writing a SOMLIT extraction file of one type from the library: the entries of a site and date range (dates
 * inclusive) that have at least one cell of that type; incomplete entries are named, not written. The file goes to
 * a temporary name first and is renamed into place, so a reader never sees half a file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CurationError } from '../../shared/api/errors.js';
import type { SomlitExportReport } from '../../shared/api/somlit-contract.js';
import { describeSomlitProblem, missingKeyFields } from '../../shared/somlit/consistency-rules.js';
import { extractionFileName, writeSomlitExtraction } from '../../shared/somlit/extraction-writer.js';
import type { SomlitTable, SomlitType } from '../../shared/somlit/somlit-table.js';
import { parametersOfType } from '../../shared/somlit/somlit-table.js';
import type { StoredEntry } from './somlit-store.js';

export interface ExportFilter {
  type: SomlitType;
  site: string | null;
  from: string | null;
  to: string | null;
}

export function filterEntries(entries: readonly StoredEntry[], filter: { site: string | null; from: string | null; to: string | null }): StoredEntry[] {
  return entries.filter(
    (e) =>
      (filter.site === null || e.fields.site === filter.site) &&
      (filter.from === null || (e.fields.date !== null && e.fields.date >= filter.from)) &&
      (filter.to === null || (e.fields.date !== null && e.fields.date <= filter.to)),
  );
}

/** The file content and what was left out. */
export function buildExtraction(table: SomlitTable, entries: readonly StoredEntry[], filter: ExportFilter): { content: string; rows: number; skipped: SomlitExportReport['skipped'] } {
  if (filter.site !== null && !table.sites.some((s) => s.id === filter.site)) {
    throw new CurationError({ code: 'invalid-request', field: 'site', message: `site ${filter.site} is not in the SOMLIT table (${table.sites.map((s) => `${s.id} ${s.name}`).join(', ')})` });
  }
  if (filter.from !== null && filter.to !== null && filter.from > filter.to) {
    throw new CurationError({ code: 'invalid-request', field: 'from', message: `the range starts (${filter.from}) after it ends (${filter.to})` });
  }
  const codes = new Set(parametersOfType(table, filter.type).map((p) => p.code));
  const skipped: SomlitExportReport['skipped'] = [];
  const rows = [];
  for (const e of filterEntries(entries, filter)) {
    if (!Object.keys(e.values).some((c) => codes.has(c))) continue;
    const missing = missingKeyFields(e.fields);
    if (missing.length) {
      skipped.push({ entryId: e.id, reason: missing.map(describeSomlitProblem).join('; ') });
      continue;
    }
    rows.push({ fields: e.fields, values: e.values });
  }
  return { content: writeSomlitExtraction(table, filter.type, rows), rows: rows.length, skipped };
}

export function writeExtraction(table: SomlitTable, built: { content: string; rows: number; skipped: SomlitExportReport['skipped'] }, type: SomlitType, out: { outPath: string | null; outDir: string | null }): SomlitExportReport {
  const bytes = Buffer.from(built.content, 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = out.outPath !== null ? path.resolve(out.outPath) : path.join(path.resolve(out.outDir!), extractionFileName(table, type, new Date(), sha256));
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CurationError({ code: 'not-found', file: dir, message: 'no such folder' });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new CurationError({ code: 'invalid-input', file, message: `cannot write the file: ${(err as Error).message}` });
  }
  return { file, type, rows: built.rows, bytes: bytes.length, sha256, skipped: built.skipped };
}
