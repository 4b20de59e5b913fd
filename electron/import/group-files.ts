/**
 * Groups the files the user chose into import units: one CytoClus sample (its Info, listmodes per set, pulses,
 * image folders or zips, and the export folder's settings), one FCS file, one cyz2json document, one GPS log.
 * Files are grouped by their sample base name; what is recognised but cannot be imported (a .cyz) or is not
 * recognised at all is listed as skipped with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseExportFileName } from '../../shared/formats/cytoclus/file-names/export-file-name.js';
import type { KnownExportNames } from '../../shared/formats/cytoclus/file-names/export-file-name.js';
import { parseExportSettings } from '../../shared/formats/cytoclus/export-settings/parse-export-settings.js';
import { CYZ_CONVERSION_MESSAGE, CYZ_DETECT_BYTES, detectCyz } from '../../shared/formats/cyz/detect-cyz.js';
import type { ScannedFile } from './scan-paths.js';

export interface SetFile {
  /** null = the default set "Default (all)". */
  set: string | null;
  path: string;
  sizeBytes: number;
}

export interface CytoclusUnit {
  kind: 'cytoclus';
  sample: string;
  /** Folder holding the sample's files (the export folder). */
  folder: string;
  info: ScannedFile | null;
  listmodes: SetFile[];
  pulses: SetFile[];
  images: SetFile[];
  imageZips: SetFile[];
  setDefinition: ScannedFile | null;
  exportSettings: ScannedFile | null;
}

export interface SingleFileUnit {
  kind: 'fcs' | 'cyz2json' | 'gps-log';
  file: ScannedFile;
}

export type ImportUnit = CytoclusUnit | SingleFileUnit;

export type { SkippedFile } from '../../shared/api/import-report.js';
import type { SkippedFile } from '../../shared/api/import-report.js';

function head(file: string, bytes: number): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } finally {
    fs.closeSync(fd);
  }
}

function startsWithAscii(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The nearest Settings/ folder of an export: beside the sample's files, or one level up. */
function settingsFile(folder: string, byPath: Map<string, ScannedFile>, names: readonly string[]): ScannedFile | null {
  for (const dir of [folder, path.dirname(folder)]) {
    for (const name of names) {
      const f = byPath.get(path.join(dir, 'Settings', name)) ?? byPath.get(path.join(dir, name));
      if (f) return f;
    }
  }
  return null;
}

export function groupImportFiles(files: readonly ScannedFile[]): { units: ImportUnit[]; skipped: SkippedFile[] } {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const skipped: SkippedFile[] = [];
  const units: ImportUnit[] = [];

  // Pass 1: what the export itself says about names — sample names from Info files, set names from the settings.
  const knownByFolder = new Map<string, KnownExportNames & { samples: string[]; sets: string[] }>();
  const known = (dir: string) => {
    let k = knownByFolder.get(dir);
    if (!k) knownByFolder.set(dir, (k = { samples: [], sets: [] }));
    return k;
  };
  for (const f of files) {
    const name = path.basename(f.path);
    const parsed = parseExportFileName(name);
    if (parsed.kind === 'info' && parsed.sample) known(path.dirname(f.path)).samples.push(parsed.sample);
    if (parsed.kind === 'export-settings') {
      try {
        const settings = parseExportSettings(new Uint8Array(fs.readFileSync(f.path)));
        const exportDir = path.basename(path.dirname(f.path)).toLowerCase() === 'settings' ? path.dirname(path.dirname(f.path)) : path.dirname(f.path);
        known(exportDir).sets.push(...settings.selectedSets);
      } catch {
        // An unreadable settings file is reported when the sample using it is imported.
      }
    }
  }

  const samples = new Map<string, CytoclusUnit>();
  const unitFor = (folder: string, sample: string): CytoclusUnit => {
    const key = `${folder}\u0000${sample.normalize('NFC')}`;
    let u = samples.get(key);
    if (!u) {
      u = { kind: 'cytoclus', sample, folder, info: null, listmodes: [], pulses: [], images: [], imageZips: [], setDefinition: null, exportSettings: null };
      samples.set(key, u);
    }
    return u;
  };

  for (const f of files) {
    const name = path.basename(f.path);
    const dir = path.dirname(f.path);
    // Images live in <sample>[_<set>]_Images/ folders: the folder names the sample and the set.
    const parentName = path.basename(dir);
    const exportDir = dir;
    const names = known(exportDir);
    const parent = parseExportFileName(parentName, known(path.dirname(dir)));
    if (parent.kind === 'images-folder' && parent.sample) {
      const own = parseExportFileName(name, known(path.dirname(dir)));
      if (own.kind === 'image') {
        unitFor(path.dirname(dir), parent.sample).images.push({ set: parent.set, path: f.path, sizeBytes: f.sizeBytes });
      } else {
        skipped.push({ file: f.path, reason: own.kind === 'pulse-plot' ? 'pulse-shape plot image (not imported)' : 'not a particle image' });
      }
      continue;
    }
    const parsed = parseExportFileName(name, names);
    const lower = name.toLowerCase();
    switch (parsed.kind) {
      case 'info':
        if (parsed.sample) unitFor(dir, parsed.sample).info = f;
        break;
      case 'listmode':
        if (parsed.extension !== 'csv') skipped.push({ file: f.path, reason: `listmode as .${parsed.extension} is not read; export it as CSV` });
        else if (parsed.sample) unitFor(dir, parsed.sample).listmodes.push({ set: parsed.set, path: f.path, sizeBytes: f.sizeBytes });
        break;
      case 'pulses':
        if (parsed.extension !== 'csv') skipped.push({ file: f.path, reason: `pulses as .${parsed.extension} are not read; export them as CSV` });
        else if (parsed.sample) unitFor(dir, parsed.sample).pulses.push({ set: parsed.set, path: f.path, sizeBytes: f.sizeBytes });
        break;
      case 'images-zip':
        if (parsed.sample) unitFor(dir, parsed.sample).imageZips.push({ set: parsed.set, path: f.path, sizeBytes: f.sizeBytes });
        break;
      case 'export-settings':
      case 'set-definition':
      case 'parameter-settings':
      case 'set-statistics':
        // Read with the samples of their export folder (below), never on their own.
        break;
      case 'cyz': {
        const detection = detectCyz(head(f.path, CYZ_DETECT_BYTES));
        skipped.push({ file: f.path, reason: detection.isCyz ? CYZ_CONVERSION_MESSAGE : '.cyz name but not a CytoSense .cyz file' });
        break;
      }
      case 'gps-log':
        units.push({ kind: 'gps-log', file: f });
        break;
      case 'fcs':
        units.push({ kind: 'fcs', file: f });
        break;
      default: {
        const first = head(f.path, Math.max(CYZ_DETECT_BYTES, 16));
        if (startsWithAscii(first, 'FCS')) units.push({ kind: 'fcs', file: f });
        else if (detectCyz(first).isCyz) skipped.push({ file: f.path, reason: CYZ_CONVERSION_MESSAGE });
        else if (lower.endsWith('.json')) {
          // cyz2json documents name the instrument and its particles near the start; other JSON is not data.
          const text = new TextDecoder().decode(head(f.path, 64 * 1024));
          if (/"particles"/i.test(text) && /"(instrument|CytoSettings|measurementResults)"/i.test(text)) units.push({ kind: 'cyz2json', file: f });
          else skipped.push({ file: f.path, reason: 'JSON file that is not a cyz2json document' });
        }
        else if (startsWithAscii(first, '$GP') || startsWithAscii(first, '$GN')) units.push({ kind: 'gps-log', file: f });
        else skipped.push({ file: f.path, reason: 'not a CytoClus export, FCS, cyz2json or NMEA file' });
      }
    }
  }

  const used = new Set<string>();
  for (const unit of samples.values()) {
    unit.exportSettings = settingsFile(unit.folder, byPath, ['Export settings.xml']);
    unit.setDefinition = settingsFile(unit.folder, byPath, [`Sets_${unit.sample}.xml`, 'Set definition.xml']);
    if (unit.exportSettings) used.add(unit.exportSettings.path);
    if (unit.setDefinition) used.add(unit.setDefinition.path);
    if (unit.listmodes.length === 0) {
      const parts = [unit.info && 'Info', unit.pulses.length && 'pulses', (unit.images.length || unit.imageZips.length) && 'images']
        .filter(Boolean)
        .join(', ');
      skipped.push({ file: path.join(unit.folder, unit.sample), reason: `sample has no listmode CSV (found: ${parts || 'nothing'}); export the listmode from CytoClus` });
      continue;
    }
    unit.listmodes.sort((a, b) => (a.set ?? '').localeCompare(b.set ?? ''));
    units.push(unit);
  }
  for (const f of files) {
    const kind = parseExportFileName(path.basename(f.path)).kind;
    if ((kind === 'export-settings' || kind === 'set-definition') && !used.has(f.path)) {
      skipped.push({ file: f.path, reason: `${kind === 'export-settings' ? 'export settings' : 'set definition'} with no sample beside it (inspect it with cytocurator inspect)` });
    } else if (kind === 'parameter-settings' || kind === 'set-statistics') {
      skipped.push({ file: f.path, reason: `${kind} file is not imported` });
    }
  }
  return { units, skipped };
}
