/**
 * The library side of linking benchtop cytometry to a SOMLIT entry: which gated samples are near the entry's date
 * (same SOMLIT site first, through the sample's deployment), and their abundances with each set's SOMLIT prefix
 * (from the group vocabulary) for the shared linking rules.
 */
import type { Database } from 'better-sqlite3';
import type { SomlitCandidateSample } from '../../shared/api/somlit-contract.js';
import type { LinkAbundance } from '../../shared/somlit/cytometry-link.js';
import type { SomlitEntryFields } from '../../shared/somlit/somlit-entry.js';
import { sampleAbundances } from '../library/gating-store.js';

/** The SOMLIT prefix of a set's standard group, from the group vocabulary. */
export type PrefixOf = (group: string | null, set: string) => string | null;

interface SampleRow {
  id: string;
  name: string;
  started_at: string | null;
  deployment: string | null;
  station: string | null;
  somlit_site_id: string | null;
}

function daysBetween(date: string | null, startedAt: string | null): number | null {
  if (!date || !startedAt) return null;
  const a = Date.parse(`${date}T12:00:00Z`);
  const b = Date.parse(startedAt);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((Math.abs(b - a) / 86_400_000) * 10) / 10 : null;
}

/** Gated samples within `days` of the entry's date (all gated samples when the entry has no date), nearest first. */
export function cytometryCandidates(db: Database, entry: SomlitEntryFields, days: number, prefixOf: PrefixOf): SomlitCandidateSample[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.name, s.started_at, s.deployment, s.station, d.somlit_site_id FROM samples s
       LEFT JOIN deployments d ON d.id = s.deployment_id
       WHERE EXISTS (SELECT 1 FROM abundances a WHERE a.sample_id = s.id) ORDER BY s.started_at, s.id`,
    )
    .all() as SampleRow[];
  const out: SomlitCandidateSample[] = [];
  for (const r of rows) {
    const distance = daysBetween(entry.date, r.started_at);
    if (entry.date !== null && (distance === null || distance > days + 0.5)) continue;
    const abundances = sampleAbundances(db, [r.id]);
    const first = abundances[0];
    if (!first) continue;
    out.push({
      id: r.id,
      name: r.name,
      startedAt: r.started_at,
      deployment: r.deployment,
      station: r.station,
      somlitSiteId: r.somlit_site_id,
      template: { id: first.template, version: first.templateVersion },
      sets: abundances.map((a) => ({ set: a.set, group: a.group, prefix: prefixOf(a.group, a.set), abundance_per_mL: a.abundance_per_mL })),
      daysFromEntry: distance,
    });
  }
  const sameSite = (c: SomlitCandidateSample) => (entry.site !== null && c.somlitSiteId === entry.site ? 0 : 1);
  return out.sort((a, b) => sameSite(a) - sameSite(b) || (a.daysFromEntry ?? Infinity) - (b.daysFromEntry ?? Infinity) || a.id.localeCompare(b.id)).slice(0, 200);
}

/** The abundances of the given samples, ready for cytometryValues. */
export function linkAbundances(db: Database, sampleIds: readonly string[], prefixOf: PrefixOf): LinkAbundance[] {
  const names = new Map((db.prepare(`SELECT id, name FROM samples WHERE id IN (${sampleIds.map(() => '?').join(',')})`).all(...sampleIds) as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  return sampleAbundances(db, sampleIds).map((a) => ({
    sampleId: a.sample,
    sampleName: names.get(a.sample) ?? a.sample,
    set: a.set,
    group: a.group,
    prefix: prefixOf(a.group, a.set),
    events: a.events,
    abundancePerMl: a.abundance_per_mL,
    means: a.means,
    normalisedMeans: a.normalisedMeans,
    templateId: a.template,
    templateVersion: a.templateVersion,
    overrides: a.overrides,
    flag: a.flag,
    note: a.note,
  }));
}
