/**
 * Import: scan the chosen paths, group files into samples, parse each in a worker (two at a time), and commit
 * each sample in its own transaction. A file that fails is reported with its reason and the others go on;
 * identical content is recognised and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CurationError, toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { ProgressEvent } from '../../shared/api/events.js';
import type { Deployment } from '../../shared/model/deployment.js';
import type { LibraryDatabase } from '../library/library-database.js';
import { commitSample } from './commit-sample.js';
import { groupImportFiles } from './group-files.js';
import type { ImportUnit } from './group-files.js';
import { importGpsLog } from './import-gps-log.js';
import type { ImportReport } from '../../shared/api/import-report.js';
import type { ParsedSample } from './parsed-sample.js';
import { runImportTask } from './run-import-task.js';
import { scanPaths } from './scan-paths.js';
import { runTaskInWorker } from './worker-runner.js';
import type { WorkerEntry } from './worker-runner.js';

export interface ImportOptions {
  job?: string;
  importerVersion: string;
  deployment: Deployment | null;
  /** Worker threads (default); false parses in process (tests, single-threaded hosts). */
  worker: WorkerEntry | false;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

function unitBytes(unit: ImportUnit): number {
  if (unit.kind !== 'cytoclus') return unit.file.sizeBytes;
  return [...unit.listmodes, ...unit.pulses, ...unit.imageZips].reduce((n, f) => n + f.sizeBytes, 0);
}

function unitLabel(unit: ImportUnit): string {
  return unit.kind === 'cytoclus' ? unit.sample : path.basename(unit.file.path);
}

export async function importPaths(lib: LibraryDatabase, inputs: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const job = options.job ?? randomUUID();
  const report: ImportReport = { job, samples: [], tracks: [], errors: [], warnings: [], skipped: [], cancelled: false };
  const scanned = await scanPaths(inputs);
  report.errors.push(...scanned.errors);
  const { units, skipped } = groupImportFiles(scanned.files);
  report.skipped.push(...skipped);

  const totalBytes = units.reduce((n, u) => n + unitBytes(u), 0);
  let doneBytes = 0;
  let doneUnits = 0;
  const progress = (message: string) =>
    options.onProgress?.({ type: 'progress', job, done: doneUnits, total: units.length, message: `${message} (${(doneBytes / 1e6).toFixed(1)} of ${(totalBytes / 1e6).toFixed(1)} MB)` });
  progress(`found ${units.length} item(s) to import`);

  // Per job, so two imports at once never clean up each other's work.
  const stagingRoot = path.join(lib.filesDir, '.staging', job);
  fs.mkdirSync(stagingRoot, { recursive: true });
  const sourceRoot = inputs.length === 1 ? path.resolve(inputs[0]!) : null;

  const record = (parsed: ParsedSample, stagingDir: string) => {
    const committed = commitSample(lib, parsed, stagingDir, { importerVersion: options.importerVersion, sourceRoot, deployment: options.deployment });
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    const warnings = parsed.issues.filter((i) => i.severity === 'warning');
    const strip = ({ severity: _s, ...e }: (typeof parsed.issues)[number]): CurationErrorData => e;
    if (committed.status !== 'unchanged') {
      report.errors.push(...errors.map(strip));
      report.warnings.push(...warnings.map(strip));
    }
    report.samples.push({
      id: committed.id,
      name: parsed.name,
      status: committed.status,
      version: committed.version,
      measurementStart: committed.startedAt,
      measurementStartSource: parsed.startedAtSource,
      timeZoneAssumed: committed.timeZoneAssumed,
      deployment: committed.deployment,
      partial: parsed.partial,
      events: parsed.eventCount,
      volumeAnalysed_uL: parsed.volumeMicrolitres,
      sets: parsed.sets.map((s) => ({ name: s.name, events: s.eventCount })),
      images: { linked: new Set(parsed.images.map((i) => i.particleId)).size, missing: parsed.imagesMissing },
      warnings: warnings.length,
    });
  };

  const queue = units.filter((u) => u.kind !== 'gps-log');
  for (const unit of units) {
    if (unit.kind !== 'gps-log') continue;
    try {
      const { report: track, issues } = await importGpsLog(lib.db, unit.file.path);
      report.tracks.push(track);
      report.warnings.push(...issues);
    } catch (err) {
      report.errors.push({ ...toErrorData(err), file: unit.file.path });
    }
    doneUnits++;
  }

  // Two parses at a time: parsing is CPU-bound, commits are short and run here one by one.
  const concurrency = Math.max(1, Math.min(2, os.availableParallelism?.() ?? 2));
  let next = 0;
  const runOne = async (): Promise<void> => {
    while (next < queue.length) {
      if (options.signal?.aborted) {
        report.cancelled = true;
        return;
      }
      const unit = queue[next++]!;
      const stagingDir = path.join(stagingRoot, randomUUID());
      const label = unitLabel(unit);
      try {
        progress(`reading ${label}`);
        const task = { unit, stagingDir };
        const onBytes = (n: number) => {
          doneBytes += n;
        };
        const parsed = options.worker
          ? await runTaskInWorker(task, options.worker, { onBytes, ...(options.signal ? { signal: options.signal } : {}) })
          : await runImportTask(task, { onBytes, shouldStop: () => options.signal?.aborted ?? false });
        // One staging folder per sample: FCS data sets are staged in numbered sub-folders.
        parsed.forEach((p, i) => record(p, unit.kind === 'fcs' ? path.join(stagingDir, String(i)) : stagingDir));
        fs.rmSync(stagingDir, { recursive: true, force: true });
      } catch (err) {
        fs.rmSync(stagingDir, { recursive: true, force: true });
        if (options.signal?.aborted) {
          report.cancelled = true;
          return;
        }
        const e = toErrorData(err);
        report.errors.push(e.file ? e : { ...e, file: unit.kind === 'cytoclus' ? path.join(unit.folder, unit.sample) : unit.file.path });
      }
      doneUnits++;
      progress(`imported ${label}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, runOne));
  fs.rmSync(stagingRoot, { recursive: true, force: true });
  if (report.cancelled) progress('cancelled');
  else progress('done');
  if (inputs.length === 0) throw new CurationError({ code: 'invalid-request', field: 'paths', message: 'nothing to import' });
  return report;
}
