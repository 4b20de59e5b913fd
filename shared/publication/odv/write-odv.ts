/**
 * SeaDataNet ODV spreadsheet for one CDI unit (one station: a fixed-point time series or one profile), laid out
 * like the OCTOPUS-valid diap.txt (shared/docs/formats-seadatanet.md §2.2, §2.6):
 *
 *   //free-text comments (dataset, acquisition notes, last change)
 *   //<sdn_reference …/> ship (when there is a C17 code) and the unit's CDI record
 *   //SDN_parameter_mapping … //
 *   Cruise  Station  Type  yyyy-mm-ddThh:mm:ss.sss  Longitude…  Latitude…  LOCAL_CDI_ID  EDMO_code  Bot. Depth [m]
 *           primary variable + QV:SEADATANET, then Depth (time series) and one column + QV per published group
 *
 * Time series: Type `*`, primary variable `time_ISO8601` (DTUT8601/TISO), then the sampling depth (ADEPZZ01).
 * Profile: Type `B`, primary variable `Depth [m]` (ADEPZZ01/ULAA). The group columns carry the L22 instrument.
 * Metadata fill the first row only. A missing value is an empty cell with flag 9; any other value is written
 * with its own L20 flag (a bad value stays, flagged 4). TAB-separated, CRLF, printable ASCII only (odv-text.ts),
 * numbers as in odv-number.ts. The only date not taken from the data is `metadata.lastChangeAt`, so the same
 * dataset always gives the same bytes.
 */
import { CurationError } from '../../api/errors.js';
import type { CdiUnit, PublicationDataset, PublishedGroup, PublishedSample } from '../publication-dataset.js';
import { formatOdvDateTime, parseIsoUtc } from './odv-date.js';
import { cdiReportUrl, c17Url, formatMappingLine, formatReferenceLine, mappingHeader } from './odv-header-lines.js';
import { missingValueFlag, odvFlagLabel, odvMetadataLabels, odvWriterDateLabel } from './odv-layout.js';
import { formatOdvNumber } from './odv-number.js';
import { toOdvName, toOdvText } from './odv-text.js';

const eol = '\r\n';

/** Column layout of the time axis and depth: P01/P06 as in formats-seadatanet.md §2.4–2.6. */
const timeColumn = { name: 'time_ISO8601', unit: odvWriterDateLabel, p01: 'DTUT8601', p06: 'TISO' } as const;
const depthColumn = { name: 'Depth', unit: 'm', p01: 'ADEPZZ01', p06: 'ULAA' } as const;

/** Flag of a sampling depth that is known (from the sample, or the station's nominal sampling depth). */
const knownDepthFlag = '1';
/** Flag of a sample time (times come from the instrument clock and are never missing). */
const timeFlag = '1';

interface Cell {
  text: string;
  flag: string;
}

export function writeOdv(dataset: PublicationDataset, unit: CdiUnit): string {
  const meta = dataset.metadata;
  const groups = checkedGroups(dataset.groups);
  const profile = unit.featureType === 'profile';
  const edmo = toOdvText(meta.holdingCentreEdmo).trim();
  const localCdiId = toOdvText(unit.localCdiId).trim();
  const instrument = meta.instrument ? toOdvText(meta.instrument).trim() : null;

  const out: string[] = [];
  const line = (text: string): void => {
    out.push(text, eol);
  };

  // Free-text comments: never empty and never starting with '<', so they cannot be read as structured lines.
  line(`//SeaDataNet ODV spreadsheet (ODV import format 0.4) written by CytoCurator`);
  line(`//Dataset: ${toOdvText(meta.title)}`);
  if (meta.project) line(`//Project: ${toOdvText(meta.project)}`);
  line(`//Station: ${toOdvText(unit.station.name)}; ${profile ? 'vertical profile (Type B)' : 'fixed-point time series (Type *)'}`);
  if (instrument) line(`//Instrument: SDN:L22::${instrument}`);
  for (const note of meta.acquisitionNotes) {
    for (const part of note.split(/\r\n|\r|\n/)) {
      const text = toOdvText(part).trim();
      if (text !== '') line(`//Acquisition note: ${text}`);
    }
  }
  line(`//Quality flags: SeaDataNet L20 in the ${odvFlagLabel} column after each value; a missing value is empty with flag 9`);
  line(`//Last change of the dataset: ${lastChange(meta.lastChangeAt)}`);

  if (meta.platformCode) {
    line(formatReferenceLine({ href: c17Url(toOdvText(meta.platformCode).trim()), role: 'isObservedBy', type: 'SDN:L23::NVS2CON' }));
  }
  line(formatReferenceLine({ href: cdiReportUrl(edmo, localCdiId), role: 'isDescribedBy', type: 'SDN:L23::CDI', scope: `${edmo}:${localCdiId}` }));

  line(`//${mappingHeader}`);
  if (!profile) line(formatMappingLine({ subject: timeColumn.name, p01: timeColumn.p01, p06: timeColumn.p06 }));
  line(formatMappingLine({ subject: depthColumn.name, p01: depthColumn.p01, p06: depthColumn.p06 }));
  for (const g of groups) line(formatMappingLine({ subject: g.odvName, p01: toOdvText(g.group.p01).trim(), p06: toOdvText(g.group.p06).trim(), l22: instrument }));
  line('//');

  const labels = [
    odvMetadataLabels.cruise,
    odvMetadataLabels.station,
    odvMetadataLabels.type,
    odvWriterDateLabel,
    odvMetadataLabels.longitude,
    odvMetadataLabels.latitude,
    odvMetadataLabels.localCdiId,
    odvMetadataLabels.edmoCode,
    odvMetadataLabels.bottomDepth,
  ];
  if (!profile) labels.push(`${timeColumn.name} [${timeColumn.unit}]`, odvFlagLabel);
  labels.push(`${depthColumn.name} [${depthColumn.unit}]`, odvFlagLabel);
  for (const g of groups) labels.push(`${g.odvName} [${toOdvName(g.group.unitLabel)}]`, odvFlagLabel);
  line(labels.join('\t'));

  const times = unit.samples.map((s) => sampleTime(s));
  const stationTime = times.reduce<number | null>((min, t) => (min === null || t < min ? t : min), null);
  const metadataCells = [
    toOdvText(meta.cruise).trim(),
    toOdvText(unit.station.name).trim(),
    profile ? 'B' : '*',
    stationTime === null ? '' : formatOdvDateTime(stationTime),
    numberText(unit.station.longitude),
    numberText(unit.station.latitude),
    localCdiId,
    edmo,
    numberText(unit.station.bottomDepth_m),
  ];
  const emptyMetadata = metadataCells.map(() => '');

  unit.samples.forEach((sample, i) => {
    const cells: Cell[] = [];
    if (!profile) cells.push({ text: formatOdvDateTime(times[i] as number), flag: timeFlag });
    const depth = sample.depth_m ?? unit.station.samplingDepth_m;
    cells.push(valueCell(depth, knownDepthFlag));
    const bySample = valuesByGroup(sample, groups);
    for (const g of groups) {
      const v = bySample.get(g.group.name);
      cells.push(v === undefined ? valueCell(null, missingValueFlag) : valueCell(v.value, toOdvText(v.flag).trim()));
    }
    const fields = (i === 0 ? metadataCells : emptyMetadata).slice();
    for (const c of cells) fields.push(c.text, c.flag);
    line(fields.join('\t'));
  });

  return out.join('');
}

interface OdvGroup {
  group: PublishedGroup;
  /** Local name in the file (label without unit, mapping subject). */
  odvName: string;
}

function checkedGroups(groups: PublishedGroup[]): OdvGroup[] {
  const reserved = new Set<string>([timeColumn.name, depthColumn.name]);
  const seen = new Set<string>();
  return groups.map((group) => {
    const odvName = toOdvName(group.name);
    if (odvName === '' || reserved.has(odvName) || seen.has(odvName)) {
      throw new CurationError({
        code: 'invalid-input',
        field: group.name,
        message:
          odvName === ''
            ? 'a published group has no name to use as its ODV column'
            : `published group "${group.name}" would give the ODV column "${odvName}" twice (or clash with ${[...reserved].join('/')})`,
      });
    }
    seen.add(odvName);
    return { group, odvName };
  });
}

function valuesByGroup(sample: PublishedSample, groups: OdvGroup[]): Map<string, PublishedSample['values'][number]> {
  const known = new Set(groups.map((g) => g.group.name));
  const map = new Map<string, PublishedSample['values'][number]>();
  for (const v of sample.values) {
    if (!known.has(v.group)) {
      throw new CurationError({ code: 'invalid-input', field: v.group, message: `sample ${sample.sampleId} has a value for group "${v.group}", which is not a published group of the dataset` });
    }
    if (map.has(v.group)) {
      throw new CurationError({ code: 'invalid-input', field: v.group, message: `sample ${sample.sampleId} has two values for group "${v.group}"` });
    }
    map.set(v.group, v);
  }
  return map;
}

/** A missing (null or non-finite) value is an empty cell with flag 9, whatever flag it came with. */
function valueCell(value: number | null, flag: string): Cell {
  if (value === null || !Number.isFinite(value)) return { text: '', flag: missingValueFlag };
  return { text: formatOdvNumber(value), flag };
}

function numberText(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '' : formatOdvNumber(value);
}

function sampleTime(sample: PublishedSample): number {
  const ms = parseIsoUtc(sample.time);
  if (ms === null) {
    throw new CurationError({ code: 'invalid-input', field: 'time', message: `sample ${sample.sampleId} has time "${sample.time}", which is not an ISO 8601 date-time` });
  }
  return ms;
}

function lastChange(text: string): string {
  const ms = parseIsoUtc(text);
  return ms === null ? toOdvText(text).trim() : `${new Date(ms).toISOString()}`;
}
