/**
 * The dataset editor's form: every metadata field as the curator types it (numbers as text, so "43,24" and a
 * half-typed value survive until saved), its CDI units, and the dataset's samples. Converted to and from the
 * metadata the service stores (`DatasetMetadata`); a single unit is written in the top-level form
 * (`localCdiId` + `station`, holding every sample), several as `cdis` with the samples of each.
 */
import type { DatasetMetadata, DatasetMetadataInput } from '../../shared/publication/dataset-metadata.js';
import { datasetUnits } from '../../shared/publication/dataset-metadata.js';

export type FeatureType = 'time-series' | 'profile';

export interface UnitDraft {
  /** Stable key for the form (a LOCAL_CDI_ID changes while typed). */
  key: string;
  localCdiId: string;
  stationName: string;
  latitude: string;
  longitude: string;
  samplingDepth: string;
  bottomDepth: string;
  featureType: FeatureType;
  /** Samples of this unit; null: every sample of the dataset (only when it is the only unit). */
  samples: string[] | null;
}

export interface DatasetDraft {
  title: string;
  abstract: string;
  holdingCentreEdmo: string;
  originatorEdmo: string;
  piName: string;
  piEmail: string;
  piEdmo: string;
  project: string;
  cruise: string;
  /** NVS codes ('' = not chosen). */
  platformClass: string;
  platformCode: string;
  instrument: string;
  deviceCategory: string;
  /** P02 codes; empty: derived from the published groups. */
  discoveryParameters: string[];
  accessRestriction: string;
  units: UnitDraft[];
  /** The dataset's samples. */
  sampleIds: string[];
}

let unitCounter = 0;
export function newUnitKey(): string {
  unitCounter += 1;
  return `unit-${unitCounter}`;
}

export function emptyUnit(samples: string[] | null = null): UnitDraft {
  return { key: newUnitKey(), localCdiId: '', stationName: '', latitude: '', longitude: '', samplingDepth: '', bottomDepth: '', featureType: 'time-series', samples };
}

export function emptyDraft(sampleIds: string[] = []): DatasetDraft {
  return {
    title: '',
    abstract: '',
    holdingCentreEdmo: '',
    originatorEdmo: '',
    piName: '',
    piEmail: '',
    piEdmo: '',
    project: '',
    cruise: '',
    platformClass: '',
    platformCode: '',
    instrument: '',
    deviceCategory: '',
    discoveryParameters: [],
    accessRestriction: '',
    units: [emptyUnit()],
    sampleIds: [...sampleIds],
  };
}

const numberText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** The form of stored metadata; `sampleIds` are the dataset's samples. */
export function draftFromMetadata(m: DatasetMetadata, sampleIds: readonly string[]): DatasetDraft {
  const units = datasetUnits(m);
  return {
    title: m.title,
    abstract: m.abstract,
    holdingCentreEdmo: m.holdingCentreEdmo,
    originatorEdmo: m.originatorEdmo,
    piName: m.pi.name,
    piEmail: m.pi.email,
    piEdmo: m.pi.edmo ?? '',
    project: m.project ?? '',
    cruise: m.cruise ?? '',
    platformClass: m.platformClass,
    platformCode: m.platformCode ?? '',
    instrument: m.instrument,
    deviceCategory: m.deviceCategory,
    discoveryParameters: [...(m.discoveryParameters ?? [])],
    accessRestriction: m.accessRestriction,
    units: units.map((u) => ({
      key: newUnitKey(),
      localCdiId: u.localCdiId,
      stationName: u.station.name,
      latitude: numberText(u.station.latitude),
      longitude: numberText(u.station.longitude),
      samplingDepth: numberText(u.station.samplingDepth_m),
      bottomDepth: numberText(u.station.bottomDepth_m),
      featureType: u.featureType,
      samples: units.length === 1 ? null : [...(u.samples ?? [])],
    })),
    sampleIds: [...sampleIds],
  };
}

/**
 * A decimal number as typed: "." or "," as the decimal mark, spaces ignored. '' gives null (not given);
 * anything else that is not a finite number gives NaN (reported as "not a number" by checkDraft).
 */
export function parseDecimal(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (t === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

const trimmed = (s: string) => s.trim();

/** The metadata to send (the service validates it again). Empty optional fields are left out or null. */
export function draftToMetadataInput(d: DatasetDraft): DatasetMetadataInput {
  const station = (u: UnitDraft) => ({
    name: trimmed(u.stationName),
    latitude: parseDecimal(u.latitude) ?? Number.NaN,
    longitude: parseDecimal(u.longitude) ?? Number.NaN,
    samplingDepth_m: parseDecimal(u.samplingDepth),
    bottomDepth_m: parseDecimal(u.bottomDepth),
  });
  const base: DatasetMetadataInput = {
    title: trimmed(d.title),
    abstract: trimmed(d.abstract),
    holdingCentreEdmo: trimmed(d.holdingCentreEdmo),
    originatorEdmo: trimmed(d.originatorEdmo),
    pi: { name: trimmed(d.piName), email: trimmed(d.piEmail), ...(trimmed(d.piEdmo) ? { edmo: trimmed(d.piEdmo) } : {}) },
    project: trimmed(d.project) || null,
    ...(trimmed(d.cruise) ? { cruise: trimmed(d.cruise) } : {}),
    platformClass: d.platformClass,
    platformCode: d.platformCode || null,
    instrument: d.instrument,
    deviceCategory: d.deviceCategory,
    ...(d.discoveryParameters.length ? { discoveryParameters: [...d.discoveryParameters] } : {}),
    accessRestriction: d.accessRestriction,
  };
  const [only] = d.units;
  if (d.units.length === 1 && only) {
    return { ...base, localCdiId: trimmed(only.localCdiId), station: station(only), featureType: only.featureType };
  }
  return {
    ...base,
    cdis: d.units.map((u) => ({ localCdiId: trimmed(u.localCdiId), station: station(u), featureType: u.featureType, samples: [...(u.samples ?? [])] })),
  };
}

/** A second unit is added: the samples the first held implicitly (all) become its explicit list. */
export function addUnit(d: DatasetDraft): DatasetDraft {
  const units = d.units.map((u) => (u.samples === null ? { ...u, samples: [...d.sampleIds] } : u));
  const [first] = d.units;
  // The new unit starts at the same station (a second cast, another period): most fields are the same.
  const added: UnitDraft = first ? { ...first, key: newUnitKey(), localCdiId: '', samples: [] } : emptyUnit([]);
  return { ...d, units: [...units, added] };
}

/** A unit removed: its samples go to the first unit; a last unit left alone holds every sample again. */
export function removeUnit(d: DatasetDraft, key: string): DatasetDraft {
  if (d.units.length <= 1) return d;
  const gone = d.units.find((u) => u.key === key);
  let units = d.units.filter((u) => u.key !== key);
  if (units.length === 1) units = units.map((u) => ({ ...u, samples: null }));
  else if (gone?.samples?.length) units = units.map((u, i) => (i === 0 ? { ...u, samples: [...new Set([...(u.samples ?? []), ...(gone.samples ?? [])])] } : u));
  return { ...d, units };
}

/** Puts samples in one unit (taking them out of the others); `key` null leaves them in no unit. */
export function assignSamples(d: DatasetDraft, sampleIds: readonly string[], key: string | null): DatasetDraft {
  if (d.units.length <= 1) return d;
  const moving = new Set(sampleIds);
  return {
    ...d,
    units: d.units.map((u) => {
      const kept = (u.samples ?? []).filter((id) => !moving.has(id));
      return { ...u, samples: u.key === key ? [...kept, ...sampleIds.filter((id) => !kept.includes(id))] : kept };
    }),
  };
}

/** The unit each sample is in (several units only). */
export function unitOfSample(d: DatasetDraft): Map<string, string> {
  const out = new Map<string, string>();
  if (d.units.length <= 1) return out;
  for (const u of d.units) for (const id of u.samples ?? []) if (!out.has(id)) out.set(id, u.key);
  return out;
}

/** Samples added to the dataset (kept once); samples removed from it leave their units too. */
export function setDatasetSamples(d: DatasetDraft, sampleIds: readonly string[]): DatasetDraft {
  const ids = [...new Set(sampleIds)];
  const keep = new Set(ids);
  const units = d.units.map((u) => (u.samples === null ? u : { ...u, samples: u.samples.filter((id) => keep.has(id)) }));
  return { ...d, sampleIds: ids, units };
}

/** Same samples, order aside. */
export function sameSamples(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
