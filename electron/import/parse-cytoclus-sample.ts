/**
 * Parses one CytoClus sample (runs in an import worker): streams every listmode into Float32 columns, reads the
 * Info file, checks the pulse shapes, links the particle images, and stages everything in a folder for the commit.
 * A sample's events are its "Default (all)" listmode; with only set exports, the union of the sets (partial).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FormatIssue } from '../../shared/formats/format-issue.js';
import { parseExportSettings } from '../../shared/formats/cytoclus/export-settings/parse-export-settings.js';
import { parseSampleName } from '../../shared/formats/cytoclus/file-names/sample-name.js';
import { parseInfo } from '../../shared/formats/cytoclus/info/parse-info.js';
import type { CytoclusInfo } from '../../shared/formats/cytoclus/info/parse-info.js';
import { createListmodeParser } from '../../shared/formats/cytoclus/listmode/listmode-parser.js';
import type { ListmodeTable } from '../../shared/formats/cytoclus/listmode/listmode-table.js';
import { createPulsesParser } from '../../shared/formats/cytoclus/pulses/pulses-parser.js';
import { parseSetDefinitions } from '../../shared/formats/cytoclus/set-definition/parse-set-definitions.js';
import { JPEG_HEADER_READ_BYTES } from '../../shared/formats/images/jpeg-header.js';
import { linkParticleImages } from '../../shared/formats/images/link-images.js';
import { inspectParticleImage } from '../../shared/formats/images/particle-image.js';
import type { ParticleImage } from '../../shared/formats/images/particle-image.js';
import { createZipImageReader } from '../../shared/formats/images/zip-images.js';
import { localTimeToUtc } from '../../shared/model/time-zone.js';
import { writeFloat32File, writeUint32File } from './column-store.js';
import type { CytoclusUnit } from './group-files.js';
import type { ParsedSample, StagedFile } from './parsed-sample.js';
import { readStreamed } from './read-streamed.js';

export interface ParseContext {
  stagingDir: string;
  shouldStop?: () => boolean;
  onBytes?: (bytes: number) => void;
}

const ALL_IMAGED = 'all imaged particles';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function issuesOf(file: string, list: readonly FormatIssue[], severity: 'warning' | 'error'): ParsedSample['issues'] {
  return list.map((i) => ({
    code: 'invalid-input' as const,
    severity,
    file,
    message: i.message,
    ...(i.line !== undefined ? { line: i.line } : {}),
    ...(i.field !== undefined ? { field: i.field } : {}),
  }));
}

/** Sorted, unique union of particle ids with, for each, where to find its row: [table index, row]. */
function unionRows(tables: readonly ListmodeTable[]): { ids: Uint32Array; from: Int32Array } {
  const where = new Map<number, number>();
  tables.forEach((t, ti) => {
    for (let r = 0; r < t.rows; r++) {
      const id = t.particleIds[r]!;
      if (!where.has(id)) where.set(id, ti * 0x1_0000_0000 + r);
    }
  });
  const ids = Uint32Array.from(where.keys()).sort();
  const from = new Int32Array(ids.length * 2);
  ids.forEach((id, i) => {
    const code = where.get(id)!;
    from[i * 2] = Math.floor(code / 0x1_0000_0000);
    from[i * 2 + 1] = code % 0x1_0000_0000;
  });
  return { ids, from };
}

export async function parseCytoclusSample(unit: CytoclusUnit, ctx: ParseContext): Promise<ParsedSample> {
  const stop = ctx.shouldStop ?? (() => false);
  const staging = ctx.stagingDir;
  fs.mkdirSync(path.join(staging, 'events'), { recursive: true });
  const files: StagedFile[] = [];
  const issues: ParsedSample['issues'] = [];
  const metadata: Record<string, string> = {};

  const copySource = (file: string, role: StagedFile['role'], bytes: Uint8Array): void => {
    const stored = path.posix.join('sources', path.basename(file));
    fs.mkdirSync(path.join(staging, 'sources'), { recursive: true });
    fs.writeFileSync(path.join(staging, stored), bytes);
    files.push({ sourcePath: file, storedPath: stored, role, sizeBytes: bytes.length, sha256: sha256(bytes) });
  };

  // Export settings name the delimiter and decimal separator; detection in the parser covers their absence.
  let hints: { delimiter?: ',' | ';' | '\t'; decimalSeparator?: '.' | ',' } = {};
  if (unit.exportSettings) {
    const bytes = new Uint8Array(fs.readFileSync(unit.exportSettings.path));
    copySource(unit.exportSettings.path, 'export-settings', bytes);
    try {
      const s = parseExportSettings(bytes);
      issues.push(...issuesOf(unit.exportSettings.path, s.issues, 'warning'));
      if ((s.delimiter === ',' || s.delimiter === ';' || s.delimiter === '\t') && (s.decimalSeparator === '.' || s.decimalSeparator === ',') && s.delimiter !== s.decimalSeparator) {
        hints = { delimiter: s.delimiter, decimalSeparator: s.decimalSeparator };
      }
    } catch (err) {
      issues.push({ code: 'invalid-input', severity: 'warning', file: unit.exportSettings.path, message: (err as Error).message });
    }
  }
  if (unit.setDefinition) {
    const bytes = new Uint8Array(fs.readFileSync(unit.setDefinition.path));
    copySource(unit.setDefinition.path, 'set-definition', bytes);
    try {
      issues.push(...issuesOf(unit.setDefinition.path, parseSetDefinitions(bytes).issues, 'warning'));
    } catch (err) {
      issues.push({ code: 'invalid-input', severity: 'warning', file: unit.setDefinition.path, message: (err as Error).message });
    }
  }

  const sampleName = parseSampleName(unit.sample);
  let info: CytoclusInfo | null = null;
  if (unit.info) {
    const bytes = new Uint8Array(fs.readFileSync(unit.info.path));
    copySource(unit.info.path, 'info', bytes);
    try {
      info = parseInfo(bytes, sampleName.date ? { fileNameDate: sampleName.date } : {});
      issues.push(...issuesOf(unit.info.path, info.issues, 'warning'));
      Object.assign(metadata, info.fields);
    } catch (err) {
      issues.push({ code: 'invalid-input', severity: 'error', file: unit.info.path, message: (err as Error).message });
    }
  } else {
    issues.push({ code: 'invalid-input', severity: 'warning', file: path.join(unit.folder, unit.sample), message: 'no Info file: measurement start, volume and instrument are unknown' });
  }

  // Listmodes: every set file is read (it is that set's CytoClus membership); the default one holds the events.
  const tables: { set: string | null; table: ListmodeTable; file: string }[] = [];
  for (const lm of unit.listmodes) {
    // The file size lets the parser size its columns once (half the peak memory on millions of events).
    const parser = createListmodeParser({ ...hints, expectedBytes: lm.sizeBytes });
    let table: ListmodeTable;
    try {
      const { sha256: hash, sizeBytes } = await readStreamed(lm.path, (c) => { parser.push(c); ctx.onBytes?.(c.length); }, stop);
      table = parser.finish();
      files.push({ sourcePath: lm.path, storedPath: null, role: 'listmode', sizeBytes, sha256: hash });
    } catch (err) {
      if ((err as Error).name === 'ImportCancelled') throw err;
      issues.push({ code: 'invalid-input', severity: 'error', file: lm.path, message: (err as Error).message });
      continue;
    }
    issues.push(...issuesOf(lm.path, table.issues, table.rejectedRows > 0 ? 'error' : 'warning'));
    tables.push({ set: lm.set, table, file: lm.path });
  }
  if (tables.length === 0) throw new Error(`${unit.sample}: no listmode could be read`);

  const defaults = tables.find((t) => t.set === null);
  const partial = defaults === undefined;
  let particleIds: Uint32Array;
  let columnSource: ListmodeTable;
  let values: Float32Array[];
  if (defaults) {
    columnSource = defaults.table;
    particleIds = defaults.table.particleIds;
    values = defaults.table.values;
  } else {
    // Only set exports: the events are the union of the sets by Particle ID, columns from the first set file.
    columnSource = tables[0]!.table;
    const { ids, from } = unionRows(tables.map((t) => t.table));
    particleIds = ids;
    const headerIndex = tables.map((t) => new Map(t.table.columns.map((c, i) => [c.header, i])));
    values = columnSource.columns.map((col) => {
      const out = new Float32Array(ids.length);
      for (let i = 0; i < ids.length; i++) {
        const ti = from[i * 2]!;
        const ci = headerIndex[ti]!.get(col.header);
        out[i] = ci === undefined ? Number.NaN : tables[ti]!.table.values[ci]![from[i * 2 + 1]!]!;
      }
      return out;
    });
    issues.push({ code: 'invalid-input', severity: 'warning', file: path.join(unit.folder, unit.sample), message: `no "Default (all)" listmode: the events are the union of the exported sets (${tables.map((t) => t.set).join(', ')}); the sample is partial` });
  }

  const particleIdsSha256 = writeUint32File(path.join(staging, 'events', 'particle-ids.u32'), particleIds);
  const columns = columnSource.columns.map((c, i) => {
    const rel = path.posix.join('events', `${String(i).padStart(3, '0')}.f32`);
    const columnSha256 = writeFloat32File(path.join(staging, rel), values[i]!);
    return { header: c.header, channel: c.channel || null, parameter: c.parameter, key: `${c.key}|${(c.parameter ?? '').toLowerCase()}`, path: rel, sha256: columnSha256 };
  });

  const sets = tables
    .filter((t) => t.set !== null)
    .map((t, i) => {
      const rel = path.posix.join('sets', `${String(i).padStart(3, '0')}.u32`);
      fs.mkdirSync(path.join(staging, 'sets'), { recursive: true });
      const membersSha256 = writeUint32File(path.join(staging, rel), Uint32Array.from(t.table.particleIds).sort());
      return { name: t.set!, eventCount: t.table.rows, membersPath: rel, membersSha256 };
    });

  // Pulse shapes: cut by each particle's Sample Length where the listmode has it (particle 0 is valid).
  const lengthColumn = columnSource.columns.findIndex((c) => c.header.toLowerCase() === 'sample length');
  const sampleLengths = new Map<number, number>();
  if (lengthColumn >= 0) for (let r = 0; r < particleIds.length; r++) sampleLengths.set(particleIds[r]!, values[lengthColumn]![r]!);
  for (const p of unit.pulses) {
    const parser = createPulsesParser(sampleLengths.size ? { sampleLengths } : {});
    fs.mkdirSync(path.join(staging, 'sources'), { recursive: true });
    const stored = path.posix.join('sources', path.basename(p.path));
    const out = fs.openSync(path.join(staging, stored), 'w');
    try {
      const { sha256: hash, sizeBytes } = await readStreamed(p.path, (c) => { parser.push(c); fs.writeSync(out, c); ctx.onBytes?.(c.length); }, stop);
      const result = parser.finish();
      issues.push(...issuesOf(p.path, result.summary.issues, 'warning'));
      metadata[`Pulses${p.set ? ` (${p.set})` : ''}: particles`] = String(result.summary.particleCount);
      files.push({ sourcePath: p.path, storedPath: stored, role: 'pulses', sizeBytes, sha256: hash });
    } catch (err) {
      if ((err as Error).name === 'ImportCancelled') throw err;
      issues.push({ code: 'invalid-input', severity: 'error', file: p.path, message: (err as Error).message });
    } finally {
      fs.closeSync(out);
    }
  }

  // Images: identity from EXIF when the file was renamed; one stored copy per particle and kind.
  type Found = ParticleImage & { particleId: number; cropped: boolean | null; bytes?: Uint8Array; source: string };
  const found: Found[] = [];
  const consider = (source: string, bytes: Uint8Array) => {
    const image = inspectParticleImage(path.basename(source), bytes.subarray(0, JPEG_HEADER_READ_BYTES));
    issues.push(...issuesOf(source, image.issues, 'warning'));
    if (image.particleId === null) return;
    if (image.sample && image.sample.normalize('NFC') !== unit.sample.normalize('NFC')) {
      issues.push({ code: 'invalid-input', severity: 'warning', file: source, message: `image belongs to sample "${image.sample}", not "${unit.sample}"; not linked` });
      return;
    }
    found.push({ ...image, particleId: image.particleId, bytes, source });
  };
  for (const img of unit.images) consider(img.path, new Uint8Array(fs.readFileSync(img.path)));
  for (const zip of unit.imageZips) {
    const reader = createZipImageReader((entry) => consider(`${zip.path}!/${entry.path}`, entry.bytes));
    try {
      const { sha256: hash, sizeBytes } = await readStreamed(zip.path, (c) => reader.push(c), stop);
      const result = reader.finish();
      issues.push(...issuesOf(zip.path, result.issues, 'warning'));
      files.push({ sourcePath: zip.path, storedPath: null, role: 'other', sizeBytes, sha256: hash });
    } catch (err) {
      if ((err as Error).name === 'ImportCancelled') throw err;
      issues.push({ code: 'invalid-input', severity: 'error', file: zip.path, message: (err as Error).message });
    }
  }
  const imagedSet = tables.find((t) => t.set !== null && t.set.toLowerCase() === ALL_IMAGED);
  const imagedIds = imagedSet ? Array.from(imagedSet.table.particleIds) : [...new Set(found.map((f) => f.particleId))];
  const links = linkParticleImages(imagedIds, found.map((f) => ({ ...f, cropped: f.cropped })));
  issues.push(...issuesOf(path.join(unit.folder, `${unit.sample}_Images`), links.issues, 'warning'));
  const images: ParsedSample['images'] = [];
  fs.mkdirSync(path.join(staging, 'images'), { recursive: true });
  for (const link of links.linked) {
    for (const image of link.images) {
      const cropped = image.cropped ?? true;
      if (images.some((i) => i.particleId === link.particleId && i.cropped === cropped)) continue;
      const ext = path.extname(image.fileName).toLowerCase() || '.jpg';
      const rel = path.posix.join('images', `${cropped ? 'cropped' : 'uncropped'}-${link.particleId}${ext}`);
      const bytes = image.bytes!;
      fs.writeFileSync(path.join(staging, rel), bytes);
      const hash = sha256(bytes);
      images.push({ particleId: link.particleId, cropped, path: rel, sha256: hash, sizeBytes: bytes.length, width: image.width, height: image.height, takenAt: image.measurementStart });
      if (!image.source.includes('!/')) files.push({ sourcePath: image.source, storedPath: rel, role: 'image', sizeBytes: bytes.length, sha256: hash });
    }
  }

  // Time: the Info start is the instrument's local clock. An image comment carries the same clock with its UTC
  // offset, which makes the start exact without a deployment.
  const localStart = info?.measurementStart ?? null;
  const offset = found.map((f) => /([+-]\d{2}:\d{2}|Z)$/.exec(f.measurementStart ?? '')?.[1]).find((o) => o !== undefined) ?? null;
  let startedAtUtc: string | null = null;
  if (localStart && offset) startedAtUtc = localTimeToUtc(localStart, offset);
  else if (!localStart) startedAtUtc = found.map((f) => f.measurementStartUtc).find((t) => t !== null) ?? null;
  // Kept with its offset when one is known, so assigning a deployment later does not re-read it in another zone.
  const startedAtSource = localStart && offset && startedAtUtc ? `${localStart}${offset}` : localStart;

  const serial = info?.serial ?? found.map((f) => f.instrumentSerial).find((s) => s !== null) ?? null;
  return {
    kind: 'cytoclus',
    name: unit.sample,
    // Identity uses the start exactly as the Info file wrote it: a re-export without images is the same sample.
    identity: { instrument: serial, startedAt: (localStart ?? startedAtUtc)?.slice(0, 19) ?? null, name: unit.sample },
    instrument: info?.instrument ?? null,
    instrumentSerial: serial,
    startedAtSource,
    startedAtUtc,
    durationSeconds: info?.durationSeconds ?? null,
    volumeMicrolitres: info?.volumeAnalysed_uL ?? null,
    eventCount: particleIds.length,
    partial,
    particleIdsPath: 'events/particle-ids.u32',
    particleIdsSha256,
    columns,
    sets,
    images,
    imagesMissing: links.missing,
    files,
    metadata,
    issues,
  };
}
