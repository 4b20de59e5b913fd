/**
 * What a file of a CytoClus/CytoUSB export is, and which sample and set it belongs to (formats-cytosense.md §2.2):
 *
 *   <sample>_Info.txt                 <sample>[_<SetName>]_Listmode.csv|.fcs|.mat
 *   <sample>[_<SetName>]_Pulses.csv   <sample>[_<SetName>]_Images/ (or .zip)
 *   <sample>_Cropped_<ID>.jpg         <sample>_Uncropped_<ID>.jpg      <sample>_<SetName>.jpg (overview)
 *   Settings/Export settings.xml      Settings/Parameter settings.txt  Settings/Set definition.xml | Sets_<sample>.xml
 *   set_statistics.csv | means_per_set_per_file.csv                    Export_YYYY-MM-DD HHhMMmSS/
 *
 * Sample and set names both contain spaces and `_`, so `<sample>_<SetName>` is split, in this order, by:
 * the known sample names (Info files, .cyz names), the known set names (Export settings.xml <selected_sets>),
 * the CytoUSB timestamp that ends a sample name, and otherwise not at all (whole stem = sample, default set).
 * The importer groups files into samples by the `sample` this returns.
 */
import { baseName, parseParticleImageName } from '../../images/particle-image-name.js';

export type ExportFileKind =
  | 'cyz'
  | 'cyz2json'
  | 'info'
  | 'listmode'
  | 'pulses'
  | 'images-folder'
  | 'images-zip'
  | 'image'
  | 'pulse-plot'
  | 'overview'
  | 'export-settings'
  | 'parameter-settings'
  | 'set-definition'
  | 'set-statistics'
  | 'export-folder'
  | 'settings-folder'
  | 'gps-log'
  | 'fcs'
  | 'unknown';

export interface KnownExportNames {
  /** Sample names (base names of .cyz files / `<sample>` of Info files). */
  samples?: readonly string[];
  /** Set names, e.g. from Export settings.xml `<selected_sets>`. "Default (all)" never appears in file names. */
  sets?: readonly string[];
  /** Set-statistics file names other than the defaults (the name is configurable in CytoClus). */
  setStatisticsFiles?: readonly string[];
}

export interface ExportFileName {
  /** The file or folder name (last path segment) as given. */
  name: string;
  kind: ExportFileKind;
  sample: string | null;
  /** Set the file is about; null for the default set ("Default (all)") and for per-sample files. */
  set: string | null;
  /** Images only. */
  particleId: number | null;
  cropped: boolean | null;
  /** Lower-case extension without the dot; '' for folders. */
  extension: string;
  /** How sample and set were told apart: from known names, the name's timestamp, or not split ('whole'). */
  split: 'known-sample' | 'known-set' | 'timestamp' | 'whole' | null;
}

const IMAGE_EXT = /^(jpe?g|png|bmp|tiff?)$/;
const DEFAULT_SET_STATISTICS = ['set_statistics.csv', 'means_per_set_per_file.csv'];
const DEFAULT_SET = 'default (all)';
/** The CytoUSB timestamp that ends a sample name, e.g. " 2023-05-24 09h23" (see sample-name.ts). */
const SAMPLE_TIMESTAMP = /[ _]\d{4}-\d{2}-\d{2}[ _]\d{2}[hHuU]\d{2}/g;

interface SuffixRule {
  pattern: RegExp;
  kind: ExportFileKind;
  /** The stem may end in `_<SetName>`. */
  perSet: boolean;
}

// Tested against the NFC name; the stem is what precedes the match.
const SUFFIX_RULES: SuffixRule[] = [
  { pattern: /_Info\.txt$/i, kind: 'info', perSet: false },
  { pattern: /_Listmode\.(csv|fcs|mat)$/i, kind: 'listmode', perSet: true },
  { pattern: /_Pulses\.(csv|mat)$/i, kind: 'pulses', perSet: true },
  { pattern: /_Images\.zip$/i, kind: 'images-zip', perSet: true },
  { pattern: /_Images[\\/]?$/i, kind: 'images-folder', perSet: true },
];

export function parseExportFileName(fileName: string, known: KnownExportNames = {}): ExportFileName {
  const name = baseName(fileName);
  const text = name.normalize('NFC');
  const extension = /\.([^.\s]+)$/.exec(text)?.[1]?.toLowerCase() ?? '';
  const base: ExportFileName = {
    name,
    kind: 'unknown',
    sample: null,
    set: null,
    particleId: null,
    cropped: null,
    extension,
    split: null,
  };
  const lower = text.toLowerCase();

  if (/^Export_\d{4}-\d{2}-\d{2} \d{2}h\d{2}m\d{2}s?$/i.test(text)) return { ...base, kind: 'export-folder', extension: '' };
  if (lower === 'settings') return { ...base, kind: 'settings-folder', extension: '' };
  if (lower === 'export settings.xml' || extension === 'c4e') return { ...base, kind: 'export-settings' };
  if (lower === 'parameter settings.txt') return { ...base, kind: 'parameter-settings' };
  if (lower === 'set definition.xml') return { ...base, kind: 'set-definition' };
  const setsOf = /^Sets_(.+)\.xml$/i.exec(text);
  if (setsOf) return { ...base, kind: 'set-definition', sample: setsOf[1]!, split: 'whole' };
  const statistics = [...DEFAULT_SET_STATISTICS, ...(known.setStatisticsFiles ?? [])].map((n) => n.normalize('NFC').toLowerCase());
  if (statistics.includes(lower)) return { ...base, kind: 'set-statistics' };
  if (/^GPS_\d{8}_\d{6}\.log$/i.test(text) || extension === 'nmea') return { ...base, kind: 'gps-log' };
  if (extension === 'cyz') return { ...base, kind: 'cyz', sample: text.slice(0, -4), split: 'whole' };
  if (extension === 'json') return { ...base, kind: 'cyz2json', sample: text.replace(/(\.cyz)?\.json$/i, ''), split: 'whole' };

  for (const rule of SUFFIX_RULES) {
    const m = rule.pattern.exec(text);
    if (!m || m.index === 0) continue;
    const stem = text.slice(0, m.index);
    const ext = rule.kind === 'images-folder' ? '' : extension;
    if (!rule.perSet) return { ...base, kind: rule.kind, extension: ext, sample: stem, split: 'whole' };
    return { ...base, kind: rule.kind, extension: ext, ...splitSampleAndSet(stem, known) };
  }

  if (IMAGE_EXT.test(extension)) {
    if (/_Pulse_\d+\.[^.]+$/i.test(text)) {
      return { ...base, kind: 'pulse-plot', sample: text.replace(/_Pulse_\d+\.[^.]+$/i, ''), split: 'whole' };
    }
    const particle = parseParticleImageName(text);
    if (particle?.naming === 'cytoclus') {
      return {
        ...base,
        kind: 'image',
        sample: particle.sample,
        particleId: particle.particleId,
        cropped: particle.cropped,
        split: 'whole',
      };
    }
    // Overview mosaic `<sample>_<SetName>.jpg`: only when the name really splits into sample and set.
    const stem = text.slice(0, -(extension.length + 1));
    const split = splitSampleAndSet(stem, known);
    if (split.set !== null) return { ...base, kind: 'overview', ...split };
    if (particle) {
      // Renamed particle images (`<ID>.jpg`, `<ID>_<sample>.jpg`).
      return { ...base, kind: 'image', sample: particle.sample, particleId: particle.particleId, cropped: null, split: null };
    }
    return base;
  }
  if (extension === 'fcs') return { ...base, kind: 'fcs' };
  return base;
}

/**
 * Like parseExportFileName for a relative path: an image inside `<sample>_<SetName>_Images/` (or its .zip)
 * takes the set from that folder, since image file names do not repeat it.
 */
export function parseExportPath(path: string, known: KnownExportNames = {}): ExportFileName {
  const segments = path.split(/[\\/]+/).filter((s) => s !== '');
  const own = parseExportFileName(segments[segments.length - 1] ?? '', known);
  if (own.kind !== 'image' && own.kind !== 'pulse-plot') return own;
  for (let i = segments.length - 2; i >= 0; i--) {
    const folder = parseExportFileName(segments[i]!, known);
    if (folder.kind === 'images-folder' || folder.kind === 'images-zip') {
      return { ...own, set: folder.set, sample: own.sample ?? folder.sample };
    }
  }
  return own;
}

/** Splits `<sample>[_<SetName>]`; see the module comment for the order of evidence. */
export function splitSampleAndSet(
  stem: string,
  known: KnownExportNames = {},
): { sample: string; set: string | null; split: 'known-sample' | 'known-set' | 'timestamp' | 'whole' } {
  const text = stem.normalize('NFC');
  const sets = (known.sets ?? []).map((s) => s.normalize('NFC')).filter((s) => s.toLowerCase() !== DEFAULT_SET && s !== '');
  const isKnownSet = (s: string) => sets.some((k) => k === s) || sets.some((k) => k.toLowerCase() === s.toLowerCase());

  const samples = (known.samples ?? []).map((s) => s.normalize('NFC')).filter((s) => s !== '');
  if (samples.length > 0) {
    for (const caseless of [false, true]) {
      const t = caseless ? text.toLowerCase() : text;
      const candidates = samples
        .filter((s) => {
          const k = caseless ? s.toLowerCase() : s;
          return t === k || t.startsWith(`${k}_`);
        })
        .sort((a, b) => b.length - a.length);
      if (candidates.length === 0) continue;
      const restOf = (s: string) => (text.length === s.length ? null : text.slice(s.length + 1));
      // Prefer a sample whose remainder is empty or a known set; else the longest sample name.
      const best = candidates.find((s) => { const r = restOf(s); return r === null || isKnownSet(r); }) ?? candidates[0]!;
      return { sample: text.slice(0, best.length), set: restOf(best), split: 'known-sample' };
    }
  }

  if (sets.length > 0) {
    const lowerText = text.toLowerCase();
    const match = [...sets]
      .sort((a, b) => b.length - a.length)
      .find((s) => text.length > s.length + 1 && lowerText.endsWith(`_${s.toLowerCase()}`));
    if (match) {
      const at = text.length - match.length;
      return { sample: text.slice(0, at - 1), set: text.slice(at), split: 'known-set' };
    }
    // The selected sets are all the export has: no set suffix means the default set.
    return { sample: text, set: null, split: 'known-set' };
  }

  // The last CytoUSB timestamp followed by the end or by "_".
  let cut = -1;
  for (const m of text.matchAll(SAMPLE_TIMESTAMP)) {
    const end = m.index + m[0].length;
    if (end === text.length || text[end] === '_') cut = end;
  }
  if (cut >= 0) {
    const rest = text.slice(cut + 1);
    return { sample: text.slice(0, cut), set: cut === text.length || rest === '' ? null : rest, split: 'timestamp' };
  }
  return { sample: text, set: null, split: 'whole' };
}
