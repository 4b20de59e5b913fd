/**
 * SeaDataNet NetCDF (CFPOINT) for one CDI unit, laid out like the OCTOPUS/NEMO file `octopus/cfpoint/profile/diap.nc`
 * (formats-seadatanet.md §5): NetCDF-3 classic, one `INSTANCE` record (the unit's station), the samples along
 * `MAXZ` (profile) or `MAXT` (time series), the SDN metadata variables, TIME as Chronological Julian Date, DEPTH as
 * the vertical coordinate, and one double variable per published group with its `<var>_SEADATANET_QC` byte
 * companion holding the ASCII code of the L20 flag.
 *
 * Choices where the fixture (a bottle profile with pressure as Z) does not say: the time series puts TIME and DEPTH
 * along MAXT with the station's position per instance (CF H.2 timeSeries); a profile's TIME is its earliest sample's
 * time (the ODV station time); the variable of a group is named after the group (it is the ODV column's local name
 * too, and two groups may share an unverified P01 code); coordinates carry flag `0` (no quality control) as in the
 * fixture; every published group gets a variable, all fill/9 where the unit has no value, as in the ODV file.
 * Every date comes from the data or `metadata.lastChangeAt`.
 */
import { CurationError } from '../../api/errors';
import type { CdiUnit, PublicationDataset, PublishedGroup } from '../publication-dataset';
import {
  BOTTOM_DEPTH_FILL,
  CJD_UNITS,
  DATA_FILL,
  INSTANCE,
  MAXT,
  MAXZ,
  MISSING_FLAG,
  POSITION_QC,
  QC_SUFFIX,
  SDN_CONVENTIONS,
  cfRoleOfFeatureType,
  isL20Code,
  l20FlagMeanings,
  l20FlagValues,
  msToChronologicalJulianDay,
} from './sdn-netcdf-conventions';
import type { NetcdfAttribute, NetcdfDimension, NetcdfVariable } from './write-netcdf-classic';
import { writeNetcdfClassic } from './write-netcdf-classic';

const NO_QC = '0';
const RESERVED = new Set(['INSTANCE', 'TIME', 'DEPTH', 'LATITUDE', 'LONGITUDE', 'crs', POSITION_QC]);

export function writeSdnNetcdf(dataset: PublicationDataset, unit: CdiUnit): Uint8Array {
  const { metadata } = dataset;
  const where = `unit ${unit.localCdiId}`;
  if (unit.samples.length === 0) throw invalid(`${where} has no samples: a NetCDF dimension cannot be empty`);
  const lastChange = parseTime(metadata.lastChangeAt, 'metadata.lastChangeAt');
  if (!/^\d+$/.test(metadata.holdingCentreEdmo)) throw invalid(`holding centre EDMO code "${metadata.holdingCentreEdmo}" is not a number`, 'holdingCentreEdmo');
  const profile = unit.featureType === 'profile';
  const featureType = profile ? 'profile' : 'timeSeries';
  const obs = profile ? MAXZ : MAXT;
  const n = unit.samples.length;

  const groupsByName = new Map(dataset.groups.map((g) => [g.name, g]));
  for (const s of unit.samples) {
    const seen = new Set<string>();
    for (const v of s.values) {
      if (!groupsByName.has(v.group)) throw invalid(`${where}, sample ${s.sampleId}: group ${v.group} is not among the dataset's groups`, v.group);
      if (seen.has(v.group)) throw invalid(`${where}, sample ${s.sampleId}: two values for group ${v.group}`, v.group);
      if (!isL20Code(v.flag)) throw invalid(`${where}, sample ${s.sampleId}: flag "${v.flag}" of ${v.group} is not an L20 code`, v.group);
      seen.add(v.group);
    }
  }
  // Every published group, as the ODV writer does, so both files of a unit hold the same parameters.
  const groups = dataset.groups;
  const names = variableNames(groups);

  const times = unit.samples.map((s) => parseTime(s.time, `sample ${s.sampleId} time`));
  // A cast's time is its earliest sample's, as the ODV writer's station time.
  const castTime = times.reduce((a, b) => Math.min(a, b));
  const depths = unit.samples.map((s) => finiteOrNull(s.depth_m ?? unit.station.samplingDepth_m));
  const edmo = Number(metadata.holdingCentreEdmo);
  const references = xlinks(metadata.platformCode, edmo, unit.localCdiId);

  const encoder = new TextEncoder();
  const strings = [metadata.cruise, unit.station.name, unit.localCdiId];
  const textLength = Math.max(1, ...strings.map((s) => encoder.encode(s).length));
  const refLength = Math.max(1, ...references.map((s) => encoder.encode(s).length));
  const textDim = `STRING${textLength}`;
  const refDim = `STRING${refLength}`;
  const dimensions: NetcdfDimension[] = [
    { name: INSTANCE, size: 1, unlimited: true },
    { name: obs, size: n },
    { name: 'REFMAX', size: references.length },
    ...[...new Set([refLength, textLength])].sort((a, b) => b - a).map((size) => ({ name: `STRING${size}`, size })),
  ];

  const perObs = [INSTANCE, obs];
  const timeDims = profile ? [INSTANCE] : perObs;
  const variables: NetcdfVariable[] = [
    {
      name: 'SDN_EDMO_CODE',
      type: 'int',
      dimensions: [INSTANCE],
      attributes: [text('long_name', 'European Directory of Marine Organisations code for the CDI partner')],
      data: [edmo],
    },
    {
      name: 'SDN_CRUISE',
      type: 'char',
      dimensions: [INSTANCE, textDim],
      attributes: [
        text('long_name', 'List of cruise names'),
        ...optionalText('shipCode', metadata.platformCode),
        ...optionalText('projectName', metadata.project),
        ...optionalText('chiefScientist', metadata.pi.name),
        ...optionalText('comment', metadata.acquisitionNotes.join('\n')),
      ],
      data: [metadata.cruise],
    },
    { name: 'SDN_STATION', type: 'char', dimensions: [INSTANCE, textDim], attributes: [text('long_name', 'List of station numbers')], data: [unit.station.name] },
    {
      name: 'SDN_LOCAL_CDI_ID',
      type: 'char',
      dimensions: [INSTANCE, textDim],
      attributes: [text('long_name', 'SeaDataNet CDI identifier'), text('cf_role', cfRoleOfFeatureType[featureType] ?? 'profile_id')],
      data: [unit.localCdiId],
    },
    { name: 'SDN_XLINK', type: 'char', dimensions: [INSTANCE, 'REFMAX', refDim], attributes: [text('long_name', 'External resource linkages')], data: references },
    {
      name: 'SDN_BOT_DEPTH',
      type: 'float',
      dimensions: [INSTANCE],
      attributes: [
        text('long_name', 'Bathymetric depth at measurement site'),
        ...sdnCodes('MBANZZZZ', 'Sea-floor depth (below instantaneous sea level) {bathymetric depth} in the water body', 'ULAA', 'Metres'),
        text('units', 'meters'),
        text('standard_name', 'sea_floor_depth_below_sea_surface'),
        { name: '_FillValue', type: 'float', value: BOTTOM_DEPTH_FILL },
      ],
      data: [finiteOrNull(unit.station.bottomDepth_m) ?? BOTTOM_DEPTH_FILL],
    },
    positionVariable('LONGITUDE', 'Longitude', 'ALONZZ01', 'Longitude east', 'DEGE', 'Degrees east', 'degrees_east', 'longitude', 'X', unit.station.longitude),
    positionVariable('LATITUDE', 'Latitude', 'ALATZZ01', 'Latitude north', 'DEGN', 'Degrees north', 'degrees_north', 'latitude', 'Y', unit.station.latitude),
    qcVariable(POSITION_QC, [INSTANCE], [Number.isFinite(unit.station.latitude) && Number.isFinite(unit.station.longitude) ? NO_QC : MISSING_FLAG]),
    {
      name: 'crs',
      type: 'int',
      dimensions: [],
      attributes: [
        text('grid_mapping_name', 'latitude_longitude'),
        text('epsg_code', 'EPSG:4326'),
        { name: 'semi_major_axis', type: 'double', value: 6378137 },
        { name: 'inverse_flattening', type: 'double', value: 298.257223563 },
      ],
      data: [0],
    },
    {
      name: 'TIME',
      type: 'double',
      dimensions: timeDims,
      attributes: [
        text('long_name', 'Chronological Julian Date'),
        ...sdnCodes('CJDY1101', 'Julian Date (chronological)', 'UTAA', 'Days'),
        text('units', CJD_UNITS),
        text('standard_name', 'time'),
        text('axis', 'T'),
        text('ancillary_variables', `TIME${QC_SUFFIX}`),
        text('calendar', 'julian'),
        { name: '_FillValue', type: 'double', value: DATA_FILL },
      ],
      data: (profile ? [castTime] : times).map(msToChronologicalJulianDay),
    },
    qcVariable(`TIME${QC_SUFFIX}`, timeDims, (profile ? [castTime] : times).map(() => NO_QC)),
    {
      name: 'DEPTH',
      type: 'double',
      dimensions: perObs,
      attributes: [
        text('long_name', 'Depth'),
        ...sdnCodes('ADEPZZ01', 'Depth below surface of the water body', 'ULAA', 'Metres'),
        text('units', 'm'),
        text('standard_name', 'depth'),
        text('axis', 'Z'),
        text('positive', 'down'),
        text('ancillary_variables', `DEPTH${QC_SUFFIX}`),
        { name: '_FillValue', type: 'double', value: DATA_FILL },
      ],
      data: depths.map((d) => d ?? DATA_FILL),
    },
    qcVariable(`DEPTH${QC_SUFFIX}`, perObs, depths.map((d) => (d === null ? MISSING_FLAG : NO_QC))),
  ];

  groups.forEach((group, i) => {
    const name = names[i] ?? group.name;
    const values: number[] = [];
    const flags: string[] = [];
    for (const s of unit.samples) {
      const v = s.values.find((x) => x.group === group.name);
      const value = v === undefined ? null : finiteOrNull(v.value);
      // A missing value is the fill value with flag 9 whatever flag it came with; a bad value keeps its number.
      values.push(value ?? DATA_FILL);
      flags.push(value === null ? MISSING_FLAG : (v?.flag ?? MISSING_FLAG));
    }
    variables.push(dataVariable(name, group, perObs, values), qcVariable(`${name}${QC_SUFFIX}`, perObs, flags));
  });

  const globals: NetcdfAttribute[] = [
    text('title', metadata.title),
    ...optionalText('summary', metadata.abstract),
    text('Conventions', SDN_CONVENTIONS),
    text('featureType', featureType),
    text('date_update', new Date(lastChange).toISOString().replace(/\.\d{3}Z$/, 'Z')),
  ];
  return writeNetcdfClassic({ version: 1, dimensions, attributes: globals, variables });
}

function dataVariable(name: string, group: PublishedGroup, dims: string[], values: number[]): NetcdfVariable {
  return {
    name,
    type: 'double',
    dimensions: dims,
    attributes: [
      text('long_name', group.label),
      text('sdn_parameter_urn', `SDN:P01::${group.p01}`),
      text('sdn_uom_urn', `SDN:P06::${group.p06}`),
      text('units', group.unitLabel),
      text('coordinates', 'TIME DEPTH LATITUDE LONGITUDE'),
      text('ancillary_variables', `${name}${QC_SUFFIX}`),
      { name: '_FillValue', type: 'double', value: DATA_FILL },
      ...(group.unverified ? [text('comment', `P01 ${group.p01} / P06 ${group.p06} not confirmed against the NERC Vocabulary Server`)] : []),
    ],
    data: values,
  };
}

function positionVariable(
  name: string,
  longName: string,
  p01: string,
  p01Name: string,
  p06: string,
  p06Name: string,
  units: string,
  standardName: string,
  axis: string,
  value: number,
): NetcdfVariable {
  return {
    name,
    type: 'double',
    dimensions: [INSTANCE],
    attributes: [
      text('long_name', longName),
      ...sdnCodes(p01, p01Name, p06, p06Name),
      text('units', units),
      text('standard_name', standardName),
      text('axis', axis),
      text('ancillary_variables', POSITION_QC),
      text('grid_mapping', 'crs'),
      { name: '_FillValue', type: 'double', value: DATA_FILL },
    ],
    data: [finiteOrNull(value) ?? DATA_FILL],
  };
}

/** A flag variable: bytes holding the ASCII code of the L20 character, attributes as in the fixture. */
function qcVariable(name: string, dims: string[], flags: string[]): NetcdfVariable {
  return {
    name,
    type: 'byte',
    dimensions: dims,
    attributes: [
      text('long_name', 'SeaDataNet quality flag'),
      text('Conventions', 'SeaDataNet measurand qualifier flags'),
      { name: '_FillValue', type: 'byte', value: MISSING_FLAG.charCodeAt(0) },
      text('sdn_conventions_urn', 'SDN:L20::'),
      { name: 'flag_values', type: 'byte', value: l20FlagValues },
      text('flag_meanings', l20FlagMeanings.join(' ')),
    ],
    data: flags.map((f) => f.charCodeAt(0)),
  };
}

function sdnCodes(p01: string, p01Name: string, p06: string, p06Name: string): NetcdfAttribute[] {
  return [
    text('sdn_parameter_urn', `SDN:P01::${p01}`),
    text('sdn_parameter_name', p01Name),
    text('sdn_uom_urn', `SDN:P06::${p06}`),
    text('sdn_uom_name', p06Name),
  ];
}

/** `<sdn_reference …/>` strings as in the fixture's SDN_XLINK (OCTOPUS's configured URL patterns, no sdn:scope). */
function xlinks(platformCode: string | null, edmo: number, localCdiId: string): string[] {
  const refs: string[] = [];
  if (platformCode !== null && platformCode !== '') {
    refs.push(
      `<sdn_reference xlink:href="https://www.seadatanet.org/urnurl/SDN:C17::${xmlAttr(platformCode)}" xlink:role="isObservedBy" xlink:type="SDN:L23::NVS2CON"/>`,
    );
  }
  refs.push(
    `<sdn_reference xlink:href="https://cdi.seadatanet.org/report/edmo/${edmo}/${xmlAttr(encodeURIComponent(localCdiId))}/xml" xlink:role="isDescribedBy" xlink:type="SDN:L23::CDI"/>`,
  );
  return refs;
}

/** One NetCDF-safe, unique variable name per group: the group name with other characters as `_`. */
function variableNames(groups: PublishedGroup[]): string[] {
  const taken = new Set(RESERVED);
  return groups.map((g) => {
    let base = g.name.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(base)) base = `G_${base}`;
    let name = base;
    for (let k = 2; taken.has(name) || taken.has(`${name}${QC_SUFFIX}`) || name.startsWith('SDN_') || name.endsWith(QC_SUFFIX); k++) name = `${base}_${k}`;
    taken.add(name);
    taken.add(`${name}${QC_SUFFIX}`);
    return name;
  });
}

function parseTime(iso: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) throw invalid(`${field}: "${iso}" is not an ISO 8601 date-time`, field);
  return ms;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

function text(name: string, value: string): NetcdfAttribute {
  return { name, type: 'char', value };
}

function optionalText(name: string, value: string | null | undefined): NetcdfAttribute[] {
  return value === null || value === undefined || value === '' ? [] : [text(name, value)];
}

function xmlAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function invalid(message: string, field?: string): CurationError {
  return new CurationError({ code: 'invalid-input', message: `SeaDataNet NetCDF: ${message}`, ...(field !== undefined ? { field } : {}) });
}
