/**
 * Resolves a dataset from the library into what the SeaDataNet writers take: approved samples only (the others
 * listed), each published group's abundance with its final L20 flag, vocabulary codes looked up, and the date of
 * the last change that could alter the files — never the clock, so the same dataset exports identical bytes.
 *
 * A value's L20 flag: its own value flag when set (mapped through the library's SOMLIT/QARTOD → L20 tables);
 * otherwise its sample's flag, except that a default abundance flag (3 for a smart-triggered set not confirmed
 * inside the rule) wins over a better sample flag; otherwise 1 (the sample is approved and nothing says
 * otherwise). A value that is missing (the group is absent from the sample, or has no abundance) is written
 * empty with flag 9.
 */
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import type { DatasetView } from '../../shared/api/publication-contract.js';
import type { FlagValue } from '../../shared/model/change-event.js';
import type { DatasetValue } from '../../shared/model/dataset-actions.js';
import type { FlagMappingTables } from '../../shared/model/flag-schemes.js';
import { toL20 } from '../../shared/model/flag-schemes.js';
import { datasetUnits } from '../../shared/publication/dataset-metadata.js';
import type { CdiUnit, PublicationDataset, PublishedGroup, PublishedSample } from '../../shared/publication/publication-dataset.js';
import type { LoadedGroupVocabulary } from '../service/group-vocabulary-file.js';
import { smartTriggerRule } from '../service/gating.js';

export interface ResolvedDataset {
  dataset: PublicationDataset;
  view: DatasetView;
}

interface SampleRow {
  id: string;
  name: string;
  started_at: string | null;
  latitude: number | null;
  longitude: number | null;
  depth_m: number | null;
  review_state: string;
  flag_scheme: string | null;
  flag_code: string | null;
  source: string;
}

/** L20 codes from best to worst, for "a default flag wins over a better sample flag". */
const l20Severity: Record<string, number> = { '0': 0, '1': 1, '2': 2, '8': 2, '5': 2, '6': 2, '7': 3, '3': 3, A: 3, B: 2, Q: 3, '4': 4, '9': 5 };
const worse = (a: string, b: string) => ((l20Severity[a] ?? 0) >= (l20Severity[b] ?? 0) ? a : b);
/** P06 codes as written in an ODV/NetCDF unit label. */
const unitLabels: Record<string, string> = { UCML: '#/ml', NCM3: '#/cm^3', UCPL: '#/l', UPMM: '#/m^3', UUUU: 'dimensionless' };

export function datasetValue(db: Database, datasetId: string): { value: DatasetValue; version: number; updatedAt: string } {
  const row = db
    .prepare("SELECT t.value_json, t.revision, e.at FROM target_state t JOIN change_events e ON e.seq = t.last_seq WHERE t.target_kind = 'dataset' AND t.object_id = ?")
    .get(datasetId) as { value_json: string | null; revision: number; at: string } | undefined;
  if (!row?.value_json) throw new CurationError({ code: 'not-found', field: 'id', message: `no dataset ${datasetId}` });
  return { value: JSON.parse(row.value_json) as DatasetValue, version: row.revision, updatedAt: row.at };
}

export function listDatasetIds(db: Database): string[] {
  return db.prepare("SELECT object_id FROM target_state WHERE target_kind = 'dataset' AND value_json IS NOT NULL ORDER BY object_id").pluck().all() as string[];
}

/** An NVS term by collection and code, from the bundled (or updated) lists; null when the code is not there. */
export type NvsLookup = (collection: string, code: string) => { label: string; deprecated?: boolean } | null;

export function resolveDataset(db: Database, datasetId: string, vocabulary: LoadedGroupVocabulary, mappings: FlagMappingTables, nvs: NvsLookup): ResolvedDataset {
  const { value, version, updatedAt } = datasetValue(db, datasetId);
  const m = value.metadata;
  const missing: string[] = [];
  const warnings: string[] = [];

  // Every code must be in its NVS vocabulary (bundled lists: the check works aboard, offline).
  const codes: [string, string, string | null][] = [
    ['instrument', 'L22', m.instrument],
    ['deviceCategory', 'L05', m.deviceCategory],
    ['platformClass', 'L06', m.platformClass],
    ['platformCode', 'C17', m.platformCode],
    ['accessRestriction', 'L08', m.accessRestriction],
    ...(m.discoveryParameters ?? []).map((c): [string, string, string] => ['discoveryParameters', 'P02', c]),
  ];
  for (const [field, collection, code] of codes) {
    if (code === null) continue;
    const term = nvs(collection, code);
    if (!term) missing.push(`${field} ${JSON.stringify(code)} is not a term of NVS ${collection}`);
    else if (term.deprecated) warnings.push(`${field} ${code} (${term.label}) is deprecated in NVS ${collection}`);
  }

  const sampleStmt = db.prepare('SELECT id, name, started_at, latitude, longitude, depth_m, review_state, flag_scheme, flag_code, source FROM samples WHERE id = ?');
  const samples = new Map<string, SampleRow>();
  const gone: string[] = [];
  for (const id of value.sampleIds) {
    const row = sampleStmt.get(id) as SampleRow | undefined;
    if (row) samples.set(id, row);
    else gone.push(id);
  }
  if (gone.length) missing.push(`${gone.length} sample(s) of the dataset are no longer in the library: ${gone.slice(0, 5).join(', ')}${gone.length > 5 ? '…' : ''}`);
  if (value.sampleIds.length === 0) missing.push('the dataset holds no samples');
  const approved = [...samples.values()].filter((s) => s.review_state === 'approved');
  const unapproved = [...samples.values()].filter((s) => s.review_state !== 'approved');
  if (samples.size > 0 && approved.length === 0) missing.push('no sample of the dataset is approved yet');

  // Units and their samples.
  const units = datasetUnits(m);
  const unitOf = new Map<string, string>();
  for (const u of units) {
    const listed = u.samples ?? (units.length === 1 ? value.sampleIds : []);
    if (!u.samples && units.length > 1) missing.push(`unit ${u.localCdiId} lists no samples (a dataset with several units must say which samples each holds)`);
    for (const id of listed) {
      if (!samples.has(id) && !gone.includes(id)) missing.push(`unit ${u.localCdiId} lists sample ${id}, which is not in the dataset`);
      else if (unitOf.has(id)) missing.push(`sample ${id} is in two units (${unitOf.get(id)} and ${u.localCdiId})`);
      else unitOf.set(id, u.localCdiId);
    }
  }
  const unassigned = approved.filter((s) => !unitOf.has(s.id));
  if (unassigned.length) missing.push(`${unassigned.length} approved sample(s) belong to no unit: ${unassigned.slice(0, 5).map((s) => s.name).join(', ')}`);

  // Abundances of approved samples; the published groups are their standard names with a P01 code.
  const abundanceStmt = db.prepare('SELECT set_name, group_name, abundance_per_ml, flag, events FROM abundances WHERE sample_id = ? ORDER BY position');
  const bySample = new Map<string, { set_name: string; group_name: string | null; abundance_per_ml: number | null; flag: string | null; events: number | null }[]>();
  const groupOrder: string[] = [];
  const unnamed = new Map<string, number>();
  const noAbundance: string[] = [];
  for (const s of approved) {
    const rows = abundanceStmt.all(s.id) as { set_name: string; group_name: string | null; abundance_per_ml: number | null; flag: string | null; events: number | null }[];
    if (rows.length === 0) noAbundance.push(s.name);
    bySample.set(s.id, rows);
    for (const r of rows) {
      if (!r.group_name) unnamed.set(r.set_name, (unnamed.get(r.set_name) ?? 0) + 1);
      else if (!groupOrder.includes(r.group_name)) groupOrder.push(r.group_name);
    }
  }
  if (noAbundance.length) missing.push(`${noAbundance.length} approved sample(s) have no abundances (apply a gate template): ${noAbundance.slice(0, 5).join(', ')}${noAbundance.length > 5 ? '…' : ''}`);
  for (const [set, n] of unnamed) warnings.push(`set ${set} (${n} sample(s)) has no standard group name, so it is not published`);

  const groups: PublishedGroup[] = [];
  const groupViews: DatasetView['groups'] = [];
  for (const name of groupOrder) {
    const entry = vocabulary.entry(name);
    groupViews.push({ name, p01: entry?.p01 ?? null, p06: entry?.p06 ?? null, p02: entry?.p02 ?? null, unverified: !entry?.verified });
    if (!entry?.p01 || !entry.p06) {
      warnings.push(`group ${name} has no ${entry ? (entry.p01 ? 'P06' : 'P01') : 'vocabulary'} code, so it is not published`);
      continue;
    }
    if (!entry.verified) warnings.push(`group ${name}: P01 ${entry.p01} and its name are not confirmed against NVS (unverified vocabulary entry)`);
    if (!nvs('P06', entry.p06)) missing.push(`group ${name}: unit ${entry.p06} is not a term of NVS P06`);
    if (entry.p02 && !nvs('P02', entry.p02)) warnings.push(`group ${name}: discovery parameter ${entry.p02} is not a term of NVS P02`);
    groups.push({
      name: entry.name,
      label: `Abundance of ${entry.name} (${entry.label}) by flow cytometry`,
      p01: entry.p01,
      p06: entry.p06,
      unitLabel: unitLabels[entry.p06] ?? entry.p06,
      p02: entry.p02,
      unverified: !entry.verified,
    });
  }
  if (approved.length > 0 && groups.length === 0) missing.push('no group with a standard name and P01/P06 codes to publish');

  // Value flags by sample and group (value flags are set on a set or group name).
  const valueFlagStmt = db.prepare("SELECT target_group, value_json FROM target_state WHERE sample_id = ? AND target_kind = 'value-flag' AND value_json IS NOT NULL");
  const l20 = (scheme: string | null, code: string | null): string | null => (scheme && code ? toL20({ scheme: scheme as 'L20', code }, mappings) : null);

  const publishedSamples = new Map<string, PublishedSample[]>();
  const triggerRules = new Map<string, number>();
  const metaStmt = db.prepare('SELECT key, value FROM sample_metadata WHERE sample_id = ?');
  for (const s of approved) {
    const unitId = unitOf.get(s.id);
    if (!unitId) continue;
    const unit = units.find((u) => u.localCdiId === unitId)!;
    if (!s.started_at) {
      missing.push(`sample ${s.name} has no measurement time`);
      continue;
    }
    if (s.source === 'cytosense') {
      const meta = Object.fromEntries((metaStmt.all(s.id) as { key: string; value: string }[]).map((r) => [r.key, r.value]));
      const rule = smartTriggerRule(meta);
      if (rule !== null) triggerRules.set(rule, (triggerRules.get(rule) ?? 0) + 1);
    }
    const valueFlags = new Map<string, string>();
    for (const f of valueFlagStmt.all(s.id) as { target_group: string; value_json: string }[]) {
      const v = JSON.parse(f.value_json) as FlagValue;
      const code = l20(v.scheme, v.code);
      if (code) valueFlags.set(f.target_group.toLowerCase(), code);
    }
    const sampleFlag = l20(s.flag_scheme, s.flag_code);
    const rows = bySample.get(s.id) ?? [];
    const values = groups.map((g) => {
      const row = rows.find((r) => r.group_name === g.name);
      if (!row || row.abundance_per_ml === null || !Number.isFinite(row.abundance_per_ml)) return { group: g.name, value: null, flag: '9' };
      const own = valueFlags.get(row.set_name.toLowerCase()) ?? valueFlags.get(g.name.toLowerCase());
      let flag: string;
      if (own) flag = own;
      else if (row.flag) flag = sampleFlag ? worse(row.flag, sampleFlag) : row.flag;
      else flag = sampleFlag ?? '1';
      return { group: g.name, value: row.abundance_per_ml, flag };
    });
    const latitude = s.latitude ?? unit.station.latitude;
    const longitude = s.longitude ?? unit.station.longitude;
    const list = publishedSamples.get(unitId) ?? [];
    list.push({ sampleId: s.id, time: new Date(s.started_at).toISOString(), latitude, longitude, depth_m: s.depth_m, values });
    publishedSamples.set(unitId, list);
  }

  const cdiUnits: CdiUnit[] = units.map((u) => {
    const list = (publishedSamples.get(u.localCdiId) ?? []).sort((a, b) =>
      u.featureType === 'profile' ? (a.depth_m ?? 0) - (b.depth_m ?? 0) || a.time.localeCompare(b.time) : a.time.localeCompare(b.time) || a.sampleId.localeCompare(b.sampleId),
    );
    if (list.length === 0 && approved.length > 0) missing.push(`unit ${u.localCdiId} has no approved sample`);
    return { localCdiId: u.localCdiId, station: u.station, featureType: u.featureType, samples: list };
  });

  const p02 = m.discoveryParameters ?? [...new Set(groups.map((g) => g.p02).filter((c): c is string => !!c))];
  if (p02.length === 0) missing.push('no discovery parameter (P02): give "discoveryParameters" or publish groups that have one');

  const lastChangeAt = lastChange(db, datasetId, [...samples.keys()]) ?? updatedAt;
  const notes = [...triggerRules].map(([rule, n]) => `Smart-triggered acquisition (${n} sample(s)): only particles matching "${rule.replace(/\s*\n\s*/g, '; ')}" were stored`);

  const dataset: PublicationDataset = {
    id: datasetId,
    metadata: {
      title: m.title,
      abstract: m.abstract,
      holdingCentreEdmo: m.holdingCentreEdmo,
      originatorEdmo: m.originatorEdmo,
      pi: { name: m.pi.name, email: m.pi.email, edmo: m.pi.edmo ?? null },
      project: m.project,
      cruise: m.cruise ?? m.project ?? m.title,
      platformClass: m.platformClass,
      platformCode: m.platformCode,
      instrument: m.instrument,
      deviceCategory: m.deviceCategory,
      discoveryParameters: p02,
      accessRestriction: m.accessRestriction,
      lastChangeAt,
      acquisitionNotes: notes,
    },
    groups,
    units: cdiUnits,
  };
  const view: DatasetView = {
    id: datasetId,
    title: m.title,
    version,
    samples: samples.size,
    approved: approved.length,
    units: units.length,
    updatedAt,
    publishable: missing.length === 0,
    metadata: m,
    sampleIds: value.sampleIds,
    unitViews: cdiUnits.map((u, i) => {
      const listed = units[i]!.samples ?? (units.length === 1 ? value.sampleIds : []);
      const times = u.samples.map((s) => s.time).sort();
      return {
        localCdiId: u.localCdiId,
        station: u.station,
        featureType: u.featureType,
        samples: listed.length,
        approved: u.samples.length,
        timeRange: times.length ? [times[0]!, times[times.length - 1]!] : null,
      };
    }),
    groups: groupViews,
    missing: [...new Set(missing)],
    warnings: [...new Set(warnings)],
  };
  if (unapproved.length) view.warnings.unshift(`${unapproved.length} sample(s) are not approved and will be left out`);
  return { dataset, view };
}

/**
 * The time of the last change event that can alter the dataset's files: the dataset itself, its samples' flags,
 * reviews and gating, and the templates their abundances come from; and their current imports.
 */
function lastChange(db: Database, datasetId: string, sampleIds: readonly string[]): string | null {
  let latest: string | null = db.prepare("SELECT max(at) FROM change_events WHERE target_kind = 'dataset' AND object_id = ?").pluck().get(datasetId) as string | null;
  const bump = (t: string | null | undefined) => {
    if (t && (!latest || Date.parse(t) > Date.parse(latest))) latest = t;
  };
  const sampleEvents = db.prepare('SELECT max(at) FROM change_events WHERE sample_id = ?').pluck();
  const templates = db.prepare('SELECT DISTINCT template_id FROM abundances WHERE sample_id = ?').pluck();
  const templateEvents = db.prepare("SELECT max(at) FROM change_events WHERE target_kind = 'template' AND object_id = ?").pluck();
  const imported = db.prepare('SELECT i.imported_at FROM samples s JOIN imports i ON i.id = s.current_import_id WHERE s.id = ?').pluck();
  const seen = new Set<string>();
  for (const id of sampleIds) {
    bump(sampleEvents.get(id) as string | null);
    bump(imported.get(id) as string | undefined);
    for (const t of templates.all(id) as string[]) {
      if (seen.has(t)) continue;
      seen.add(t);
      bump(templateEvents.get(t) as string | null);
    }
  }
  return latest ? new Date(latest).toISOString() : null;
}
