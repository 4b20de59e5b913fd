import type { FormatIssue } from '../../format-issue.js';
import { CurationError } from '../../../api/errors.js';
import type { TextEncoding } from '../../text/decode-text.js';
import { child, parseXmlTree } from '../set-definition/xml-tree.js';
import type { XmlElement } from '../set-definition/xml-tree.js';

/**
 * CytoClus export settings: `Settings/Export settings.xml` of a CytoClus 4 export and `.c4e` files — the same
 * XML (formats-cytosense.md §9.1). Root `<exportsettings>`, one element per exported item with an `export`
 * attribute and item options as attributes, lists as comma-separated element text.
 *
 * Decided here (the doc leaves it open):
 * - An item element that is absent gives `null` for its `exported` flag and its options (not false: the file
 *   does not say). Booleans compare case-insensitively; anything other than true/false is null + an issue.
 * - Comma lists are split on `,` and trimmed; empty entries dropped. A set name containing `,` cannot be told
 *   apart (the doc notes it) — `selectedSetsText` keeps the raw text for matching against file names.
 * - Attribute values are kept as written (`img="png"`, `output="zip"`, `arrival_time_mode="Relative"`); values
 *   outside the known vocabulary are kept and reported, since newer CytoClus versions add options.
 * - Unknown elements and attributes are not errors: everything is also in `fields` (`element@attribute` or
 *   `element/child` → value) for a metadata panel.
 */
export type ExportItem = 'info' | 'listmode' | 'pulses' | 'images' | 'overviewImages' | 'setStatistics' | 'cyzFile' | 'gpsLog' | 'sensorLogs';

export interface CytoclusExportSettings {
  /** `exportsettings/@serial`: instrument serial (`CS-YYYY-NN`), which CC4 Info files lack. */
  serial: string | null;
  /** `yyyy-MM-dd` as written. */
  configurationDate: string | null;
  /** `yyyy-MM-dd HH:mm:ssZ` as written. */
  creationDate: string | null;
  /** CSV delimiter (`,` or `;`) — authoritative for listmode/pulses parsing. */
  delimiter: string | null;
  decimalSeparator: '.' | ',' | null;
  outputFolder: string | null;
  selectedSets: string[];
  selectedSetsText: string | null;
  /** Which items the export wrote (`summary` = the Info file). */
  exported: Record<ExportItem, boolean | null>;
  listmode: {
    /** `None` | `Relative` | `TimeOfDay` | `DateTime` (format of the `Arrival Time` column). */
    arrivalTimeMode: string | null;
    /** `csv`, `fcs`, `mat`, from `output="csv,fcs"`. */
    outputs: string[];
    channels: string[];
    parameters: string[];
  } | null;
  pulses: {
    outputs: string[];
    /** `smoothed` | `rawBytes` | `unsmoothed`. */
    data: string | null;
  } | null;
  images: {
    /** `jpg` | `png`. */
    format: string | null;
    /** `folder` | `zip`. */
    output: string | null;
    cropped: boolean | null;
    croppedScalebar: boolean | null;
    uncropped: boolean | null;
    uncroppedScalebar: boolean | null;
    background: boolean | null;
  } | null;
  overviewImages: {
    format: string | null;
    scalebar: boolean | null;
    particleId: boolean | null;
    /** Older writers: `limit_width` + `target_width`. */
    limitWidth: boolean | null;
    targetWidth: number | null;
    /** Newer writers (and CC4): `max_width` + `max_height`. */
    maxWidth: number | null;
    maxHeight: number | null;
  } | null;
  setStatistics: {
    outputs: string[];
    append: boolean | null;
    fileName: string | null;
    channels: string[];
    parameters: string[];
    /** `min,max,mean,sd,total`. */
    statistics: string[];
  } | null;
  /** Every attribute (`element@name`) and leaf text (`element/child`, or `element`) as written. */
  fields: Record<string, string>;
  encoding: TextEncoding;
  issues: FormatIssue[];
}

const itemElements: Record<ExportItem, string> = {
  info: 'summary',
  listmode: 'listmode',
  pulses: 'pulses',
  images: 'images',
  overviewImages: 'overview_img',
  setStatistics: 'set_statistics',
  cyzFile: 'cyzfile',
  gpsLog: 'gps_log',
  sensorLogs: 'sensor_logs',
};

const knownValues: Record<string, readonly string[]> = {
  'listmode@arrival_time_mode': ['None', 'Relative', 'TimeOfDay', 'DateTime'],
  'pulses@data': ['smoothed', 'rawBytes', 'unsmoothed'],
  'images@img': ['jpg', 'png'],
  'images@output': ['folder', 'zip'],
  'overview_img@img': ['jpg', 'png'],
};

export function parseExportSettings(bytes: Uint8Array): CytoclusExportSettings {
  const { root, encoding } = parseXmlTree(bytes, 'a CytoClus export-settings file');
  if (root.name.toLowerCase() !== 'exportsettings') {
    throw new CurationError({ code: 'invalid-input', message: `not a CytoClus export-settings file: root element is <${root.name}>, expected <exportsettings>`, field: root.name });
  }
  const issues: FormatIssue[] = [];
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(root.attributes)) fields[`exportsettings@${k}`] = v;
  for (const el of root.children) collectFields(el, el.name, fields);

  const attr = (el: XmlElement | undefined, name: string): string | null => {
    if (el === undefined) return null;
    const v = el.attributes[name];
    if (v === undefined) return null;
    const allowed = knownValues[`${el.name}@${name}`];
    if (allowed && !allowed.includes(v)) issues.push({ field: `${el.name}@${name}`, message: `unknown value "${v}" (known: ${allowed.join(', ')})` });
    return v;
  };
  const bool = (el: XmlElement | undefined, name: string): boolean | null => {
    const v = el?.attributes[name];
    if (v === undefined || el === undefined) return null;
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    issues.push({ field: `${el.name}@${name}`, message: `"${v}" is not true or false` });
    return null;
  };
  const int = (el: XmlElement | undefined, name: string): number | null => {
    const v = el?.attributes[name];
    if (v === undefined || el === undefined) return null;
    if (/^\s*\d+\s*$/.test(v)) return Number(v);
    issues.push({ field: `${el.name}@${name}`, message: `"${v}" is not a whole number` });
    return null;
  };
  const list = (el: XmlElement | undefined, childName?: string): string[] => {
    const source = el && childName ? child(el, childName) : el;
    return source ? splitList(source.text) : [];
  };
  const textOf = (name: string): string | null => {
    const el = child(root, name);
    return el === undefined ? null : el.text;
  };

  const csv = child(root, 'csv_settings');
  const delimiter = csv?.attributes['delimiter'] ?? null;
  const decimalRaw = csv?.attributes['decimal_separator'] ?? null;
  let decimalSeparator: '.' | ',' | null = null;
  if (decimalRaw === '.' || decimalRaw === ',') decimalSeparator = decimalRaw;
  else if (decimalRaw !== null) issues.push({ field: 'csv_settings@decimal_separator', message: `"${decimalRaw}" is not "." or ","` });
  if (csv === undefined) issues.push({ field: 'csv_settings', message: 'no <csv_settings>: delimiter and decimal separator must be sniffed from the CSV files' });
  if (delimiter !== null && delimiter.length !== 1) issues.push({ field: 'csv_settings@delimiter', message: `delimiter "${delimiter}" is not one character` });
  if (delimiter !== null && delimiter === decimalSeparator) {
    issues.push({ field: 'csv_settings', message: `delimiter and decimal separator are both "${delimiter}"` });
  }

  const exported = {} as Record<ExportItem, boolean | null>;
  for (const [item, elementName] of Object.entries(itemElements) as [ExportItem, string][]) {
    exported[item] = bool(child(root, elementName), 'export');
  }

  const lm = child(root, 'listmode');
  const pu = child(root, 'pulses');
  const im = child(root, 'images');
  const ov = child(root, 'overview_img');
  const st = child(root, 'set_statistics');
  const selectedSetsText = textOf('selected_sets');

  return {
    serial: root.attributes['serial'] ?? null,
    configurationDate: root.attributes['configuration_date'] ?? null,
    creationDate: root.attributes['creation_date'] ?? null,
    delimiter,
    decimalSeparator,
    outputFolder: textOf('output_folder'),
    selectedSets: selectedSetsText === null ? [] : splitList(selectedSetsText),
    selectedSetsText,
    exported,
    listmode: lm
      ? { arrivalTimeMode: attr(lm, 'arrival_time_mode'), outputs: splitList(lm.attributes['output'] ?? ''), channels: list(lm, 'channels'), parameters: list(lm, 'parameters') }
      : null,
    pulses: pu ? { outputs: splitList(pu.attributes['output'] ?? ''), data: attr(pu, 'data') } : null,
    images: im
      ? {
          format: attr(im, 'img'),
          output: attr(im, 'output'),
          cropped: bool(im, 'cropped'),
          croppedScalebar: bool(im, 'cropped_scalebar'),
          uncropped: bool(im, 'uncropped'),
          uncroppedScalebar: bool(im, 'uncropped_scalebar'),
          background: bool(im, 'background'),
        }
      : null,
    overviewImages: ov
      ? {
          format: attr(ov, 'img'),
          scalebar: bool(ov, 'scalebar'),
          particleId: bool(ov, 'particle_id'),
          limitWidth: bool(ov, 'limit_width'),
          targetWidth: int(ov, 'target_width'),
          maxWidth: int(ov, 'max_width'),
          maxHeight: int(ov, 'max_height'),
        }
      : null,
    setStatistics: st
      ? {
          outputs: splitList(st.attributes['output'] ?? ''),
          append: bool(st, 'append'),
          fileName: child(st, 'filename')?.text ?? null,
          channels: list(st, 'channels'),
          parameters: list(st, 'parameters'),
          statistics: list(st, 'statistics'),
        }
      : null,
    fields,
    encoding,
    issues,
  };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function collectFields(el: XmlElement, path: string, fields: Record<string, string>): void {
  for (const [k, v] of Object.entries(el.attributes)) fields[`${path}@${k}`] = v;
  if (el.children.length === 0) {
    if (el.text !== '' || Object.keys(el.attributes).length === 0) fields[path] = el.text;
    return;
  }
  for (const c of el.children) collectFields(c, `${path}/${c.name}`, fields);
}
