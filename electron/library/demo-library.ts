/**
 * The Demo library: synthetic CytoSense samples shipped in resources/demo (made by scripts/make-demo-data.ts).
 * resources/ may be read-only or inside an asar archive, so the library is built from it into the user's data
 * folder, then opened read-only. It is rebuilt whenever the shipped manifest or the schema changes.
 * The samples are imported by the real importer from the CytoClus-format files; the manifest adds where they
 * were taken (deployments).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CurationError } from '../../shared/api/errors.js';
import type { Deployment } from '../../shared/model/deployment.js';
import { importPaths } from '../import/importer.js';
import { addDeployment, applyDeployment } from './deployment-store.js';
import { isLibraryFolder, openLibraryDatabase, readMeta, writeMeta } from './library-database.js';
import type { LibraryDatabase, OpenLibraryOptions } from './library-database.js';
import { latestSchemaVersion } from './migrations/index.js';

export const demoManifestName = 'demo-manifest.json';

const fileRoles = ['listmode', 'info', 'pulses', 'image', 'set-definition', 'export-settings', 'fcs', 'other'] as const;

const demoManifest = z.object({
  generator: z.string(),
  seed: z.number(),
  synthetic: z.literal(true),
  note: z.string(),
  samples: z
    .array(
      z.object({
        name: z.string().min(1),
        startedAt: z.string().nullable(),
        durationSeconds: z.number().nullable(),
        instrument: z.string().nullable(),
        deployment: z.string().nullable(),
        station: z.string().nullable(),
        latitude: z.number().min(-90).max(90).nullable(),
        longitude: z.number().min(-180).max(180).nullable(),
        depthMetres: z.number().nullable(),
        volumeMicrolitres: z.number().min(0).nullable(),
        eventCount: z.number().int().min(0),
        imageCount: z.number().int().min(0),
        metadata: z.record(z.string(), z.string()),
        files: z.array(z.object({ path: z.string().min(1), role: z.enum(fileRoles) })),
      }),
    )
    .min(1),
});

export function demoAvailable(sourceDir: string): boolean {
  return fs.existsSync(path.join(sourceDir, demoManifestName));
}

/** Opens the Demo library, building it first when missing or out of date. */
export async function openDemoLibrary(
  sourceDir: string,
  targetDir: string,
  options: Pick<OpenLibraryOptions, 'nativeBinding'> = {},
): Promise<LibraryDatabase> {
  const manifestFile = path.join(sourceDir, demoManifestName);
  if (!fs.existsSync(manifestFile)) {
    throw new CurationError({ code: 'not-found', file: manifestFile, message: 'the Demo library is not installed' });
  }
  const manifestBytes = fs.readFileSync(manifestFile);
  const stamp = `${latestSchemaVersion}:${createHash('sha256').update(manifestBytes).digest('hex')}`;
  if (isLibraryFolder(targetDir)) {
    try {
      const lib = openLibraryDatabase(targetDir, { ...options, readOnly: true });
      if (readMeta(lib.db, 'demo_stamp') === stamp) return lib;
      lib.close();
    } catch {
      // An unreadable or half-built demo library is rebuilt below.
    }
  }
  await buildDemoLibrary(sourceDir, targetDir, manifestFile, manifestBytes, stamp, options);
  return openLibraryDatabase(targetDir, { ...options, readOnly: true });
}

async function buildDemoLibrary(
  sourceDir: string,
  targetDir: string,
  manifestFile: string,
  manifestBytes: Buffer,
  stamp: string,
  options: Pick<OpenLibraryOptions, 'nativeBinding'>,
): Promise<void> {
  const parsed = demoManifest.safeParse(JSON.parse(manifestBytes.toString('utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CurationError({
      code: 'invalid-input',
      file: manifestFile,
      field: issue?.path.join('.'),
      message: issue?.message ?? 'invalid demo manifest',
    });
  }
  // Build beside the target and swap in at the end, so a crash never leaves a half-built library in place.
  const building = `${targetDir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const lib = openLibraryDatabase(building, options);
  try {
    // The real importer reads the CytoClus-format files, as it would any export.
    const report = await importPaths(lib, [path.join(sourceDir, 'exports')], { importerVersion: 'demo', deployment: null, worker: false });
    if (report.errors.length > 0) {
      throw new CurationError({ code: 'invalid-input', file: manifestFile, message: `the Demo library did not import cleanly: ${report.errors[0]!.message}` });
    }
    // Where and in which zone each demo sample was taken comes from the manifest, as deployments.
    const byStation = new Map<string, Deployment>();
    for (const s of parsed.data.samples) {
      const station = s.station ?? 'DEMO';
      let deployment = byStation.get(station);
      if (!deployment) {
        deployment = addDeployment(lib.db, {
          name: `${s.deployment ?? 'DEMO'} — ${station}`,
          instrument: s.instrument,
          instrumentSerial: null,
          station,
          ship: null,
          latitude: s.latitude,
          longitude: s.longitude,
          samplingDepthMetres: s.depthMetres,
          bottomDepthMetres: null,
          timeZone: 'UTC',
          somlitSiteId: null,
          rule: { folder: null, serial: null, from: null, to: null },
        });
        byStation.set(station, deployment);
      }
      const imported = report.samples.find((r) => r.name === s.name);
      if (imported) applyDeployment(lib.db, deployment, [imported.id]);
    }
    writeMeta(lib.db, 'kind', 'demo');
    writeMeta(lib.db, 'name', 'Demo library');
    writeMeta(lib.db, 'demo_stamp', stamp);
    // A single-file journal lets the finished library be opened read-only with no -wal/-shm beside it.
    lib.db.pragma('journal_mode = DELETE');
  } finally {
    lib.close();
  }
  fs.rmSync(targetDir, { recursive: true, force: true });
  fs.renameSync(building, targetDir);
}
