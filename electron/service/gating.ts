/**
 * Gating on the Node side: importing set files as templates, live counts of a draft template on one sample, and
 * the abundance projection — recomputed for exactly the samples whose template, overrides, volume method or
 * trigger confirmations changed, each row naming the template version and overrides that produced it.
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import type { GateCounts, SampleGating } from '../../shared/api/gating-contract.js';
import { setAbundance } from '../../shared/abundance/abundance.js';
import type { AnalysedVolume } from '../../shared/abundance/analysed-volume.js';
import { cytosenseAnalysedVolume, fcsAnalysedVolume } from '../../shared/abundance/analysed-volume.js';
import { findTimeParameter } from '../../shared/abundance/acquisition-time.js';
import { setMeansWithBeads } from '../../shared/abundance/set-means.js';
import { compensateColumns, readSpillover } from '../../shared/abundance/spillover.js';
import { parseSetDefinitions } from '../../shared/formats/cytoclus/set-definition/parse-set-definitions.js';
import { readGatingMl } from '../../shared/formats/gatingml/read-gating-ml.js';
import { decodeText } from '../../shared/formats/text/decode-text.js';
import { classifyTemplate } from '../../shared/gating/classify/classify.js';
import type { ColumnLookup } from '../../shared/gating/classify/classify.js';
import { templateFromSetDefinitions } from '../../shared/gating/cytoclus/from-set-definitions.js';
import type { GateTemplate } from '../../shared/gating/gate.js';
import type { VolumeMethodValue } from '../../shared/model/change-event.js';
import { effectiveTemplate } from '../../shared/model/gating-actions.js';
import type { EventStore } from '../library/event-store.js';
import type { NewAbundance } from '../library/gating-store.js';
import {
  assignedTemplateId,
  confirmedTriggerSets,
  currentTemplate,
  listTemplates,
  replaceAbundances,
  sampleAbundances,
  sampleOverrides,
  volumeMethod,
} from '../library/gating-store.js';

export interface GatingContext {
  db: Database;
  store: EventStore;
  /** Standard group name for a set name (vocabulary name or alias), or null. */
  standardGroup: (setName: string) => string | null;
}

/** The sample's columns by name, tolerant of wording (EventStore matches case- and punctuation-insensitively). */
export function columnLookup(store: EventStore, sampleId: string): ColumnLookup {
  return (name) => {
    try {
      return store.column(sampleId, name);
    } catch (err) {
      if (err instanceof CurationError && err.code === 'not-found') return undefined;
      throw err;
    }
  };
}

/**
 * The columns a sample is gated on: for an FCS sample whose file carries $SPILLOVER/SPILL/$COMP, the matrix's
 * parameters compensated (raw × S⁻¹) unless its counting settings say not to; everything else as stored.
 */
export function countingColumns(ctx: GatingContext, sampleId: string): { lookup: ColumnLookup; compensation: string | null } {
  const raw = columnLookup(ctx.store, sampleId);
  const facts = sampleFacts(ctx.db, sampleId);
  if (facts.source !== 'fcs' || volumeMethod(ctx.db, sampleId)?.compensate === false) return { lookup: raw, compensation: null };
  const { spillover, keyword } = readSpillover(facts.metadata);
  if (!spillover) return { lookup: raw, compensation: null };
  const columns = spillover.parameters.map((p) => raw(p));
  if (columns.some((c) => c === undefined)) {
    return { lookup: raw, compensation: `${keyword} not applied: it names a parameter the sample has no column for` };
  }
  const compensated = compensateColumns(columns as Float32Array[], spillover.matrix, keyword ?? '$SPILLOVER');
  const byName = new Map(spillover.parameters.map((p, i) => [p.toLowerCase(), compensated[i] as Float32Array]));
  return {
    lookup: (name) => byName.get(name.toLowerCase()) ?? raw(name),
    compensation: `values compensated with ${keyword} (${spillover.parameters.length} parameters)`,
  };
}

export function previewCounts(ctx: GatingContext, sampleId: string, template: GateTemplate): GateCounts {
  const d = ctx.store.describe(sampleId);
  const result = classifyTemplate(template, countingColumns(ctx, sampleId).lookup, d.events);
  const percent = (n: number) => (d.events === 0 ? 0 : (100 * n) / d.events);
  const gates = template.gates.map((g) => {
    const mask = result.gates.get(g.id) as Uint8Array;
    let n = 0;
    for (let i = 0; i < mask.length; i++) n += mask[i] as number;
    return { gateId: g.id, events: n, percent: percent(n) };
  });
  const sets = template.sets.map((s) => ({ setId: s.id, name: s.name, events: result.counts[s.id] ?? 0, percent: percent(result.counts[s.id] ?? 0) }));
  return { events: d.events, gates, sets };
}

interface SampleFacts {
  source: 'cytosense' | 'fcs';
  partial: boolean;
  volume_ul: number | null;
  metadata: Record<string, string>;
}

function sampleFacts(db: Database, sampleId: string): SampleFacts {
  const row = db.prepare('SELECT source, partial, volume_ul FROM samples WHERE id = ?').get(sampleId) as { source: 'cytosense' | 'fcs'; partial: number; volume_ul: number | null } | undefined;
  if (!row) throw new CurationError({ code: 'not-found', field: 'sampleId', message: `no sample ${sampleId}` });
  const metadata: Record<string, string> = {};
  for (const m of db.prepare('SELECT key, value FROM sample_metadata WHERE sample_id = ?').all(sampleId) as { key: string; value: string }[]) metadata[m.key] = m.value;
  return { source: row.source, partial: row.partial === 1, volume_ul: row.volume_ul, metadata };
}

/** The smart-trigger rule of a CytoSense sample (Info `Smart Triggered!` line), or null when not smart-triggered. */
export function smartTriggerRule(metadata: Record<string, string>): string | null {
  const key = Object.keys(metadata).find((k) => k.trim().toLowerCase() === 'smart triggered!');
  return key === undefined ? null : (metadata[key] ?? '').trim();
}

function resolveVolume(facts: SampleFacts, method: VolumeMethodValue | null, beadEvents: number | null, timeColumn: Float32Array | null): AnalysedVolume {
  if (facts.source === 'cytosense' || method?.method === 'instrument') return cytosenseAnalysedVolume(facts.volume_ul, method?.dilutionFactor ?? 1);
  const choice = method ?? { method: 'fcs-vol' as const, dilutionFactor: 1 };
  switch (choice.method) {
    case 'fcs-vol':
      return fcsAnalysedVolume({ method: 'fcs-vol', dilutionFactor: choice.dilutionFactor }, { keywords: facts.metadata, timeColumn });
    case 'flow-rate':
      return fcsAnalysedVolume(
        { method: 'flow-rate', flowRate_uL_per_min: choice.flowRate_uL_per_min, dilutionFactor: choice.dilutionFactor, ...(choice.acquisitionSeconds !== null ? { acquisitionSeconds: choice.acquisitionSeconds } : {}) },
        { keywords: facts.metadata, timeColumn },
      );
    case 'beads':
      return fcsAnalysedVolume(
        { method: 'beads', beadSet: choice.beadSet, beadConcentration_per_mL: choice.beadConcentration_per_mL, dilutionFactor: choice.dilutionFactor },
        { keywords: facts.metadata, beadEvents },
      );
  }
}

/** Columns whose means are reported: CytoSense pulse totals (the per-particle sums), or every FCS parameter but time. */
function meanColumns(db: Database, importId: number, source: SampleFacts['source']): string[] {
  const rows = db.prepare('SELECT header, parameter FROM event_columns WHERE import_id = ? ORDER BY position').all(importId) as { header: string; parameter: string | null }[];
  if (source === 'cytosense') return rows.filter((r) => (r.parameter ?? '').trim().toLowerCase() === 'total').map((r) => r.header);
  return rows.filter((r) => !/^time$/i.test(r.header.trim())).map((r) => r.header);
}

/** Recomputes one sample's abundances from its current template, overrides, volume and confirmations. */
export function recomputeSample(ctx: GatingContext, sampleId: string): void {
  const { db, store } = ctx;
  const templateId = assignedTemplateId(db, sampleId);
  const template = templateId ? currentTemplate(db, templateId) : null;
  if (!templateId || !template) {
    replaceAbundances(db, sampleId, null, []);
    return;
  }
  const overrides = sampleOverrides(db, sampleId, templateId);
  const active = new Map([...overrides].flatMap(([gateId, o]) => (o.gate ? [[gateId, o.gate] as const] : [])));
  const revisions = Object.fromEntries([...overrides].filter(([, o]) => o.gate).map(([gateId, o]) => [gateId, o.revision]));
  const effective = effectiveTemplate(template, active);
  let d: ReturnType<EventStore['describe']>;
  try {
    d = store.describe(sampleId);
  } catch (err) {
    if (!(err instanceof CurationError)) throw err;
    // No stored events (a sample imported without its listmode): nothing to count, and nothing to produce rows from.
    replaceAbundances(db, sampleId, null, []);
    return;
  }
  const produced = { templateId, templateVersion: template.version, overrides: revisions, importId: d.importId };
  const facts = sampleFacts(db, sampleId);
  const { lookup, compensation } = countingColumns(ctx, sampleId);
  let classification: ReturnType<typeof classifyTemplate>;
  try {
    classification = classifyTemplate(effective, lookup, d.events);
  } catch (err) {
    // A template the sample cannot take (a column it lacks): keep the reason beside each set, count nothing.
    const note = `template not applied: ${(err as Error).message}`;
    replaceAbundances(
      db,
      sampleId,
      produced,
      effective.sets.map((s) => ({ setId: s.id, setName: s.name, group: s.group ?? ctx.standardGroup(s.name), events: null, volume_uL: null, volumeMethod: null, dilution: 1, abundancePerMl: null, means: {}, normalisedMeans: null, flag: null, note })),
    );
    return;
  }
  const method = volumeMethod(db, sampleId);
  const beadSet = method?.method === 'beads' ? effective.sets.find((s) => s.name.toLowerCase() === method.beadSet.toLowerCase()) : undefined;
  const beadMask = beadSet ? (classification.sets.get(beadSet.id) ?? null) : null;
  const beadEvents = beadSet ? (classification.counts[beadSet.id] ?? 0) : null;
  let timeColumn: Float32Array | null = null;
  if (facts.source === 'fcs') {
    const t = findTimeParameter(d.headers.map((name) => ({ name })));
    if (t >= 0) timeColumn = lookup(d.headers[t] as string) ?? null;
  }
  const volume = resolveVolume(facts, method, beadEvents, timeColumn);
  const rule = facts.source === 'cytosense' ? smartTriggerRule(facts.metadata) : null;
  const confirmed = new Set(confirmedTriggerSets(db, sampleId).map((s) => s.toLowerCase()));
  const names = meanColumns(db, d.importId, facts.source);
  const columns = names.map((n) => lookup(n)).filter((c): c is Float32Array => c !== undefined);
  const rows: NewAbundance[] = effective.sets.map((s) => {
    const mask = classification.sets.get(s.id) as Uint8Array;
    const events = classification.counts[s.id] ?? 0;
    const a = setAbundance({ events, volume, partial: facts.partial, smartTriggered: rule !== null, smartTriggerRule: rule, insideTriggerRule: confirmed.has(s.name.toLowerCase()) });
    const m = setMeansWithBeads(columns, mask, beadMask);
    const means: Record<string, number> = {};
    const normalised: Record<string, number> = {};
    names.forEach((n, i) => {
      const v = m.means[i];
      if (v !== null && v !== undefined) means[n] = v;
      const w = m.normalised[i];
      if (w !== null && w !== undefined) normalised[n] = w;
    });
    return {
      setId: s.id,
      setName: s.name,
      group: s.group ?? ctx.standardGroup(s.name),
      events,
      volume_uL: volume.volume_uL,
      volumeMethod: volume.method,
      dilution: volume.dilutionFactor,
      abundancePerMl: a.abundance_per_mL,
      means,
      normalisedMeans: beadMask ? normalised : null,
      flag: a.flag,
      note: [a.note, compensation].filter(Boolean).join('; ') || null,
    };
  });
  replaceAbundances(db, sampleId, produced, rows);
}

export function sampleGating(ctx: GatingContext, sampleId: string): SampleGating {
  const { db } = ctx;
  const facts = sampleFacts(db, sampleId);
  const templateId = assignedTemplateId(db, sampleId);
  const summary = templateId ? (listTemplates(db).find((t) => t.id === templateId) ?? null) : null;
  const template = templateId ? currentTemplate(db, templateId) : null;
  const overrides = templateId ? sampleOverrides(db, sampleId, templateId) : new Map();
  const active = new Map([...overrides].flatMap(([gateId, o]) => (o.gate ? [[gateId, o.gate] as const] : [])));
  const abundances = sampleAbundances(db, [sampleId]);
  const method = volumeMethod(db, sampleId);
  const first = abundances[0];
  const volumeReason = first && first.volume_uL === null ? first.note : facts.source === 'cytosense' && facts.volume_ul === null ? 'the Info file gave no analysed volume' : null;
  const rule = facts.source === 'cytosense' ? smartTriggerRule(facts.metadata) : null;
  return {
    template: summary,
    effective: template ? effectiveTemplate(template, active) : null,
    overrides: [...overrides].map(([gateId, o]) => ({ gateId, version: o.revision, gate: o.gate, at: o.at, actorName: o.actorName })),
    abundances,
    volume: { method, volume_uL: first ? first.volume_uL : facts.source === 'cytosense' ? facts.volume_ul : null, reason: volumeReason },
    smartTrigger: rule === null ? null : { rule, confirmedSets: confirmedTriggerSets(db, sampleId) },
  };
}

export interface ImportedTemplate {
  template: GateTemplate;
  format: 'cytoclus-set' | 'gating-ml';
  unmatchedAxes: string[];
  issues: { set: string; message: string }[];
}

/**
 * Reads a CytoClus set definition (either XML style) or a Gating-ML 2.0 document into a template. CytoClus axes are
 * matched against `columns` (a sample's, or every column name in the library); axes that match none are listed.
 */
export function readTemplateFile(file: string, columns: readonly string[], id: string, name: string | undefined): ImportedTemplate {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (err) {
    throw new CurationError({ code: 'not-found', file, message: `cannot read the set file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
  }
  const head = decodeText(bytes.subarray(0, 4096)).text;
  try {
    if (/<(?:[\w-]+:)?Gating-ML[\s>]/.test(head)) {
      const read = readGatingMl(decodeText(bytes).text, { templateId: id, templateName: name ?? file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') });
      const template = { ...read.template, id, ...(name ? { name } : {}) };
      const known = new Set(columns.map((c) => c.toLowerCase()));
      const unmatched = new Set<string>();
      for (const g of template.gates) {
        const axes = g.type === 'range' ? [g.axis] : [g.x, g.y];
        for (const a of axes) {
          const cols = a.parameter.type === 'single' ? [a.parameter.column] : [a.parameter.numerator, a.parameter.denominator];
          for (const c of cols) if (columns.length && !known.has(c.toLowerCase())) unmatched.add(c);
        }
      }
      return { template, format: 'gating-ml', unmatchedAxes: [...unmatched].sort(), issues: read.issues.map((i) => ({ set: i.field ?? '', message: i.message })) };
    }
    const definitions = parseSetDefinitions(bytes);
    const conversion = templateFromSetDefinitions(definitions, columns, { id, name: name ?? file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, ''), version: 0 });
    const unmatched = [...new Set(conversion.issues.filter((i) => i.axis).map((i) => i.axis as string))].sort();
    return {
      template: conversion.template,
      format: 'cytoclus-set',
      unmatchedAxes: unmatched,
      issues: conversion.issues.map((i) => ({ set: i.set, message: i.message })),
    };
  } catch (err) {
    if (err instanceof CurationError) throw new CurationError({ ...err.toJSON(), file });
    throw err;
  }
}
