/** Small display helpers of the export and validation reports. */
import type { ValidationReport } from '../../shared/api/publication-contract.js';

type ValidationError = ValidationReport['errors'][number];

/** The first 12 hex digits of a SHA-256 (the whole sum is in the tooltip and in manifest.sha256). */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/** Where a validation error is: "line 12" for text files, the XML/NetCDF path otherwise, '' when neither. */
export function errorPlace(e: ValidationError, words: { line: (n: number) => string }): string {
  if (e.line !== undefined) return words.line(e.line);
  return e.path ?? '';
}

const formatNames: Record<string, string> = {
  odv: 'ODV',
  cdi: 'CDI XML',
  netcdf: 'NetCDF',
  'coupling-table': 'CSV',
  manifest: 'SHA-256',
  'sdn-odv': 'SeaDataNet ODV',
  'cdi-xml': 'CDI XML',
  'sdn-netcdf': 'SeaDataNet NetCDF',
};

export function formatName(format: string): string {
  return formatNames[format] ?? format;
}

/** Counts of a set of validation reports: files checked, files failing, errors, rules skipped. */
export function validationCounts(reports: readonly { report: ValidationReport }[]): { files: number; invalid: number; errors: number; skipped: number } {
  return {
    files: reports.length,
    invalid: reports.filter((r) => !r.report.valid).length,
    errors: reports.reduce((n, r) => n + r.report.errors.length, 0),
    skipped: reports.reduce((n, r) => n + r.report.skipped.length, 0),
  };
}
