/**
 * Writes a dataset's SeaDataNet files: every file is built and validated first, and nothing is written unless all
 * pass (the report says what to fix). Files are written atomically (temporary name, then rename), then the
 * coupling table (LOCAL_CDI_ID ↔ file) and a SHA-256 manifest that `sha256sum -c manifest.sha256` checks.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportedFile, ExportReport, PublicationFormat } from '../../shared/api/publication-contract.js';
import { CurationError } from '../../shared/api/errors.js';
import { writeCdi } from '../../shared/publication/cdi/write-cdi.js';
import { writeSdnNetcdf } from '../../shared/publication/netcdf/write-sdn-netcdf.js';
import { validateSdnNetcdf } from '../../shared/publication/netcdf/validate-sdn-netcdf.js';
import { validateOdv } from '../../shared/publication/odv/validate-odv.js';
import { writeOdv } from '../../shared/publication/odv/write-odv.js';
import type { ValidationReport } from '../../shared/publication/publication-dataset.js';
import type { ResolvedDataset } from './build-publication.js';
import { validateCdiRecords } from './xsd-validator.js';

interface PlannedFile {
  name: string;
  format: 'odv' | 'cdi' | 'netcdf';
  localCdiId: string;
  bytes: Uint8Array;
}

export function fileNameFor(localCdiId: string, format: PublicationFormat): string {
  return format === 'odv' ? `${localCdiId}_odv.txt` : format === 'cdi' ? `${localCdiId}_cdi.xml` : `${localCdiId}.nc`;
}

const encoder = new TextEncoder();

/** Builds and validates every file of the export (nothing written). */
export async function planExport(resolved: ResolvedDataset, formats: readonly PublicationFormat[]): Promise<{ files: PlannedFile[]; validation: { name: string; report: ValidationReport }[]; problems: string[] }> {
  const { dataset } = resolved;
  const files: PlannedFile[] = [];
  const problems: string[] = [];
  const delivered = formats.includes('netcdf') ? (['odv', 'netcdf'] as const) : (['odv'] as const);
  for (const unit of dataset.units) {
    for (const format of formats) {
      const name = fileNameFor(unit.localCdiId, format);
      try {
        const bytes =
          format === 'odv' ? encoder.encode(writeOdv(dataset, unit)) : format === 'netcdf' ? writeSdnNetcdf(dataset, unit) : encoder.encode(writeCdi(dataset, unit, { formats: delivered }));
        files.push({ name, format, localCdiId: unit.localCdiId, bytes });
      } catch (err) {
        problems.push(`${name}: ${err instanceof CurationError ? err.message : (err as Error).message}`);
      }
    }
  }
  const validation: { name: string; report: ValidationReport }[] = [];
  const cdi = files.filter((f) => f.format === 'cdi');
  const cdiReports = cdi.length ? await validateCdiRecords(cdi.map((f) => new TextDecoder().decode(f.bytes))) : [];
  for (const f of files) {
    const report = f.format === 'odv' ? validateOdv(f.bytes) : f.format === 'netcdf' ? validateSdnNetcdf(f.bytes) : cdiReports[cdi.indexOf(f)]!;
    validation.push({ name: f.name, report });
    for (const e of report.errors.slice(0, 5)) problems.push(`${f.name}${e.line ? ` line ${e.line}` : e.path ? ` ${e.path}` : ''}: ${e.rule}: ${e.message}`);
    if (report.errors.length > 5) problems.push(`${f.name}: ${report.errors.length - 5} more problem(s)`);
  }
  return { files, validation, problems };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function writeAtomically(file: string, bytes: Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export async function exportDataset(
  resolved: ResolvedDataset,
  formats: readonly PublicationFormat[],
  outDir: string | null,
  onProgress: (done: number, total: number, message: string) => void = () => {},
): Promise<ExportReport> {
  const { view } = resolved;
  const base: ExportReport = {
    dataset: view.id,
    version: view.version,
    outDir: outDir ?? '',
    written: false,
    files: [],
    validation: [],
    unapproved: [],
    warnings: view.warnings,
    refused: [],
  };
  if (view.missing.length) return { ...base, refused: view.missing.map((m) => `not publishable: ${m}`) };
  onProgress(0, 1, 'building and validating files');
  const plan = await planExport(resolved, formats);
  const report: ExportReport = { ...base, validation: plan.validation };
  if (plan.problems.length) return { ...report, refused: plan.problems };
  if (outDir === null) {
    // Dry run: what would be written, with sizes and sums, and nothing on disk.
    onProgress(1, 1, 'validated');
    return { ...report, files: plan.files.map((f) => ({ name: f.name, format: f.format, localCdiId: f.localCdiId, bytes: f.bytes.length, sha256: sha256(f.bytes) })) };
  }

  fs.mkdirSync(outDir, { recursive: true });
  const written: ExportedFile[] = [];
  const total = plan.files.length + 2;
  plan.files.forEach((f, i) => {
    onProgress(i, total, `writing ${f.name}`);
    writeAtomically(path.join(outDir, f.name), f.bytes);
    written.push({ name: f.name, format: f.format, localCdiId: f.localCdiId, bytes: f.bytes.length, sha256: sha256(f.bytes) });
  });
  // Coupling table: which data file each CDI record describes (the data manager submits it with the files).
  const coupling = ['LOCAL_CDI_ID;format;file', ...written.filter((f) => f.format !== 'cdi').map((f) => `${f.localCdiId};${f.format === 'odv' ? 'SDN_ODV' : 'SDN_NETCDF'};${f.name}`)].join('\n') + '\n';
  const couplingBytes = encoder.encode(coupling);
  writeAtomically(path.join(outDir, 'coupling-table.csv'), couplingBytes);
  written.push({ name: 'coupling-table.csv', format: 'coupling-table', localCdiId: null, bytes: couplingBytes.length, sha256: sha256(couplingBytes) });
  const manifest = written.map((f) => `${f.sha256}  ${f.name}`).join('\n') + '\n';
  const manifestBytes = encoder.encode(manifest);
  writeAtomically(path.join(outDir, 'manifest.sha256'), manifestBytes);
  written.push({ name: 'manifest.sha256', format: 'manifest', localCdiId: null, bytes: manifestBytes.length, sha256: sha256(manifestBytes) });
  onProgress(total, total, 'done');
  return { ...report, written: true, files: written };
}

/** Recognises a SeaDataNet file by its content (not its name) and validates it. */
export async function validateSeaDataNetFile(file: string): Promise<ValidationReport> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (err) {
    throw new CurationError({ code: 'not-found', file, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
  }
  if (bytes.length >= 4 && bytes[0] === 0x43 && bytes[1] === 0x44 && bytes[2] === 0x46 && (bytes[3] === 1 || bytes[3] === 2)) return validateSdnNetcdf(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8192)).replace(/^\uFEFF/, '');
  if (/^\s*<\?xml|^\s*<[A-Za-z]/.test(head)) {
    const { validateCdi } = await import('./xsd-validator.js');
    return validateCdi(new TextDecoder().decode(bytes));
  }
  if (/^\/\//m.test(head) || head.includes('\t')) return validateOdv(bytes);
  throw new CurationError({ code: 'invalid-input', file, message: 'not a SeaDataNet ODV, CDI XML or NetCDF file (no // header, no XML root, no CDF magic)' });
}
