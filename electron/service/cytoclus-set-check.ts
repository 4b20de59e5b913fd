/**
 * Applies the CytoClus set definitions stored with a sample to its events and compares the counts with the set
 * exports CytoClus made itself, so a difference in gating is seen before any abundance is published.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import { parseSetDefinitions } from '../../shared/formats/cytoclus/set-definition/parse-set-definitions.js';
import { classifyTemplate } from '../../shared/gating/classify/classify.js';
import { templateFromSetDefinitions } from '../../shared/gating/cytoclus/from-set-definitions.js';
import type { EventStore } from '../library/event-store.js';

export interface SetCountComparison {
  set: string;
  /** Events our gating of the CytoClus definition puts in the set. */
  gated: number;
  /** Events in CytoClus's own export of that set, when it was exported. */
  exported: number | null;
  difference: number | null;
}

export interface SetCheck {
  definitionFile: string | null;
  partial: boolean;
  sets: SetCountComparison[];
  issues: { set: string; message: string }[];
}

export function checkCytoclusSets(db: Database, filesDir: string, store: EventStore, sampleId: string): SetCheck {
  const d = store.describe(sampleId);
  const partial = (db.prepare('SELECT partial FROM samples WHERE id = ?').pluck().get(sampleId) as number) === 1;
  const file = db.prepare("SELECT stored_path FROM import_files WHERE import_id = ? AND role = 'set-definition' AND stored_path IS NOT NULL").pluck().get(d.importId) as string | undefined;
  if (!file) return { definitionFile: null, partial, sets: [], issues: [{ set: '', message: 'no CytoClus set definition was imported with this sample' }] };
  const bytes = new Uint8Array(fs.readFileSync(path.join(filesDir, ...file.split('/'))));
  const definitions = parseSetDefinitions(bytes);
  const conversion = templateFromSetDefinitions(definitions, d.headers);
  const columns = (name: string) => {
    try {
      return store.column(sampleId, name);
    } catch {
      return undefined;
    }
  };
  const result = classifyTemplate(conversion.template, columns, d.events);
  const exported = new Map(
    (db.prepare('SELECT name, event_count FROM sample_sets WHERE import_id = ?').all(d.importId) as { name: string; event_count: number }[]).map((s) => [
      s.name.toLowerCase(),
      s.event_count,
    ]),
  );
  const sets = conversion.template.sets.map((s) => {
    const gated = result.counts[s.id] ?? 0;
    const theirs = exported.get(s.name.toLowerCase()) ?? null;
    return { set: s.name, gated, exported: theirs, difference: theirs === null ? null : gated - theirs };
  });
  if (sets.length === 0 && conversion.issues.length === 0) {
    throw new CurationError({ code: 'invalid-input', file, message: 'the set definition holds no gate-based set' });
  }
  return { definitionFile: file, partial, sets, issues: conversion.issues.map((i) => ({ set: i.set, message: i.message })) };
}
