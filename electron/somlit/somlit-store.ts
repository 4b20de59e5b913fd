/**
 * SOMLIT entries as the library holds them: the current state of their change-event targets (target_state rows of
 * kind somlit-entry and somlit-value, object_id = the entry), so there is no second copy to keep in step. An entry
 * whose fields were deleted is gone, whatever cells it still has.
 */
import type { Database } from 'better-sqlite3';
import type { SomlitAuditEvent, SomlitEntryView } from '../../shared/api/somlit-contract.js';
import type { SomlitProblem } from '../../shared/somlit/consistency-rules.js';
import { duplicateProblem, findDuplicates, missingKeyFields, valueProblems } from '../../shared/somlit/consistency-rules.js';
import type { SomlitEntryFields, SomlitValueValue } from '../../shared/somlit/somlit-entry.js';
import type { SomlitTable } from '../../shared/somlit/somlit-table.js';
import { compareEntries } from '../../shared/somlit/extraction-writer.js';

export interface StoredEntry {
  id: string;
  revision: number;
  fields: SomlitEntryFields;
  values: Record<string, SomlitValueValue>;
  updatedAt: string | null;
}

/** False on a library whose schema does not know SOMLIT targets yet (migration 0008 not applied). */
export function hasSomlitSchema(db: Database): boolean {
  return db.prepare("SELECT 1 FROM change_target_kinds WHERE kind = 'somlit-value'").get() !== undefined;
}

/** Every live entry with its cells, in file order (date, time, site, depth). */
export function listStoredEntries(db: Database, table: SomlitTable): StoredEntry[] {
  const entries = new Map<string, StoredEntry>();
  const rows = db
    .prepare(
      `SELECT t.object_id, t.value_json, t.revision, e.at FROM target_state t JOIN change_events e ON e.seq = t.last_seq
       WHERE t.target_kind = 'somlit-entry' AND t.value_json IS NOT NULL`,
    )
    .all() as { object_id: string; value_json: string; revision: number; at: string }[];
  for (const r of rows) entries.set(r.object_id, { id: r.object_id, revision: r.revision, fields: JSON.parse(r.value_json) as SomlitEntryFields, values: {}, updatedAt: r.at });
  const cells = db
    .prepare(
      `SELECT t.object_id, t.target_group, t.value_json, e.at FROM target_state t JOIN change_events e ON e.seq = t.last_seq
       WHERE t.target_kind = 'somlit-value' AND t.value_json IS NOT NULL`,
    )
    .all() as { object_id: string; target_group: string; value_json: string; at: string }[];
  for (const c of cells) {
    const entry = entries.get(c.object_id);
    if (!entry) continue;
    entry.values[c.target_group] = JSON.parse(c.value_json) as SomlitValueValue;
    if (entry.updatedAt === null || c.at > entry.updatedAt) entry.updatedAt = c.at;
  }
  return [...entries.values()].sort((a, b) => compareEntries(table, a.fields, b.fields) || a.id.localeCompare(b.id));
}

export function storedFieldsMap(entries: readonly StoredEntry[]): Map<string, SomlitEntryFields> {
  return new Map(entries.map((e) => [e.id, e.fields]));
}

/** Entries as the UI and CLI see them, with what is wrong with each. */
export function entryViews(table: SomlitTable, entries: readonly StoredEntry[]): SomlitEntryView[] {
  const duplicates = findDuplicates(entries);
  return entries.map((e) => {
    const problems: SomlitProblem[] = [...missingKeyFields(e.fields)];
    const duplicateOf = duplicates.get(e.id) ?? null;
    if (duplicateOf) problems.push(duplicateProblem(e.fields));
    for (const [code, cell] of Object.entries(e.values)) problems.push(...valueProblems(table, code, cell));
    return { id: e.id, revision: e.revision, fields: e.fields, values: e.values, problems, duplicateOf, updatedAt: e.updatedAt };
  });
}

export function entryAudit(db: Database, entryId: string): SomlitAuditEvent[] {
  const rows = db
    .prepare(
      `SELECT e.*, c.name AS actor_name FROM change_events e LEFT JOIN curators c ON c.id = e.actor
       WHERE e.object_id = ? AND e.target_kind IN ('somlit-entry', 'somlit-value') ORDER BY e.seq`,
    )
    .all(entryId) as {
    id: string;
    changeset: string;
    actor: string;
    actor_name: string | null;
    device: string;
    action: string;
    at: string;
    sample_id: string | null;
    target_kind: string;
    target_group: string | null;
    object_id: string;
    before_json: string | null;
    after_json: string | null;
    reason: string | null;
    undoes: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    changeset: r.changeset,
    actor: r.actor,
    actorName: r.actor_name,
    device: r.device,
    action: r.action,
    at: r.at,
    target: { sampleId: r.sample_id, kind: r.target_kind, ...(r.target_group !== null ? { group: r.target_group } : {}), entryId: r.object_id },
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
    reason: r.reason,
    undoes: r.undoes,
  }));
}
