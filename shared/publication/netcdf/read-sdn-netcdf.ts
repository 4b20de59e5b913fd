/**
 * Reads a SeaDataNet NetCDF (CFPOINT) file back into instances (stations or casts) and per-sample values with
 * their L20 flags: for round-trip tests of the writer and for `validate`. Works on OCTOPUS/NEMO files too (pressure
 * as the vertical axis, several instances padded to MAXZ): trailing levels where every per-observation variable is
 * fill are the padding of the incomplete multidimensional layout and are dropped.
 */
import type { FormatIssue } from '../../formats/format-issue';
import type { NetcdfClassic, NetcdfVariableRead } from './read-netcdf-classic';
import { readNetcdfClassic } from './read-netcdf-classic';
import { INSTANCE, QC_SUFFIX, timeConverter } from './sdn-netcdf-conventions';

export interface SdnNetcdfParameter {
  variable: string;
  /** P01 code from `sdn_parameter_urn` (`SDN:P01::P700A90Z` → `P700A90Z`), null when absent. */
  p01: string | null;
  p06: string | null;
  units: string | null;
  longName: string | null;
  /** Its `_SEADATANET_QC` variable, null when there is none. */
  qcVariable: string | null;
}

export interface SdnNetcdfValue {
  variable: string;
  /** Null when the file holds the fill value (or NaN). */
  value: number | null;
  /** The L20 character (ASCII code in the file); null without a flag variable. */
  flag: string | null;
}

export interface SdnNetcdfSample {
  /** ISO 8601 UTC with milliseconds; the instance's time for a profile; null when fill or not a CF time. */
  time: string | null;
  /** Vertical coordinate in its own units (see `zVariable`), null when fill or absent. */
  z: number | null;
  values: SdnNetcdfValue[];
}

export interface SdnNetcdfInstance {
  localCdiId: string;
  station: string;
  cruise: string;
  edmo: number | null;
  latitude: number | null;
  longitude: number | null;
  bottomDepth_m: number | null;
  samples: SdnNetcdfSample[];
}

export interface SdnNetcdfContents {
  featureType: string | null;
  conventions: string | null;
  title: string | null;
  dateUpdate: string | null;
  /** The observation dimension (MAXZ, MAXT…), null when no variable has one. */
  observationDimension: string | null;
  zVariable: { name: string; units: string | null } | null;
  parameters: SdnNetcdfParameter[];
  instances: SdnNetcdfInstance[];
  issues: FormatIssue[];
}

/** Throws CurationError (NetcdfReadError) when the bytes are not a readable NetCDF classic file. */
export function readSdnNetcdf(bytes: Uint8Array): SdnNetcdfContents {
  const nc = readNetcdfClassic(bytes);
  const issues: FormatIssue[] = [...nc.issues];
  const truncated = new Set(nc.issues.map((i) => i.field));
  const readable = (name: string): boolean => nc.variable(name) !== undefined && !truncated.has(name);

  const instanceDim = nc.dimensions.find((d) => d.name === INSTANCE);
  if (instanceDim === undefined) issues.push({ field: INSTANCE, message: 'no INSTANCE dimension: not a SeaDataNet CFPOINT layout' });
  const instanceCount = instanceDim?.size ?? 0;

  const twoDimensional = nc.variables.filter((v) => v.dimensions.length === 2 && v.dimensions[0] === INSTANCE && v.type !== 'char' && !v.name.endsWith(QC_SUFFIX));
  const observationDimension = twoDimensional[0]?.dimensions[1] ?? null;
  const perObservation = twoDimensional.filter((v) => v.dimensions[1] === observationDimension);
  let levels = observationDimension === null ? 0 : (nc.dimensions.find((d) => d.name === observationDimension)?.size ?? 0);
  const zVar = perObservation.find((v) => nc.text('axis', v.name) === 'Z') ?? perObservation.find((v) => v.name === 'DEPTH' || v.name === 'PRES');
  const timeVar = nc.variable('TIME') ?? nc.variables.find((v) => nc.text('axis', v.name) === 'T');
  const dataVars = perObservation.filter((v) => nc.text('axis', v.name) === undefined && v !== timeVar && v !== zVar);
  const parameters: SdnNetcdfParameter[] = dataVars.map((v) => ({
    variable: v.name,
    p01: codeOf(nc.text('sdn_parameter_urn', v.name), 'P01'),
    p06: codeOf(nc.text('sdn_uom_urn', v.name), 'P06'),
    units: nc.text('units', v.name) ?? null,
    longName: nc.text('long_name', v.name) ?? null,
    qcVariable: qcVariableOf(nc, v.name),
  }));

  const numbersOrNull = (v: NetcdfVariableRead | undefined): number[] | null => (v !== undefined && readable(v.name) ? nc.numbers(v.name) : null);
  const stringsOf = (name: string): string[] => (readable(name) && nc.variable(name)?.type === 'char' ? nc.strings(name) : []);
  const fillOf = fillTest(nc);

  const toMs = timeVar === undefined ? null : timeConverter(nc.text('units', timeVar.name) ?? '');
  if (timeVar !== undefined && toMs === null) issues.push({ field: `${timeVar.name}:units`, message: `TIME units "${nc.text('units', timeVar.name) ?? ''}" are not a CF time` });
  const timeValues = numbersOrNull(timeVar);
  const timePerObs = timeVar !== undefined && timeVar.dimensions.length === 2;
  const zValues = numbersOrNull(zVar);
  const columns = dataVars.map((v, k) => {
    const qc = parameters[k]?.qcVariable ?? null;
    const qcVar = qc === null ? undefined : nc.variable(qc);
    return { v, values: numbersOrNull(v), flags: qcVar !== undefined && qcVar.dimensions.length === 2 ? numbersOrNull(qcVar) : null };
  });

  const ids = stringsOf('SDN_LOCAL_CDI_ID');
  const stations = stringsOf('SDN_STATION');
  const cruises = stringsOf('SDN_CRUISE');
  const edmos = numbersOrNull(nc.variable('SDN_EDMO_CODE'));
  const lats = numbersOrNull(nc.variable('LATITUDE'));
  const lons = numbersOrNull(nc.variable('LONGITUDE'));
  const bottoms = numbersOrNull(nc.variable('SDN_BOT_DEPTH'));
  const valueAt = (name: string, values: number[] | null, i: number): number | null => {
    const x = values?.[i];
    return x === undefined || fillOf(name, x) ? null : x;
  };
  const timeAt = (i: number): string | null => {
    const x = timeVar === undefined ? null : valueAt(timeVar.name, timeValues, i);
    if (x === null || toMs === null) return null;
    const ms = toMs(x);
    return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : null;
  };

  // A damaged header can claim any number of instances or levels: iterate only over what could be read.
  const perInstanceLengths = [ids.length, stations.length, cruises.length, edmos?.length ?? 0, lats?.length ?? 0, lons?.length ?? 0, timeValues?.length ?? 0];
  const perObsArrays = [zValues, timePerObs ? timeValues : null, ...columns.map((c) => c.values)].filter((a): a is number[] => a !== null);
  const instancesRead = Math.min(instanceCount, Math.max(0, ...perInstanceLengths, ...perObsArrays.map((a) => (levels > 0 ? Math.floor(a.length / levels) : 0))));
  if (perObsArrays.length === 0) levels = 0;
  const instances: SdnNetcdfInstance[] = [];
  for (let i = 0; i < instancesRead; i++) {
    // Keep levels up to the last one holding anything; the rest is padding up to MAXZ.
    let used = 0;
    for (let j = 0; j < levels; j++) {
      const at = i * levels + j;
      const present =
        (zVar !== undefined && valueAt(zVar.name, zValues, at) !== null) ||
        (timePerObs && timeVar !== undefined && valueAt(timeVar.name, timeValues, at) !== null) ||
        columns.some((c) => valueAt(c.v.name, c.values, at) !== null);
      if (present) used = j + 1;
    }
    const samples: SdnNetcdfSample[] = [];
    for (let j = 0; j < used; j++) {
      const at = i * levels + j;
      samples.push({
        time: timeAt(timePerObs ? at : i),
        z: zVar === undefined ? null : valueAt(zVar.name, zValues, at),
        values: columns.map((c) => {
          const code = c.flags?.[at];
          return { variable: c.v.name, value: valueAt(c.v.name, c.values, at), flag: code === undefined ? null : String.fromCharCode(code & 0xff) };
        }),
      });
    }
    const edmo = valueAt('SDN_EDMO_CODE', edmos, i);
    instances.push({
      localCdiId: ids[i] ?? '',
      station: stations[i] ?? '',
      cruise: cruises[i] ?? '',
      edmo,
      latitude: valueAt('LATITUDE', lats, i),
      longitude: valueAt('LONGITUDE', lons, i),
      bottomDepth_m: valueAt('SDN_BOT_DEPTH', bottoms, i),
      samples,
    });
  }

  return {
    featureType: nc.text('featureType') ?? null,
    conventions: nc.text('Conventions') ?? null,
    title: nc.text('title') ?? null,
    dateUpdate: nc.text('date_update') ?? null,
    observationDimension,
    zVariable: zVar === undefined ? null : { name: zVar.name, units: nc.text('units', zVar.name) ?? null },
    parameters,
    instances,
    issues,
  };
}

/** The variable's flag variable: named in `ancillary_variables`, else `<name>_SEADATANET_QC` when it exists. */
export function qcVariableOf(nc: NetcdfClassic, name: string): string | null {
  const listed = (nc.text('ancillary_variables', name) ?? '').split(/\s+/).find((a) => a.endsWith(QC_SUFFIX));
  if (listed !== undefined && nc.variable(listed) !== undefined) return listed;
  return nc.variable(`${name}${QC_SUFFIX}`) !== undefined ? `${name}${QC_SUFFIX}` : null;
}

/** `(variable, value) → is it the fill?`: the variable's `_FillValue` / `missing_value`, or NaN. */
export function fillTest(nc: NetcdfClassic): (variable: string, value: number) => boolean {
  const cache = new Map<string, number[]>();
  return (variable, value) => {
    if (Number.isNaN(value)) return true;
    let fills = cache.get(variable);
    if (fills === undefined) {
      const v = nc.variable(variable);
      fills = [];
      for (const attr of ['_FillValue', 'missing_value']) {
        const a = nc.attribute(attr, variable);
        if (a !== undefined && Array.isArray(a.value)) fills.push(...a.value.map((x) => (v?.type === 'float' ? Math.fround(x) : x)));
      }
      cache.set(variable, fills);
    }
    return fills.includes(value);
  };
}

function codeOf(urn: string | undefined, collection: string): string | null {
  if (urn === undefined) return null;
  const m = new RegExp(`^SDN:${collection}::(.+)$`).exec(urn.trim());
  return m?.[1] ?? null;
}
