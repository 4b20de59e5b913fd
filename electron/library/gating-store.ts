/**
 * Reads the gating state (templates, assignments, overrides, volume methods, trigger confirmations) from the
 * current target state that the change events maintain, and writes the abundance projection.
 */
import type { Database } from 'better-sqlite3';
import type { AbundanceRecord, TemplateSummary, TemplateVersionInfo } from '../../shared/api/gating-contract.js';
import type { Gate, GateTemplate } from '../../shared/gating/gate.js';
import type { GateOverrideValue, TemplateAssignmentValue, TemplateValue, VolumeMethodValue, VolumeValue } from '../../shared/model/change-event.js';
import { targetKey } from '../../shared/model/change-event.js';
import { templateTarget } from '../../shared/model/gating-actions.js';

function valueOf<T>(db: Database, key: string): { value: T | null; revision: number } {
  const row = db.prepare('SELECT value_json, revision FROM target_state WHERE target_key = ?').get(key) as { value_json: string | null; revision: number } | undefined;
  return row ? { value: row.value_json === null ? null : (JSON.parse(row.value_json) as T), revision: row.revision } : { value: null, revision: 0 };
}

/** The current version of a template, or null when it does not exist (or was undone to nothing). */
export function currentTemplate(db: Database, templateId: string): GateTemplate | null {
  const { value, revision } = valueOf<TemplateValue>(db, targetKey(templateTarget(templateId)));
  // The version is the target's revision: an undo restores old gates as a new version.
  return value ? { ...value.template, version: revision } : null;
}

/** A given version of a template, from the event that saved it (or the undo/redo that restored it). */
export function templateVersion(db: Database, templateId: string, version: number): GateTemplate | null {
  // The Nth event on the template target produced version N.
  const row = db
    .prepare("SELECT after_json FROM change_events WHERE target_kind = 'template' AND object_id = ? ORDER BY seq LIMIT 1 OFFSET ?")
    .get(templateId, version - 1) as { after_json: string | null } | undefined;
  if (!row?.after_json) return null;
  return { ...(JSON.parse(row.after_json) as TemplateValue).template, version };
}

export function templateHistory(db: Database, templateId: string): TemplateVersionInfo[] {
  const rows = db
    .prepare(
      `SELECT e.at, e.actor, c.name AS actor_name, e.reason, e.changeset FROM change_events e LEFT JOIN curators c ON c.id = e.actor
       WHERE e.target_kind = 'template' AND e.object_id = ? ORDER BY e.seq`,
    )
    .all(templateId) as { at: string; actor: string; actor_name: string | null; reason: string | null; changeset: string }[];
  return rows.map((r, i) => ({ version: i + 1, at: r.at, actor: r.actor, actorName: r.actor_name, reason: r.reason, changeset: r.changeset }));
}

export function listTemplates(db: Database): TemplateSummary[] {
  const rows = db
    .prepare(
      `SELECT t.object_id AS template_id, t.value_json, t.revision, e.at, c.name AS actor_name,
         (SELECT count(*) FROM target_state a WHERE a.target_kind = 'template-assignment'
            AND json_extract(a.value_json, '$.templateId') = t.object_id) AS samples
       FROM target_state t JOIN change_events e ON e.seq = t.last_seq LEFT JOIN curators c ON c.id = e.actor
       WHERE t.target_kind = 'template' AND t.value_json IS NOT NULL ORDER BY e.at DESC`,
    )
    .all() as { template_id: string; value_json: string; revision: number; at: string; actor_name: string | null; samples: number }[];
  return rows.map((r) => {
    const t = (JSON.parse(r.value_json) as TemplateValue).template;
    return {
      id: r.template_id,
      name: t.name,
      version: r.revision,
      sets: t.sets.map((s) => ({ id: s.id, name: s.name, group: s.group })),
      updatedAt: r.at,
      updatedBy: r.actor_name,
      samples: r.samples,
    };
  });
}

export function assignedTemplateId(db: Database, sampleId: string): string | null {
  return valueOf<TemplateAssignmentValue>(db, targetKey({ sampleId, kind: 'template-assignment' })).value?.templateId ?? null;
}

export function samplesUsingTemplate(db: Database, templateId: string): string[] {
  return db
    .prepare("SELECT sample_id FROM target_state WHERE target_kind = 'template-assignment' AND json_extract(value_json, '$.templateId') = ? ORDER BY sample_id")
    .pluck()
    .all(templateId) as string[];
}

export interface SampleOverride {
  gate: Gate | null;
  revision: number;
  at: string;
  actorName: string | null;
}

/** The sample's overrides of gates of this template (removed ones included, with gate null). */
export function sampleOverrides(db: Database, sampleId: string, templateId: string): Map<string, SampleOverride> {
  const rows = db
    .prepare(
      `SELECT t.target_group, t.value_json, t.revision, e.at, c.name AS actor_name FROM target_state t
       JOIN change_events e ON e.seq = t.last_seq LEFT JOIN curators c ON c.id = e.actor
       WHERE t.sample_id = ? AND t.target_kind = 'gate-override' AND t.object_id = ? ORDER BY t.target_group`,
    )
    .all(sampleId, templateId) as { target_group: string; value_json: string | null; revision: number; at: string; actor_name: string | null }[];
  return new Map(
    rows.map((r) => [
      r.target_group,
      { gate: r.value_json === null ? null : (JSON.parse(r.value_json) as GateOverrideValue).gate, revision: r.revision, at: r.at, actorName: r.actor_name },
    ]),
  );
}

export function volumeMethod(db: Database, sampleId: string): VolumeMethodValue | null {
  return valueOf<VolumeValue>(db, targetKey({ sampleId, kind: 'volume' })).value?.volume ?? null;
}

export function confirmedTriggerSets(db: Database, sampleId: string): string[] {
  return db
    .prepare("SELECT target_group FROM target_state WHERE sample_id = ? AND target_kind = 'trigger-confirmation' AND value_json IS NOT NULL ORDER BY target_group")
    .pluck()
    .all(sampleId) as string[];
}

interface AbundanceRow {
  sample_id: string;
  set_id: string;
  set_name: string;
  group_name: string | null;
  template_id: string;
  template_version: number;
  overrides_json: string;
  events: number | null;
  volume_ul: number | null;
  volume_method: string | null;
  dilution: number;
  abundance_per_ml: number | null;
  means_json: string;
  normalised_json: string | null;
  flag: string | null;
  note: string | null;
}

function toRecord(r: AbundanceRow): AbundanceRecord {
  return {
    sample: r.sample_id,
    set: r.set_name,
    group: r.group_name,
    events: r.events ?? 0,
    abundance_per_mL: r.abundance_per_ml,
    template: r.template_id,
    templateVersion: r.template_version,
    overrides: JSON.parse(r.overrides_json) as Record<string, number>,
    volume_uL: r.volume_ul,
    volumeMethod: r.volume_method,
    dilutionFactor: r.dilution,
    means: JSON.parse(r.means_json) as Record<string, number>,
    normalisedMeans: r.normalised_json === null ? null : (JSON.parse(r.normalised_json) as Record<string, number>),
    flag: r.flag,
    note: r.note,
  };
}

export function sampleAbundances(db: Database, sampleIds: readonly string[] | null): AbundanceRecord[] {
  if (sampleIds === null) return (db.prepare('SELECT * FROM abundances ORDER BY sample_id, position').all() as AbundanceRow[]).map(toRecord);
  const out: AbundanceRecord[] = [];
  const stmt = db.prepare('SELECT * FROM abundances WHERE sample_id = ? ORDER BY position');
  for (const id of sampleIds) out.push(...(stmt.all(id) as AbundanceRow[]).map(toRecord));
  return out;
}

export interface NewAbundance {
  setId: string;
  setName: string;
  group: string | null;
  events: number | null;
  volume_uL: number | null;
  volumeMethod: string | null;
  dilution: number;
  abundancePerMl: number | null;
  means: Record<string, number>;
  normalisedMeans: Record<string, number> | null;
  flag: string | null;
  note: string | null;
}

/** Replaces a sample's abundance rows (the projection); must run inside the caller's transaction. */
export function replaceAbundances(
  db: Database,
  sampleId: string,
  produced: { templateId: string; templateVersion: number; overrides: Record<string, number>; importId: number } | null,
  rows: readonly NewAbundance[],
): void {
  db.prepare('DELETE FROM abundances WHERE sample_id = ?').run(sampleId);
  if (!produced) return;
  const insert = db.prepare(
    `INSERT INTO abundances (sample_id, set_id, set_name, group_name, position, template_id, template_version, overrides_json, import_id,
       events, volume_ul, volume_method, dilution, abundance_per_ml, means_json, normalised_json, flag, note)
     VALUES (@sampleId, @setId, @setName, @group, @position, @templateId, @templateVersion, @overrides, @importId,
       @events, @volume, @volumeMethod, @dilution, @abundance, @means, @normalised, @flag, @note)`,
  );
  rows.forEach((r, position) =>
    insert.run({
      sampleId,
      setId: r.setId,
      setName: r.setName,
      group: r.group,
      position,
      templateId: produced.templateId,
      templateVersion: produced.templateVersion,
      overrides: JSON.stringify(produced.overrides),
      importId: produced.importId,
      events: r.events,
      volume: r.volume_uL,
      volumeMethod: r.volumeMethod,
      dilution: r.dilution,
      abundance: r.abundancePerMl,
      means: JSON.stringify(r.means),
      normalised: r.normalisedMeans === null ? null : JSON.stringify(r.normalisedMeans),
      flag: r.flag,
      note: r.note,
    }),
  );
}
