/**
 * What the import dialog shows when an import has answered: counts by outcome, one row per sample, and the
 * errors, skipped files and warnings as lines "file:line — reason" (the file by name, its full path kept for
 * the tooltip).
 */
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { ImportReport, ImportedSampleReport } from '../../shared/api/import-report.js';
import { formatCount, formatUtcTime } from '../format/format-values.js';
import { englishT } from '../i18n/translate.js';
import type { Translator } from '../i18n/translate.js';
import { baseName } from './path-names.js';

export interface SampleRow {
  id: string;
  name: string;
  status: ImportedSampleReport['status'];
  statusLabel: string;
  /** "YYYY-MM-DD HH:mm:ss" UTC, or "" when unknown. */
  timeUtc: string;
  timeZoneAssumed: boolean;
  /** The time as the source wrote it, for the tooltip. */
  timeSource: string | null;
  events: string;
  partial: boolean;
  imagesLinked: number;
  imagesMissing: number;
  version: number;
}

export interface IssueLine {
  /** "file.csv:12", or "" when the issue names no file. */
  where: string;
  /** The full path, for the tooltip. */
  path: string | null;
  text: string;
}

export interface ImportSummary {
  counts: { imported: number; newVersion: number; unchanged: number; tracks: number; errors: number; skipped: number; warnings: number };
  /** One sentence for the top of the summary. */
  headline: string;
  rows: SampleRow[];
  errors: IssueLine[];
  skipped: IssueLine[];
  warnings: IssueLine[];
  cancelled: boolean;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function issueLine(e: CurationErrorData, t: Translator = englishT): IssueLine {
  const where = e.file ? `${baseName(e.file)}${e.line !== undefined ? `:${e.line}` : ''}` : e.line !== undefined ? t('import.line', { line: String(e.line) }) : '';
  return { where, path: e.file ?? null, text: `${e.field ? `${e.field}: ` : ''}${e.message}` };
}

/** "file:line — reason" in one string (for copying, and for tests). */
export function issueText(line: IssueLine): string {
  return line.where ? `${line.where} — ${line.text}` : line.text;
}

function sampleRow(s: ImportedSampleReport, t: Translator): SampleRow {
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    statusLabel: t(`import.status.${s.status}`),
    timeUtc: formatUtcTime(s.measurementStart),
    timeZoneAssumed: s.timeZoneAssumed,
    timeSource: s.measurementStartSource,
    events: formatCount(s.events),
    partial: s.partial,
    imagesLinked: s.images.linked,
    imagesMissing: s.images.missing.length,
    version: s.version,
  };
}

function headline(counts: ImportSummary['counts'], cancelled: boolean, t: Translator): string {
  const parts: string[] = [];
  if (counts.imported) parts.push(t.plural('import.samplesImported', counts.imported));
  if (counts.newVersion) parts.push(t.plural('import.newVersions', counts.newVersion));
  if (counts.unchanged) parts.push(t.plural('import.samplesUnchanged', counts.unchanged));
  if (counts.tracks) parts.push(t.plural('import.tracks', counts.tracks));
  const done = parts.length ? parts.join(', ') : t('import.nothing');
  const sentence = done[0]!.toUpperCase() + done.slice(1);
  const trouble = [counts.errors ? t.plural('import.errors', counts.errors) : '', counts.skipped ? t.plural('import.skippedFiles', counts.skipped) : '']
    .filter(Boolean)
    .join(', ');
  return `${cancelled ? t('import.cancelled') : ''}${sentence}${trouble ? `; ${trouble}` : ''}.`;
}

export function summariseImport(report: ImportReport, t: Translator = englishT): ImportSummary {
  const count = (status: ImportedSampleReport['status']) => report.samples.filter((s) => s.status === status).length;
  const counts = {
    imported: count('imported'),
    newVersion: count('new-version'),
    unchanged: count('unchanged'),
    tracks: report.tracks.filter((t) => t.status === 'imported').length,
    errors: report.errors.length,
    skipped: report.skipped.length,
    warnings: report.warnings.length,
  };
  return {
    counts,
    headline: headline(counts, report.cancelled, t),
    rows: report.samples.map((s) => sampleRow(s, t)),
    errors: report.errors.map((e) => issueLine(e, t)),
    skipped: report.skipped.map((s) => ({ where: baseName(s.file), path: s.file, text: s.reason })),
    warnings: report.warnings.map((e) => issueLine(e, t)),
    cancelled: report.cancelled,
  };
}
