/**
 * `cytocurator inspect FILE`: what a file is and what it holds, with no library — the quickest way to see why an
 * export does not import. Streams the file through the same parsers the importer uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CurationError } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import { parseExportSettings } from '../../shared/formats/cytoclus/export-settings/parse-export-settings.js';
import { parseExportFileName } from '../../shared/formats/cytoclus/file-names/export-file-name.js';
import { parseSampleName } from '../../shared/formats/cytoclus/file-names/sample-name.js';
import { parseInfo } from '../../shared/formats/cytoclus/info/parse-info.js';
import { createListmodeParser } from '../../shared/formats/cytoclus/listmode/listmode-parser.js';
import { createPulsesParser } from '../../shared/formats/cytoclus/pulses/pulses-parser.js';
import { parseSetDefinitions } from '../../shared/formats/cytoclus/set-definition/parse-set-definitions.js';
import { CYZ_CONVERSION_MESSAGE, detectCyz } from '../../shared/formats/cyz/detect-cyz.js';
import { createCyz2JsonReader } from '../../shared/formats/cyz2json/cyz2json-reader.js';
import { readFcs } from '../../shared/formats/fcs/read-fcs.js';
import type { FormatIssue } from '../../shared/formats/format-issue.js';
import { inspectParticleImage } from '../../shared/formats/images/particle-image.js';
import { createNmeaTrackReader } from '../../shared/formats/nmea/nmea-track.js';
import { offsetTimeToUtc } from '../../shared/model/time-zone.js';
import { readStreamed } from './read-streamed.js';

export type InspectResult = { kind: string; errors: CurationErrorData[] } & Record<string, unknown>;

function errorsOf(file: string, issues: readonly FormatIssue[]): CurationErrorData[] {
  return issues.map((i) => ({
    code: 'invalid-input',
    file,
    message: i.offset !== undefined && i.line === undefined ? `${i.message} (byte ${i.offset})` : i.message,
    ...(i.line !== undefined ? { line: i.line } : {}),
    ...(i.field !== undefined ? { field: i.field } : {}),
  }));
}

function head(file: string, n: number): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(n);
    const got = fs.readSync(fd, b, 0, n, 0);
    return new Uint8Array(b.buffer, b.byteOffset, got);
  } finally {
    fs.closeSync(fd);
  }
}

function ascii(bytes: Uint8Array, text: string): boolean {
  return bytes.length >= text.length && [...text].every((c, i) => bytes[i] === c.charCodeAt(0));
}

export async function inspectFile(file: string): Promise<InspectResult> {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CurationError({ code: 'not-found', file, message: 'no such file' });
  }
  if (!stat.isFile()) throw new CurationError({ code: 'invalid-request', file, message: 'inspect takes a file, not a folder' });
  const name = path.basename(file);
  const first = head(file, 4096);
  const kind = parseExportFileName(name).kind;

  if (detectCyz(first).isCyz || kind === 'cyz') {
    const d = detectCyz(first);
    return { kind: 'cyz', isCyz: d.isCyz, version: d.version ?? null, message: d.isCyz ? CYZ_CONVERSION_MESSAGE : 'named .cyz but not a CytoSense .cyz file', errors: [] };
  }
  if (ascii(first, 'FCS')) {
    const bytes = new Uint8Array(fs.readFileSync(file)); // FCS DATA is read whole here; the importer streams it
    const r = readFcs(bytes);
    return {
      kind: 'fcs',
      datasets: r.datasets.map((d) => ({
        version: d.version,
        events: d.events,
        parameters: d.parameters.map((p) => ({ name: p.name, label: p.label })),
        means: d.means,
        cytometer: d.metadata.cytometer,
        start: d.metadata.start,
        volume_nL: d.metadata.volumeNanolitres,
        spillover: d.metadata.spillover,
        errors: errorsOf(file, d.issues),
      })),
      errors: errorsOf(file, [...r.issues, ...r.datasets.flatMap((d) => d.issues)]),
    };
  }
  if (first[0] === 0xff && first[1] === 0xd8) {
    const img = inspectParticleImage(name, head(file, 65536));
    const { issues, ...rest } = img;
    return { kind: 'image', ...rest, errors: errorsOf(file, issues) };
  }
  switch (kind) {
    case 'listmode': {
      const parser = createListmodeParser();
      await readStreamed(file, (c) => parser.push(c));
      const t = parser.finish();
      return { kind: 'cytoclus-listmode', rows: t.rows, columns: [t.particleIdHeader, ...t.columns.map((c) => c.header)], delimiter: t.delimiter, decimalSeparator: t.decimalSeparator, rejectedRows: t.rejectedRows, errors: errorsOf(file, t.issues) };
    }
    case 'info': {
      const sample = parseSampleName(name.replace(/_Info\.txt$/i, ''));
      const info = parseInfo(new Uint8Array(fs.readFileSync(file)), sample.date ? { fileNameDate: sample.date } : {});
      return {
        kind: 'cytoclus-info',
        measurementStart: info.measurementStart,
        measurementStartUtc: null,
        durationSeconds: info.durationSeconds,
        flowRate_uL_per_s: info.flowRate_uL_per_s,
        volumeAnalysed_uL: info.volumeAnalysed_uL,
        totalParticles: info.totalParticles,
        smartTriggered: info.smartTriggered,
        smartTriggeredParticles: info.smartTriggeredParticles,
        concentration_per_uL: info.concentration_per_uL,
        instrument: info.instrument,
        serial: info.serial,
        triggerChannel: info.triggerChannel,
        triggerLevel_mV: info.triggerLevel_mV,
        smartTriggerRule: info.smartTriggerRule,
        channels: info.channels,
        errors: errorsOf(file, info.issues),
      };
    }
    case 'pulses': {
      const parser = createPulsesParser();
      await readStreamed(file, (c) => void parser.push(c));
      const { summary } = parser.finish();
      return { kind: 'cytoclus-pulses', particles: summary.particleCount, rows: summary.rowCount, channels: summary.header?.channels ?? [], errors: errorsOf(file, summary.issues) };
    }
    case 'set-definition': {
      const d = parseSetDefinitions(new Uint8Array(fs.readFileSync(file)));
      return {
        kind: 'cytoclus-sets',
        dialect: d.dialect,
        exclusiveSets: d.exclusiveSets,
        sets: d.sets.map((s) => ({ name: s.name, kind: s.kind, gates: s.gates.map((g) => g.type), members: s.members.map((m) => m.name), complete: s.complete })),
        errors: errorsOf(file, d.issues),
      };
    }
    case 'export-settings': {
      const s = parseExportSettings(new Uint8Array(fs.readFileSync(file)));
      return { kind: 'cytoclus-export-settings', delimiter: s.delimiter, decimalSeparator: s.decimalSeparator, selectedSets: s.selectedSets, exported: s.exported, errors: errorsOf(file, s.issues) };
    }
    case 'gps-log': {
      const reader = createNmeaTrackReader();
      await readStreamed(file, (c) => reader.push(c));
      const t = reader.finish();
      return { kind: 'nmea', points: t.points.length, from: t.points[0]?.time ?? null, to: t.points.at(-1)?.time ?? null, counts: t.counts, errors: errorsOf(file, t.issues) };
    }
    default:
      break;
  }
  if (name.toLowerCase().endsWith('.json')) {
    const reader = createCyz2JsonReader();
    await readStreamed(file, (c) => reader.push(c));
    const d = reader.finish();
    return {
      kind: 'cyz2json',
      instrument: d.instrument.name,
      serial: d.instrument.serialNumber,
      measurementStart: d.results.start,
      measurementStartUtc: d.results.start ? offsetTimeToUtc(d.results.start.replace(/(\.\d{3})\d+/, '$1')) ?? d.results.startUtc : null,
      durationSeconds: d.results.duration,
      volumeAnalysed_uL: d.results.analysedVolume,
      particles: d.particles.particleIds.length,
      columns: d.particles.columns.map((c) => c.key),
      sets: Object.fromEntries(Object.entries(d.particleSets).map(([k, v]) => [k, v.length])),
      images: d.images.length,
      complete: d.complete,
      errors: errorsOf(file, d.issues),
    };
  }
  if (ascii(first, '$GP') || ascii(first, '$GN')) {
    const reader = createNmeaTrackReader();
    await readStreamed(file, (c) => reader.push(c));
    const t = reader.finish();
    return { kind: 'nmea', points: t.points.length, from: t.points[0]?.time ?? null, to: t.points.at(-1)?.time ?? null, counts: t.counts, errors: errorsOf(file, t.issues) };
  }
  throw new CurationError({ code: 'invalid-input', file, message: 'not a CytoClus export, FCS, cyz2json, NMEA, image or .cyz file' });
}
