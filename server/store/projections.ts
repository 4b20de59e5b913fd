import type { WireEvent } from '../../shared/sync/sync-protocol.js';
import type { SqlExecutor } from '../db/sql-driver.js';
import type { DatasetAfter, FlagAfter, ReviewAfter, TemplateAfter } from './event-rules.js';

interface SomlitEntryAfter {
  site: string | null;
  date: string | null;
  time: string | null;
  tideCoefficient: number | null;
  tide: string | null;
  depthLevel: string | null;
  depth: number | null;
}
interface SomlitValueAfter {
  value: number | null;
  code: string;
  comment: string | null;
  source: unknown;
}

/**
 * Keeps the per-kind tables in step with a batch of applied events, in order. Reviews and flags (the bulk of a
 * sync: an approval per sample) are written with one statement per table, each target's last value winning (a
 * projection depends on the target's latest `after` alone); the other kinds event by event.
 */
export async function applyProjections(tx: SqlExecutor, applied: readonly { e: WireEvent; key: string; revision: number }[]): Promise<void> {
  const reviews = new Map<string, WireEvent>();
  const flags = new Map<string, WireEvent>();
  for (const { e, key, revision } of applied) {
    const kind = e.target.kind;
    if (kind === 'review') reviews.set(e.target.sampleId as string, e);
    else if (kind === 'flag' || kind === 'value-flag') flags.set(key, e);
    else await applyToProjections(tx, e, key, revision);
  }
  if (reviews.size > 0) {
    await tx.query(
      `INSERT INTO sample_reviews (sample_id, state, approved, event_id, actor, actor_name, at)
       SELECT r.sample_id, r.state, r.approved, r.event_id, r.actor, r.actor_name, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r (sample_id text, state text, approved jsonb, event_id text, actor text, actor_name text, at text)
       ON CONFLICT (sample_id) DO UPDATE SET state = EXCLUDED.state, approved = EXCLUDED.approved, event_id = EXCLUDED.event_id,
         actor = EXCLUDED.actor, actor_name = EXCLUDED.actor_name, at = EXCLUDED.at`,
      [
        JSON.stringify(
          [...reviews].map(([sampleId, e]) => {
            const v = (e.after ?? null) as ReviewAfter | null;
            return { sample_id: sampleId, state: v?.state ?? 'unreviewed', approved: v?.approved ?? null, event_id: e.id, actor: e.actor, actor_name: e.actorName, at: e.at };
          }),
        ),
      ],
    );
  }
  const cleared = [...flags].filter(([, e]) => (e.after ?? null) === null).map(([key]) => key);
  const set = [...flags].filter(([, e]) => (e.after ?? null) !== null);
  if (cleared.length > 0) await tx.query('DELETE FROM sample_flags WHERE target_key = ANY($1::text[])', [cleared]);
  if (set.length > 0) {
    await tx.query(
      `INSERT INTO sample_flags (target_key, sample_id, group_name, scheme, code, comment, event_id, actor, at)
       SELECT r.target_key, r.sample_id, r.group_name, r.scheme, r.code, r.comment, r.event_id, r.actor, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r (target_key text, sample_id text, group_name text, scheme text, code text, comment text, event_id text, actor text, at text)
       ON CONFLICT (target_key) DO UPDATE SET scheme = EXCLUDED.scheme, code = EXCLUDED.code, comment = EXCLUDED.comment,
         event_id = EXCLUDED.event_id, actor = EXCLUDED.actor, at = EXCLUDED.at`,
      [
        JSON.stringify(
          set.map(([key, e]) => {
            const v = e.after as FlagAfter;
            const t = e.target;
            return { target_key: key, sample_id: t.sampleId, group_name: t.kind === 'value-flag' ? (t.group ?? '') : null, scheme: v.scheme, code: v.code, comment: v.comment, event_id: e.id, actor: e.actor, at: e.at };
          }),
        ),
      ],
    );
  }
}

/**
 * Keeps the per-kind tables in step with an applied event, in the event's transaction. Each is derived from
 * `event.after` alone (the target's new value): null clears it.
 */
export async function applyToProjections(tx: SqlExecutor, e: WireEvent, key: string, revision: number): Promise<void> {
  const t = e.target;
  switch (t.kind) {
    case 'flag':
    case 'value-flag': {
      const v = (e.after ?? null) as FlagAfter | null;
      if (v === null) {
        await tx.query('DELETE FROM sample_flags WHERE target_key = $1', [key]);
        return;
      }
      await tx.query(
        `INSERT INTO sample_flags (target_key, sample_id, group_name, scheme, code, comment, event_id, actor, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (target_key) DO UPDATE SET scheme = EXCLUDED.scheme, code = EXCLUDED.code, comment = EXCLUDED.comment,
           event_id = EXCLUDED.event_id, actor = EXCLUDED.actor, at = EXCLUDED.at`,
        [key, t.sampleId, t.kind === 'value-flag' ? (t.group ?? '') : null, v.scheme, v.code, v.comment, e.id, e.actor, e.at],
      );
      return;
    }
    case 'review': {
      const v = (e.after ?? null) as ReviewAfter | null;
      await tx.query(
        `INSERT INTO sample_reviews (sample_id, state, approved, event_id, actor, actor_name, at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
         ON CONFLICT (sample_id) DO UPDATE SET state = EXCLUDED.state, approved = EXCLUDED.approved, event_id = EXCLUDED.event_id,
           actor = EXCLUDED.actor, actor_name = EXCLUDED.actor_name, at = EXCLUDED.at`,
        [t.sampleId, v?.state ?? 'unreviewed', v?.approved ? JSON.stringify(v.approved) : null, e.id, e.actor, e.actorName, e.at],
      );
      return;
    }
    case 'template': {
      const v = (e.after ?? null) as TemplateAfter | null;
      const json = v === null ? null : JSON.stringify(v);
      await tx.query(
        `INSERT INTO gate_templates (template_id, version, value, event_id, actor, at) VALUES ($1, $2, $3::jsonb, $4, $5, $6)
         ON CONFLICT (template_id) DO UPDATE SET version = EXCLUDED.version, value = EXCLUDED.value, event_id = EXCLUDED.event_id,
           actor = EXCLUDED.actor, at = EXCLUDED.at`,
        [t.templateId, revision, json, e.id, e.actor, e.at],
      );
      await tx.query('INSERT INTO gate_template_versions (template_id, version, value, event_id, actor, at) VALUES ($1, $2, $3::jsonb, $4, $5, $6)', [
        t.templateId,
        revision,
        json,
        e.id,
        e.actor,
        e.at,
      ]);
      return;
    }
    case 'dataset': {
      const v = (e.after ?? null) as DatasetAfter | null;
      if (v === null) {
        await tx.query('DELETE FROM datasets WHERE dataset_id = $1', [t.datasetId]);
        return;
      }
      const l08 = typeof v.metadata.accessRestriction === 'string' ? v.metadata.accessRestriction.trim() : null;
      const title = typeof v.metadata.title === 'string' ? v.metadata.title : null;
      await tx.query(
        `INSERT INTO datasets (dataset_id, version, title, access_restriction, metadata, event_id, actor, at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
         ON CONFLICT (dataset_id) DO UPDATE SET version = EXCLUDED.version, title = EXCLUDED.title, access_restriction = EXCLUDED.access_restriction,
           metadata = EXCLUDED.metadata, event_id = EXCLUDED.event_id, actor = EXCLUDED.actor, at = EXCLUDED.at`,
        [t.datasetId, revision, title, l08, JSON.stringify(v.metadata), e.id, e.actor, e.at],
      );
      await tx.query('DELETE FROM dataset_samples WHERE dataset_id = $1', [t.datasetId]);
      const ids = [...new Set(v.sampleIds)];
      if (ids.length > 0) {
        // A JSON array parameter: both drivers pass it the same way (array parameters differ between them).
        await tx.query('INSERT INTO dataset_samples (dataset_id, sample_id) SELECT $1, jsonb_array_elements_text($2::jsonb)', [t.datasetId, JSON.stringify(ids)]);
      }
      return;
    }
    case 'somlit-entry': {
      const v = (e.after ?? null) as SomlitEntryAfter | null;
      if (v === null) {
        // A deleted entry: its row and its values go (the log keeps every version).
        await tx.query('DELETE FROM somlit_values WHERE entry_id = $1', [t.entryId]);
        await tx.query('DELETE FROM somlit_entries WHERE entry_id = $1', [t.entryId]);
        return;
      }
      await tx.query(
        `INSERT INTO somlit_entries (entry_id, site, sampled_on, sampled_at, tide_coefficient, tide, depth_level, depth_m, event_id, actor, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (entry_id) DO UPDATE SET site = EXCLUDED.site, sampled_on = EXCLUDED.sampled_on, sampled_at = EXCLUDED.sampled_at,
           tide_coefficient = EXCLUDED.tide_coefficient, tide = EXCLUDED.tide, depth_level = EXCLUDED.depth_level, depth_m = EXCLUDED.depth_m,
           event_id = EXCLUDED.event_id, actor = EXCLUDED.actor, at = EXCLUDED.at`,
        [t.entryId, v.site, v.date, v.time, v.tideCoefficient, v.tide, v.depthLevel, v.depth, e.id, e.actor, e.at],
      );
      return;
    }
    case 'somlit-value': {
      const v = (e.after ?? null) as SomlitValueAfter | null;
      if (v === null) {
        await tx.query('DELETE FROM somlit_values WHERE entry_id = $1 AND parameter = $2', [t.entryId, t.group]);
        return;
      }
      await tx.query(
        `INSERT INTO somlit_values (entry_id, parameter, value, code, comment, source, event_id, actor, at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)
         ON CONFLICT (entry_id, parameter) DO UPDATE SET value = EXCLUDED.value, code = EXCLUDED.code, comment = EXCLUDED.comment,
           source = EXCLUDED.source, event_id = EXCLUDED.event_id, actor = EXCLUDED.actor, at = EXCLUDED.at`,
        [t.entryId, t.group, v.value, v.code, v.comment, v.source === null || v.source === undefined ? null : JSON.stringify(v.source), e.id, e.actor, e.at],
      );
      return;
    }
    default:
      // Other kinds (comment, volume, gate overrides) live in target_state only.
      return;
  }
}
