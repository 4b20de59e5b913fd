/**
 * Offline checks of a SeaDataNet NetCDF (CFPOINT) file, after the OCTOPUS/NEMO file `octopus/cfpoint/profile/diap.nc`
 * (formats-seadatanet.md §5) and CF 1.6 discrete sampling geometries. Each rule has a stable id (`netcdf.*`) and
 * each error a `path` in CDL notation: `:title` (global attribute), `TIME:units` (variable attribute), `TIME`
 * (variable), `RedPico_SEADATANET_QC[0,2]` (one element). Checks that need remote vocabularies (NVS P01/P06,
 * EDMO, CF standard names) are listed as skipped.
 */
import { l20Flags } from '../../model/flag-schemes';
import type { ValidationError, ValidationReport } from '../publication-dataset';
import type { NetcdfClassic, NetcdfVariableRead } from './read-netcdf-classic';
import { NetcdfReadError, netcdfClassicVersion, readNetcdfClassic } from './read-netcdf-classic';
import { fillTest, qcVariableOf } from './read-sdn-netcdf';
import { INSTANCE, MISSING_FLAG, QC_SUFFIX, cfCalendars, cfRoleOfFeatureType, timeConverter } from './sdn-netcdf-conventions';

/** At most this many errors per rule and variable; the rest are counted in one more error. */
const MAX_PER_VARIABLE = 20;

const REQUIRED_GLOBALS = ['title', 'Conventions', 'featureType', 'date_update'];
const FEATURE_TYPES = Object.keys(cfRoleOfFeatureType);
const P01_URN = /^SDN:P01::[A-Za-z0-9]{8}$/;
const P06_URN = /^SDN:P06::[A-Za-z0-9]{4}$/;
const LATITUDE_UNITS = ['degrees_north', 'degree_north', 'degree_N', 'degrees_N', 'degreeN', 'degreesN'];
const LONGITUDE_UNITS = ['degrees_east', 'degree_east', 'degree_E', 'degrees_E', 'degreeE', 'degreesE'];

const SKIPPED: ValidationReport['skipped'] = [
  { rule: 'netcdf.p01-in-nvs', reason: 'P01 codes are not looked up on the NERC Vocabulary Server (remote; the P01 collection is not bundled)' },
  { rule: 'netcdf.p06-in-nvs', reason: 'P06 codes are not looked up on the NERC Vocabulary Server (remote)' },
  { rule: 'netcdf.p01-p06-pairing', reason: "whether each unit suits its parameter needs NVS's P01→P06 mapping (remote)" },
  { rule: 'netcdf.edmo-registered', reason: 'EDMO codes are not looked up in the EDMO directory (remote)' },
  { rule: 'netcdf.c17-platform', reason: 'ship codes are not looked up in NVS C17 (remote)' },
  { rule: 'netcdf.standard-names', reason: 'standard_name values are not checked against the CF standard name table (not bundled)' },
  { rule: 'netcdf.cdi-record', reason: 'each SDN_LOCAL_CDI_ID needs its CDI record, which is validated with the CDI XML, not here' },
];

export function validateSdnNetcdf(bytes: Uint8Array): ValidationReport {
  const errors: ValidationError[] = [];
  const report = (): ValidationReport => ({ valid: errors.length === 0, format: 'sdn-netcdf', errors, skipped: SKIPPED });
  // File-level problems (magic, unreadable header) have no path.
  const add = (rule: string, path: string | null, message: string): void => {
    errors.push(path === null ? { rule, message } : { rule, path, message });
  };

  if (netcdfClassicVersion(bytes) === null) {
    add('netcdf.magic', null, magicProblem(bytes));
    return report();
  }
  let nc: NetcdfClassic;
  try {
    nc = readNetcdfClassic(bytes);
  } catch (err) {
    if (err instanceof NetcdfReadError) add(err.reason === 'truncated' ? 'netcdf.truncated' : 'netcdf.header', null, err.message);
    else throw err;
    return report();
  }
  const truncated = new Set<string>();
  for (const issue of nc.issues) {
    add('netcdf.truncated', issue.field ?? null, issue.message);
    if (issue.field !== undefined) truncated.add(issue.field);
  }
  const readable = (v: NetcdfVariableRead): boolean => !truncated.has(v.name);

  const featureType = checkGlobals(nc, add);
  if (nc.dimensions.find((d) => d.name === INSTANCE) === undefined) {
    add('netcdf.instance-dimension', INSTANCE, 'no INSTANCE dimension (one entry per station or cast)');
  }
  checkSdnVariables(nc, featureType, readable, add);
  checkCoordinates(nc, featureType, readable, add);

  const isFill = fillTest(nc);
  const qcVariables = nc.variables.filter((v) => v.name.endsWith(QC_SUFFIX));
  const measured = nc.variables.filter(
    (v) => v.type !== 'char' && !v.name.endsWith(QC_SUFFIX) && v.dimensions.length > 0 && v.name !== 'SDN_EDMO_CODE' && nc.text('grid_mapping_name', v.name) === undefined,
  );
  for (const v of measured) checkMeasured(nc, v, readable, isFill, add);
  for (const qc of qcVariables) checkQc(nc, qc, readable, add);
  return report();
}

type Add = (rule: string, path: string | null, message: string) => void;

function magicProblem(bytes: Uint8Array): string {
  if (bytes.length < 4) return `${bytes.length} bytes: too short for a NetCDF file`;
  const head = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0);
  if (head === 'CDF') return `NetCDF format version ${bytes[3] ?? '?'}: SeaDataNet CFPOINT is NetCDF-3 classic (CDF\\x01) or 64-bit offset (CDF\\x02)`;
  if (bytes[0] === 0x89 && head.slice(1) === 'HD') return 'NetCDF-4/HDF5 file: SeaDataNet CFPOINT is NetCDF-3 classic';
  return 'not a NetCDF file: no CDF\\x01 magic';
}

function checkGlobals(nc: NetcdfClassic, add: Add): string | null {
  for (const name of REQUIRED_GLOBALS) {
    const value = nc.text(name);
    if (value === undefined || value.trim() === '') add('netcdf.global-attributes', `:${name}`, `global attribute ${name} is missing or empty`);
  }
  const conventions = nc.text('Conventions');
  if (conventions !== undefined && (!/SeaDataNet/i.test(conventions) || !/\bCF[- ]?\d/.test(conventions))) {
    add('netcdf.conventions', ':Conventions', `Conventions "${conventions}" must name SeaDataNet and CF (e.g. "SeaDataNet_1.0 CF-1.6")`);
  }
  const featureType = nc.text('featureType') ?? null;
  if (featureType !== null && !FEATURE_TYPES.includes(featureType)) {
    add('netcdf.feature-type', ':featureType', `featureType "${featureType}" is not one of ${FEATURE_TYPES.join(', ')}`);
    return null;
  }
  return featureType;
}

function checkSdnVariables(nc: NetcdfClassic, featureType: string | null, readable: (v: NetcdfVariableRead) => boolean, add: Add): void {
  for (const name of ['SDN_CRUISE', 'SDN_STATION', 'SDN_LOCAL_CDI_ID', 'SDN_EDMO_CODE']) {
    const v = nc.variable(name);
    const wantChar = name !== 'SDN_EDMO_CODE';
    if (v === undefined) add('netcdf.sdn-variables', name, `variable ${name} is missing`);
    else if (v.dimensions[0] !== INSTANCE) add('netcdf.sdn-variables', name, `${name} must vary along INSTANCE first`);
    else if (wantChar ? v.type !== 'char' : v.type !== 'int' && v.type !== 'short') {
      add('netcdf.sdn-variables', name, `${name} is ${v.type}, expected ${wantChar ? 'char' : 'int'}`);
    }
  }
  const ids = nc.variable('SDN_LOCAL_CDI_ID');
  if (ids !== undefined && featureType !== null) {
    const role = nc.text('cf_role', ids.name);
    const expected = cfRoleOfFeatureType[featureType];
    if (role !== expected) add('netcdf.cf-role', 'SDN_LOCAL_CDI_ID:cf_role', `cf_role is ${role === undefined ? 'missing' : `"${role}"`}, expected "${expected ?? ''}" for featureType ${featureType}`);
  }
  if (ids !== undefined && ids.type === 'char' && ids.dimensions[0] === INSTANCE && readable(ids)) {
    nc.strings(ids.name).forEach((id, i) => {
      if (id.trim() === '') add('netcdf.local-cdi-id', `SDN_LOCAL_CDI_ID[${i}]`, `instance ${i} has an empty LOCAL_CDI_ID`);
    });
  }
  const edmo = nc.variable('SDN_EDMO_CODE');
  if (edmo !== undefined && (edmo.type === 'int' || edmo.type === 'short') && edmo.dimensions[0] === INSTANCE && readable(edmo)) {
    const isFill = fillTest(nc);
    nc.numbers(edmo.name).forEach((code, i) => {
      if (isFill(edmo.name, code) || code <= 0) add('netcdf.edmo-code', `SDN_EDMO_CODE[${i}]`, `instance ${i} has no valid EDMO code (${code})`);
    });
  }
}

function checkCoordinates(nc: NetcdfClassic, featureType: string | null, readable: (v: NetcdfVariableRead) => boolean, add: Add): void {
  const isFill = fillTest(nc);
  const numeric = (v: NetcdfVariableRead): boolean => v.type === 'double' || v.type === 'float' || v.type === 'int';
  const coordinate = (name: string, units: readonly string[] | null, min: number, max: number): void => {
    const v = nc.variable(name);
    if (v === undefined) return add('netcdf.coordinates', name, `coordinate variable ${name} is missing`);
    if (!numeric(v) || v.dimensions[0] !== INSTANCE) return add('netcdf.coordinates', name, `${name} must be a number varying along INSTANCE (is ${v.type}(${v.dimensions.join(', ')}))`);
    const u = nc.text('units', name);
    if (units !== null && (u === undefined || !units.includes(u))) add('netcdf.coordinate-units', `${name}:units`, `${name} units "${u ?? ''}" must be ${units[0] ?? ''}`);
    if (!readable(v)) return;
    let reported = 0;
    nc.numbers(name).forEach((x, k) => {
      if (isFill(name, x) || (x >= min && x <= max) || reported++ >= MAX_PER_VARIABLE) return;
      add('netcdf.coordinate-range', elementPath(v, k), `${name} ${x} is outside [${min}, ${max}]`);
    });
  };
  coordinate('LATITUDE', LATITUDE_UNITS, -90, 90);
  coordinate('LONGITUDE', LONGITUDE_UNITS, -180, 360);
  coordinate('TIME', null, -Infinity, Infinity);

  const time = nc.variable('TIME');
  if (time !== undefined) {
    const units = nc.text('units', 'TIME');
    if (units === undefined || timeConverter(units) === null) add('netcdf.time-units', 'TIME:units', `TIME units "${units ?? ''}" are not CF "<unit> since <date>"`);
    const calendar = nc.text('calendar', 'TIME');
    if (calendar !== undefined && !cfCalendars.includes(calendar.toLowerCase())) add('netcdf.time-units', 'TIME:calendar', `calendar "${calendar}" is not a CF calendar`);
  }

  const z = nc.variables.find((v) => nc.text('axis', v.name) === 'Z') ?? nc.variables.find((v) => v.name === 'DEPTH' || v.name === 'PRES');
  if (z === undefined) {
    if (featureType === 'profile') add('netcdf.z-coordinate', 'DEPTH', 'a profile needs a vertical coordinate (DEPTH or PRES, axis Z)');
    return;
  }
  const positive = nc.text('positive', z.name);
  if (positive !== undefined && positive !== 'up' && positive !== 'down') add('netcdf.z-coordinate', `${z.name}:positive`, `positive "${positive}" must be up or down`);
  if (featureType === 'profile' && z.dimensions.length < 2) add('netcdf.z-coordinate', z.name, `${z.name} must vary along the profile's levels`);
}

function checkMeasured(nc: NetcdfClassic, v: NetcdfVariableRead, readable: (v: NetcdfVariableRead) => boolean, isFill: (name: string, x: number) => boolean, add: Add): void {
  const urn = nc.text('sdn_parameter_urn', v.name);
  if (urn === undefined || !P01_URN.test(urn)) add('netcdf.parameter-urn', `${v.name}:sdn_parameter_urn`, `${v.name}: sdn_parameter_urn ${urn === undefined ? 'is missing' : `"${urn}" is not SDN:P01::<8-character code>`}`);
  const uom = nc.text('sdn_uom_urn', v.name);
  if (uom === undefined || !P06_URN.test(uom)) add('netcdf.uom-urn', `${v.name}:sdn_uom_urn`, `${v.name}: sdn_uom_urn ${uom === undefined ? 'is missing' : `"${uom}" is not SDN:P06::<4-character code>`}`);
  if ((nc.text('units', v.name) ?? '').trim() === '') add('netcdf.units', `${v.name}:units`, `${v.name} has no units`);
  if ((nc.text('long_name', v.name) ?? '').trim() === '') add('netcdf.long-name', `${v.name}:long_name`, `${v.name} has no long_name`);
  const fill = nc.attribute('_FillValue', v.name);
  if (fill !== undefined && fill.type !== v.type) add('netcdf.fill-value', `${v.name}:_FillValue`, `_FillValue is ${fill.type}, the variable ${v.type}`);

  for (const listed of (nc.text('ancillary_variables', v.name) ?? '').split(/\s+/).filter((s) => s !== '')) {
    if (nc.variable(listed) === undefined) add('netcdf.ancillary-variables', `${v.name}:ancillary_variables`, `${v.name} names ${listed}, which does not exist`);
  }
  const perObservation = v.dimensions.length === 2 && v.dimensions[0] === INSTANCE;
  const qcName = qcVariableOf(nc, v.name);
  if (qcName === null) {
    if (perObservation) add('netcdf.qc-variable', v.name, `${v.name} has no ${v.name}${QC_SUFFIX} flag variable`);
    return;
  }
  const qc = nc.variable(qcName);
  if (qc === undefined) return;
  if (qc.dimensions.join(',') !== v.dimensions.join(',')) {
    add('netcdf.qc-variable', qcName, `${qcName}(${qc.dimensions.join(', ')}) does not match ${v.name}(${v.dimensions.join(', ')})`);
    return;
  }
  if (perObservation && !(nc.text('ancillary_variables', v.name) ?? '').split(/\s+/).includes(qcName)) {
    add('netcdf.ancillary-variables', `${v.name}:ancillary_variables`, `${v.name} must name ${qcName} in ancillary_variables`);
  }
  if (!readable(v) || !readable(qc)) return;
  // L20 9 is "missing value": a fill value must carry it.
  const values = nc.numbers(v.name);
  const flags = nc.numbers(qcName);
  let reported = 0;
  values.forEach((x, k) => {
    const flag = String.fromCharCode((flags[k] ?? 0) & 0xff);
    if (!isFill(v.name, x) || flag === MISSING_FLAG) return;
    if (reported++ < MAX_PER_VARIABLE) add('netcdf.missing-flag', elementPath(qc, k), `${v.name} is the fill value at ${elementPath(v, k)} but its flag is "${flag}", not 9 (missing value)`);
  });
  if (reported > MAX_PER_VARIABLE) add('netcdf.missing-flag', qcName, `… and ${reported - MAX_PER_VARIABLE} more in ${qcName}`);
}

function checkQc(nc: NetcdfClassic, qc: NetcdfVariableRead, readable: (v: NetcdfVariableRead) => boolean, add: Add): void {
  const name = qc.name;
  if (qc.type !== 'byte' && qc.type !== 'char') {
    add('netcdf.qc-type', name, `${name} is ${qc.type}: a flag variable holds the L20 character (byte or char)`);
    return;
  }
  const urn = nc.text('sdn_conventions_urn', name);
  if (urn !== 'SDN:L20::') add('netcdf.qc-conventions', `${name}:sdn_conventions_urn`, `sdn_conventions_urn is ${urn === undefined ? 'missing' : `"${urn}"`}, expected "SDN:L20::"`);

  const flagValues = flagCodes(nc, name);
  if (flagValues === null) add('netcdf.qc-flag-values', `${name}:flag_values`, `${name} has no flag_values`);
  else {
    const unknown = flagValues.filter((c) => !l20Flags.some((f) => f.code === c));
    if (unknown.length > 0) add('netcdf.qc-flag-values', `${name}:flag_values`, `flag_values hold ${unknown.map(printable).join(', ')}, not L20 codes`);
    if (new Set(flagValues).size !== flagValues.length) add('netcdf.qc-flag-values', `${name}:flag_values`, 'flag_values repeat a code');
  }
  const meanings = nc.text('flag_meanings', name);
  if (meanings === undefined) add('netcdf.qc-flag-meanings', `${name}:flag_meanings`, `${name} has no flag_meanings`);
  else if (flagValues !== null) {
    const words = meanings.trim().split(/\s+/);
    if (words.length !== flagValues.length) add('netcdf.qc-flag-meanings', `${name}:flag_meanings`, `${words.length} flag_meanings for ${flagValues.length} flag_values`);
    else {
      flagValues.forEach((code, i) => {
        const expected = l20Flags.find((f) => f.code === code)?.label.replace(/ /g, '_');
        if (expected !== undefined && words[i]?.toLowerCase() !== expected.toLowerCase()) {
          add('netcdf.qc-flag-meanings', `${name}:flag_meanings`, `meaning of ${code} is "${words[i] ?? ''}", L20 says "${expected}"`);
        }
      });
    }
  }
  if (!readable(qc)) return;
  const allowed = new Set(flagValues ?? l20Flags.map((f) => f.code));
  let reported = 0;
  nc.numbers(name).forEach((code, k) => {
    const flag = String.fromCharCode(code & 0xff);
    if (allowed.has(flag) && l20Flags.some((f) => f.code === flag)) return;
    if (reported++ < MAX_PER_VARIABLE) {
      add('netcdf.qc-values', elementPath(qc, k), `flag ${code} (${printable(flag)}) is not ${flagValues === null ? 'an L20 code' : 'among flag_values'}`);
    }
  });
  if (reported > MAX_PER_VARIABLE) add('netcdf.qc-values', name, `… and ${reported - MAX_PER_VARIABLE} more in ${name}`);
}

/** flag_values as L20 characters: byte codes, or the characters of a char attribute (for char flag variables). */
function flagCodes(nc: NetcdfClassic, name: string): string[] | null {
  const a = nc.attribute('flag_values', name);
  if (a === undefined) return null;
  if (typeof a.value === 'string') return a.value.includes(',') || a.value.includes(' ') ? a.value.split(/[\s,]+/).filter((s) => s !== '') : [...a.value];
  return a.value.map((c) => String.fromCharCode(c & 0xff));
}

function printable(flag: string): string {
  return /^[\x20-\x7e]$/.test(flag) ? `"${flag}"` : `code ${flag.charCodeAt(0)}`;
}

/** `NAME[i,j]` for the k-th element in row-major order. */
function elementPath(v: NetcdfVariableRead, k: number): string {
  if (v.shape.length === 0) return v.name;
  const index: number[] = [];
  let rest = k;
  for (let d = v.shape.length - 1; d >= 0; d--) {
    const size = Math.max(1, v.shape[d] ?? 1);
    index.unshift(rest % size);
    rest = Math.floor(rest / size);
  }
  return `${v.name}[${index.join(',')}]`;
}
