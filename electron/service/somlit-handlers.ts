/**
 * The SOMLIT operations of the service (shared/api/somlit-contract.ts): the table, entries and their cells as
 * change events (through the service's act(), so audit, undo and the outbox are the same as for flags and gates),
 * cytometry links from gated samples, and extraction files in and out. curation-service.ts spreads these handlers
 * into its own; the library, act and the vocabulary come from it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ActionResult, ParsedRequestOf, ResponseOf } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import type { somlitOperations } from '../../shared/api/somlit-contract.js';
import type { ActionContext, ChangeEvent, StateLookup } from '../../shared/model/change-event.js';
import { somlitFlags } from '../../shared/model/flag-schemes.js';
import { cytometryValues } from '../../shared/somlit/cytometry-link.js';
import type { SomlitEntryEdit } from '../../shared/somlit/somlit-actions.js';
import { planSomlitDelete, planSomlitEdits } from '../../shared/somlit/somlit-actions.js';
import type { SomlitValueValue } from '../../shared/somlit/somlit-entry.js';
import { stateLookup } from '../library/change-store.js';
import { cytometryCandidates, linkAbundances } from '../somlit/somlit-cytometry.js';
import type { PrefixOf } from '../somlit/somlit-cytometry.js';
import { buildExtraction, filterEntries, writeExtraction } from '../somlit/somlit-export.js';
import { prepareImport, readImportFile } from '../somlit/somlit-import.js';
import { bundledSomlitTableFile, createSomlitTableCache } from '../somlit/somlit-table-file.js';
import { entryAudit, entryViews, hasSomlitSchema, listStoredEntries, storedFieldsMap } from '../somlit/somlit-store.js';
import type { LoadedGroupVocabulary } from './group-vocabulary-file.js';

export type SomlitOperationName = keyof typeof somlitOperations;
export type SomlitHandlers = { [K in SomlitOperationName]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>> };

export interface SomlitHandlerDeps {
  db(): Database;
  libraryDir(): string;
  /** The service's act(): plans and appends in one transaction, returns the changeset. */
  act(plan: (lookup: StateLookup, ctx: ActionContext) => ChangeEvent[]): ActionResult;
  groupVocabulary(): LoadedGroupVocabulary;
}

function newEntryId(): string {
  return `se_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

function result(r: ActionResult): ActionResult {
  return { changeset: r.changeset, events: r.events, samples: r.samples };
}

export function somlitHandlers(deps: SomlitHandlerDeps): SomlitHandlers {
  const tableCache = createSomlitTableCache();
  const table = () => tableCache(deps.libraryDir()).table;

  const requireSchema = (db: Database) => {
    if (!hasSomlitSchema(db)) {
      throw new CurationError({ code: 'internal', message: 'this library cannot hold SOMLIT entries yet (its schema lacks migration 0008): update CytoCurator' });
    }
  };
  const requireEntry = (db: Database, id: string) => {
    const entry = listStoredEntries(db, table()).find((e) => e.id === id);
    if (!entry) throw new CurationError({ code: 'not-found', field: 'entryId', message: `no SOMLIT entry ${id}` });
    return entry;
  };
  const prefixOf: PrefixOf = (group, set) => {
    const vocabulary = deps.groupVocabulary();
    return (group ? vocabulary.entry(group) : null)?.somlit ?? vocabulary.entry(set)?.somlit ?? null;
  };

  /** Plans and appends edits in one transaction, reading the stored entries inside it. */
  const save = (edits: SomlitEntryEdit[], action: 'somlit-save' | 'somlit-import' | 'somlit-link-cytometry', reason: string | null) => {
    const db = deps.db();
    requireSchema(db);
    let entryIds: string[] = [];
    const r = deps.act((lookup, ctx) => {
      const plan = planSomlitEdits(lookup, table(), storedFieldsMap(listStoredEntries(db, table())), edits, { action, reason, newEntryId }, ctx);
      entryIds = plan.entryIds;
      return plan.events;
    });
    return { ...result(r), entryIds };
  };

  return {
    async somlitGetTable() {
      const { file, table: t } = tableCache(deps.libraryDir());
      return { table: t, file, bundled: path.resolve(file) === path.resolve(bundledSomlitTableFile()), codes: somlitFlags };
    },

    async somlitListEntries(request) {
      const t = table();
      const db = deps.db();
      if (!hasSomlitSchema(db)) return { entries: [] };
      return { entries: entryViews(t, filterEntries(listStoredEntries(db, t), request)) };
    },

    async somlitSaveEntries(request) {
      const edits: SomlitEntryEdit[] = request.entries.map((e) => ({
        id: e.id,
        ...(e.fields ? { fields: e.fields } : {}),
        ...(e.values
          ? { values: Object.fromEntries(Object.entries(e.values).map(([code, cell]) => [code, cell ? ({ ...cell, source: null } as SomlitValueValue) : null])) }
          : {}),
      }));
      return save(edits, 'somlit-save', request.reason);
    },

    async somlitDeleteEntries(request) {
      const db = deps.db();
      requireSchema(db);
      const stored = new Map(listStoredEntries(db, table()).map((e) => [e.id, e]));
      const entries = [...new Set(request.ids)].map((id) => ({ id, parameters: Object.keys(stored.get(id)?.values ?? {}) }));
      return result(deps.act((lookup, ctx) => planSomlitDelete(lookup, entries, request.reason, ctx)));
    },

    async somlitEntryAudit(request) {
      const db = deps.db();
      if (!hasSomlitSchema(db)) throw new CurationError({ code: 'not-found', field: 'entryId', message: `no SOMLIT entry ${request.entryId}` });
      const events = entryAudit(db, request.entryId);
      if (events.length === 0) throw new CurationError({ code: 'not-found', field: 'entryId', message: `no SOMLIT entry ${request.entryId}` });
      return { events };
    },

    async somlitCytometryCandidates(request) {
      const db = deps.db();
      requireSchema(db);
      const entry = requireEntry(db, request.entryId);
      return { samples: cytometryCandidates(db, entry.fields, request.days, prefixOf) };
    },

    async somlitLinkCytometry(request) {
      const db = deps.db();
      requireSchema(db);
      requireEntry(db, request.entryId);
      const ids = [...new Set(request.sampleIds)];
      const known = new Set(db.prepare(`SELECT id FROM samples WHERE id IN (${ids.map(() => '?').join(',')})`).pluck().all(...ids) as string[]);
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length) throw new CurationError({ code: 'not-found', field: 'sampleIds', message: `no sample ${unknown.join(', ')} in this library` });
      const records = linkAbundances(db, ids, prefixOf);
      const ungated = ids.filter((id) => !records.some((r) => r.sampleId === id));
      if (ungated.length) {
        throw new CurationError({ code: 'invalid-request', field: 'sampleIds', message: `sample ${ungated.join(', ')} has no abundances: apply a gate template to it first` });
      }
      const linked = cytometryValues(table(), records, { defaultCode: table().defaultCode });
      const base = { values: linked.values, problems: linked.problems.map((p) => ({ parameter: p.parameter, message: p.message })), unmatchedSets: linked.unmatchedSets };
      if (request.dryRun || Object.keys(linked.values).length === 0) return { ...base, changeset: null, events: 0, samples: 0 };
      const r = save([{ id: request.entryId, values: linked.values }], 'somlit-link-cytometry', request.reason ?? `linked from ${ids.length === 1 ? `sample ${ids[0]}` : `${ids.length} samples`}`);
      return { ...base, changeset: r.changeset, events: r.events, samples: 0 };
    },

    async somlitImport(request) {
      const db = deps.db();
      requireSchema(db);
      const file = path.resolve(request.path);
      const bytes = readImportFile(file);
      const t = table();
      if (request.dryRun) {
        const prepared = prepareImport(t, file, bytes, listStoredEntries(db, t));
        const plan = prepared.edits.length
          ? planSomlitEdits(stateLookup(db), t, storedFieldsMap(listStoredEntries(db, t)), prepared.edits, { action: 'somlit-import', reason: null, newEntryId }, {
              actor: 'dry-run',
              device: 'dry-run',
              at: new Date().toISOString(),
              changeset: 'dry-run',
              newId: randomUUID,
            })
          : { events: [] };
        return { ...prepared.report, changeset: null, events: 0, samples: 0, values: plan.events.filter((e) => e.target.kind === 'somlit-value').length, dryRun: true };
      }
      let prepared: ReturnType<typeof prepareImport> | null = null;
      let values = 0;
      const r = deps.act((lookup, ctx) => {
        prepared = prepareImport(t, file, bytes, listStoredEntries(db, t));
        if (prepared.edits.length === 0) return [];
        const plan = planSomlitEdits(lookup, t, storedFieldsMap(listStoredEntries(db, t)), prepared.edits, { action: 'somlit-import', reason: `imported from ${path.basename(file)}`, newEntryId }, ctx);
        values = plan.events.filter((e) => e.target.kind === 'somlit-value').length;
        return plan.events;
      });
      const done = prepared as ReturnType<typeof prepareImport> | null;
      if (!done) throw new CurationError({ code: 'internal', message: 'the import was not prepared' });
      return { ...done.report, ...result(r), values, dryRun: false };
    },

    async somlitExport(request) {
      const db = deps.db();
      const t = table();
      const entries = hasSomlitSchema(db) ? listStoredEntries(db, t) : [];
      const built = buildExtraction(t, entries, request);
      return writeExtraction(t, built, request.type, request);
    },
  };
}
