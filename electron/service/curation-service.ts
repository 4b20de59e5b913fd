/**
 * The one service: implements CurationApi over the open library. The Electron IPC handlers, the browser-mode
 * server and the CLI are adapters over this object, so a feature written here works in all three.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { operations } from '../../shared/api/contract.js';
import type {
  AppStatus,
  CurationApi,
  CurationEventListener,
  LibraryInfo,
  OperationName,
  ParsedRequestOf,
  ResponseOf,
  ServerStatus,
} from '../../shared/api/contract.js';
import { validateRequest } from '../../shared/api/dispatch.js';
import { CurationError } from '../../shared/api/errors.js';
import type { CurationEvent } from '../../shared/api/events.js';
import { importPaths } from '../import/importer.js';
import type { WorkerEntry } from '../import/worker-runner.js';
import { demoAvailable, openDemoLibrary } from '../library/demo-library.js';
import { openLibraryDatabase, readMeta, writeMeta } from '../library/library-database.js';
import type { LibraryDatabase } from '../library/library-database.js';
import { addDeployment, applyDeployment, listDeployments, requireDeployment } from '../library/deployment-store.js';
import { countSamples, getSample, listSamples } from '../library/sample-store.js';
import type { ActionContext, ChangeEvent, StateLookup } from '../../shared/model/change-event.js';
import { planApprovalCheck, planApprove, planComment, planFlag, planMarkAttention, planRedo, planUndo } from '../../shared/model/change-event.js';
import { loadOrCreateProfile } from '../common/curator-profile.js';
import { defaultFlagMappings, flagsByScheme, mappingProblems } from '../../shared/model/flag-schemes.js';
import type { FlagMappingTables } from '../../shared/model/flag-schemes.js';
import type { CuratorProfile } from '../common/curator-profile.js';
import { appendEvents, approvalSnapshot, changesetEvents, rememberCurator, sampleAudit, stateLookup } from '../library/change-store.js';
import { selectSampleIds } from '../library/sample-store.js';
import { EventStore } from '../library/event-store.js';
import { browseFolder } from './browse-folder.js';
import { checkCytoclusSets } from './cytoclus-set-check.js';
import { getParticleImages, listParticleImages } from './particle-images.js';
import { pulseShape } from './pulse-shapes.js';
import { listGroups, timeSeries } from './time-series.js';
import { densityFor, histogramFor, particlesInRegion, particleValues } from './plot-data.js';
import { notConfiguredStatus, probeServer } from './server-probe.js';
import type { GatingContext } from './gating.js';
import { previewCounts, readTemplateFile, recomputeSample, sampleGating } from './gating.js';
import { groupVocabularyFile, loadGroupVocabulary } from './group-vocabulary-file.js';
import type { LoadedGroupVocabulary } from './group-vocabulary-file.js';
import { currentTemplate, listTemplates, sampleAbundances, samplesUsingTemplate, templateHistory, templateVersion } from '../library/gating-store.js';
import { planApplyTemplate, planConfirmTrigger, planOverrideGate, planSaveTemplate, planSetVolume } from '../../shared/model/gating-actions.js';
import type { GateTemplate } from '../../shared/gating/gate.js';
import { writeGatingMl } from '../../shared/formats/gatingml/write-gating-ml.js';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { DatasetMetadata } from '../../shared/api/publication-contract.js';
import { planSaveDataset } from '../../shared/model/dataset-actions.js';
import { datasetValue, listDatasetIds, resolveDataset } from '../publication/build-publication.js';
import { exportDataset, validateSeaDataNetFile } from '../publication/export-dataset.js';
import { somlitHandlers } from './somlit-handlers.js';
import { backupHandlers } from './backup-handlers.js';
import { writeFileAtomic } from '../backup/hash-file.js';
import { clearNvsVocabularyCache, findNvsTerm, listVocabulary, vocabularyStatus } from '../publication/nvs-vocabularies.js';
import { updateVocabularies } from '../publication/nvs-update.js';
import { listConflicts, login as loginToSyncServer, logout as logoutFromSyncServer, resolveConflict, retryFailedFiles, retryRefused, runSync as runSyncOnce, setFileRules, syncStatus } from '../sync/index.js';

export interface CurationServiceOptions {
  version: string;
  defaultLibraryDir: string;
  demoSourceDir: string;
  demoLibraryDir: string;
  /** Library to open first (default: the default library). */
  openLibraryDir?: string;
  serverUrl?: string | null;
  nativeBinding?: string;
  /** How imports parse off the main thread: a compiled worker (Electron build), the TypeScript one (default), or in process (false). */
  importWorker?: WorkerEntry | false;
  /** Who is deciding (default: the profile in the user data folder, created at first run). */
  curator?: CuratorProfile;
}

/** Target kinds whose change alters a sample's abundances. */
const gatingTargets = new Set<string>(['template-assignment', 'gate-override', 'volume', 'trigger-confirmation']);

export type CurationService = CurationApi & {
  /** Sync with the server every intervalMs while one is configured (the Electron shell and browser mode). */
  startAutoSync(intervalMs: number): void;
  close(): Promise<void>;
};

type Handlers = { [K in OperationName]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>> };

export function createCurationService(options: CurationServiceOptions): CurationService {
  const defaultDir = path.resolve(options.defaultLibraryDir);
  const demoDir = path.resolve(options.demoLibraryDir);
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const listeners = new Set<CurationEventListener>();
  const jobs = new Map<string, AbortController>();
  const serverUrl = options.serverUrl ?? null;
  let server: ServerStatus = notConfiguredStatus();
  if (serverUrl) server = { ...server, configured: true, url: serverUrl, detail: 'offline: not checked yet' };

  const curator = options.curator ?? loadOrCreateProfile(path.dirname(defaultDir));
  let library: LibraryDatabase = openUserLibrary(options.openLibraryDir ?? defaultDir);
  let events = new EventStore(library.db, library.filesDir);
  let autoSync: ReturnType<typeof setInterval> | null = null;
  let vocabularyCache: LoadedGroupVocabulary | null = null;
  const groupVocabulary = (): LoadedGroupVocabulary => {
    const file = groupVocabularyFile(library.dir);
    if (vocabularyCache?.file !== file) vocabularyCache = loadGroupVocabulary(file);
    return vocabularyCache;
  };

  /**
   * Runs a named action: plans its events from the current state and appends them, in one transaction, so the
   * plan can never be applied to a state it was not made from.
   */
  function act(plan: (lookup: StateLookup, ctx: ActionContext) => ChangeEvent[], recomputeAlso: readonly string[] = []) {
    const db = library.db;
    const changeset = randomUUID();
    const done = db.transaction(() => {
      rememberCurator(db, curator);
      const ctx: ActionContext = { actor: curator.id, device: curator.device, at: new Date().toISOString(), changeset, newId: randomUUID };
      const planned = plan(stateLookup(db), ctx);
      appendEvents(db, planned);
      // Gating changes recompute the abundances they affect, in the same transaction; approved samples whose
      // approved values changed go back to needs-attention in the same changeset.
      const affected = new Set(recomputeAlso);
      for (const e of planned) {
        if (e.target.kind === 'template') for (const id of samplesUsingTemplate(db, e.target.templateId ?? '')) affected.add(id);
        else if (gatingTargets.has(e.target.kind) && e.target.sampleId) affected.add(e.target.sampleId);
      }
      const ctxGating = gatingContext();
      for (const id of affected) recomputeSample(ctxGating, id);
      const stale = [...affected].flatMap((id) => planApprovalCheck(stateLookup(db), id, approvalSnapshot(db, id), ctx));
      appendEvents(db, stale);
      return { events: [...planned, ...stale], affected };
    })();
    if (done.affected.size) emit({ type: 'abundances-changed', sampleIds: [...done.affected] });
    return {
      changeset: done.events.length ? changeset : null,
      events: done.events.length,
      samples: new Set(done.events.flatMap((e) => (e.target.sampleId ? [e.target.sampleId] : []))).size,
      recomputed: done.affected.size,
    };
  }

  function resolvePublication(id: string) {
    const stored = readMeta(library.db, 'flag_mappings');
    return resolveDataset(library.db, id, groupVocabulary(), stored ? (JSON.parse(stored) as FlagMappingTables) : defaultFlagMappings, (collection, code) =>
      findNvsTerm({ libraryDir: library.dir }, collection, code),
    );
  }

  /** One sync of the open library; others' changes refresh the views showing them. */
  async function syncNow() {
    const ctx = gatingContext();
    const r = await runSyncOnce(library.db, library.filesDir, { recompute: (id) => recomputeSample(ctx, id) });
    if (r.changedSamples.length) emit({ type: 'abundances-changed', sampleIds: r.changedSamples });
    emit({ type: 'sync-status', status: syncStatus(library.db) });
    return r;
  }

  function gatingContext(): GatingContext {
    const vocabulary = groupVocabulary();
    return { db: library.db, store: events, standardGroup: (name) => vocabulary.standardName(name) };
  }

  function openUserLibrary(dir: string): LibraryDatabase {
    const resolved = path.resolve(dir);
    // The demo cache folder is opened only through openDemoLibrary, which keeps it read-only and current.
    if (resolved === demoDir) {
      throw new CurationError({ code: 'invalid-request', field: 'path', message: 'open the Demo library with which: "demo"' });
    }
    return openLibraryDatabase(resolved, native);
  }

  function emit(event: CurationEvent): void {
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // A failing listener (a closed window, a dropped SSE client) must not break the others.
      }
    }
  }

  function libraryInfo(): LibraryInfo {
    const kind = readMeta(library.db, 'kind') === 'demo' ? 'demo' : 'user';
    return {
      path: library.dir,
      name: readMeta(library.db, 'name') ?? path.basename(library.dir),
      kind,
      readOnly: library.readOnly,
      isDefault: library.dir === defaultDir,
      sampleCount: countSamples(library.db),
      schemaVersion: library.schemaVersion,
    };
  }

  function switchTo(next: LibraryDatabase): LibraryInfo {
    const previous = library;
    library = next;
    events = new EventStore(library.db, library.filesDir);
    if (previous !== next) previous.close();
    const info = libraryInfo();
    emit({ type: 'library-changed', library: info });
    return info;
  }

  const handlers: Handlers = {
    ...somlitHandlers({ db: () => library.db, libraryDir: () => library.dir, act: (plan) => act(plan), groupVocabulary }),
    ...backupHandlers({ library: () => library, emit, version: options.version, nativeBinding: options.nativeBinding, jobs }),
    async getStatus(): Promise<AppStatus> {
      const info = libraryInfo();
      const available = demoAvailable(options.demoSourceDir);
      return {
        version: options.version,
        library: info,
        server,
        demoAvailable: available,
        offerDemo:
          available && info.isDefault && info.sampleCount === 0 && readMeta(library.db, 'demo_offer_dismissed') !== 'yes',
      };
    },
    async checkServer() {
      if (!serverUrl) return server;
      server = await probeServer(serverUrl);
      emit({ type: 'server-status', server });
      return server;
    },
    async openLibrary(request) {
      if (jobs.size > 0) {
        throw new CurationError({ code: 'invalid-request', field: 'which', message: 'an import, backup, check or restore is running in this library; wait for it or cancel it first' });
      }
      if (request.which === 'demo') {
        return switchTo(await openDemoLibrary(options.demoSourceDir, demoDir, native));
      }
      const dir = request.which === 'path' ? path.resolve(request.path) : defaultDir;
      if (dir === library.dir) return libraryInfo();
      if (request.which === 'path' && fs.existsSync(dir) && fs.readdirSync(dir).length > 0 && !fs.existsSync(path.join(dir, 'library.sqlite'))) {
        // Never turn an unrelated non-empty folder into a library by accident.
        throw new CurationError({ code: 'invalid-input', file: dir, message: 'this folder is not a CytoCurator library and is not empty' });
      }
      return switchTo(openUserLibrary(dir));
    },
    async dismissDemoOffer() {
      writeMeta(library.db, 'demo_offer_dismissed', 'yes');
      return { dismissed: true as const };
    },
    async listSamples(request) {
      return listSamples(library.db, request);
    },
    async getSample(request) {
      const sample = getSample(library.db, request.id);
      if (!sample) throw new CurationError({ code: 'not-found', field: 'id', message: `no sample ${request.id} in ${library.dir}` });
      return sample;
    },
    async importFiles(request) {
      const job = request.job ?? randomUUID();
      if (jobs.has(job)) throw new CurationError({ code: 'invalid-request', field: 'job', message: `job ${job} is already running` });
      const controller = new AbortController();
      jobs.set(job, controller);
      try {
        const deployment = request.deployment ? requireDeployment(library.db, request.deployment) : null;
        const report = await importPaths(library, request.paths, {
          job,
          importerVersion: options.version,
          deployment,
          worker: options.importWorker ?? {},
          signal: controller.signal,
          onProgress: emit,
        });
        // A new version of an approved sample: if what was approved changed, it needs attention again.
        const renewed = report.samples.filter((s) => s.status === 'new-version').map((s) => s.id);
        // Its abundances are recomputed from the new events (act does it for the samples it is given).
        if (renewed.length) act(() => [], renewed);
        return report;
      } finally {
        jobs.delete(job);
        emit({ type: 'library-changed', library: libraryInfo() });
      }
    },
    async browseFolder(request) {
      return browseFolder(request.path);
    },
    async cancelJob(request) {
      const controller = jobs.get(request.job);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    async countSelection(request) {
      return { count: selectSampleIds(library.db, request.selection).length };
    },
    async flagSamples(request) {
      const ids = selectSampleIds(library.db, request.selection);
      return act((lookup, ctx) => planFlag(lookup, { sampleIds: ids, flag: request.flag, comment: request.comment, group: request.group }, ctx));
    },
    async approveSamples(request) {
      const ids = selectSampleIds(library.db, request.selection);
      return act((lookup, ctx) => planApprove(lookup, ids, (id) => approvalSnapshot(library.db, id), request.comment, ctx));
    },
    async markAttention(request) {
      const ids = selectSampleIds(library.db, request.selection);
      return act((lookup, ctx) => planMarkAttention(lookup, ids, request.comment, ctx));
    },
    async commentSamples(request) {
      const ids = selectSampleIds(library.db, request.selection);
      return act((lookup, ctx) => planComment(lookup, ids, request.text, ctx));
    },
    async undoChangeset(request) {
      return act((lookup, ctx) => planUndo(lookup, changesetEvents(library.db, request.changeset), ctx));
    },
    async redoChangeset(request) {
      return act((lookup, ctx) => planRedo(lookup, changesetEvents(library.db, request.changeset), ctx));
    },
    async getAudit(request) {
      if (!getSample(library.db, request.sampleId)) {
        throw new CurationError({ code: 'not-found', field: 'sampleId', message: `no sample ${request.sampleId}` });
      }
      return { events: sampleAudit(library.db, request.sampleId) };
    },
    async getDensity(request) {
      return densityFor(events, request);
    },
    async getHistogram(request) {
      return histogramFor(events, request);
    },
    async listParticleImages(request) {
      return listParticleImages(library.db, library.filesDir, request);
    },
    async getParticleImages(request) {
      return getParticleImages(library.db, library.filesDir, request);
    },
    async particlesInRegion(request) {
      return particlesInRegion(events, request);
    },
    async getParticleValues(request) {
      return particleValues(events, request);
    },
    async getPulseShape(request) {
      return { shape: await pulseShape(library.db, library.filesDir, events, request.sampleId, request.particleId) };
    },
    async listGroups(request) {
      return listGroups(library.db, request.query);
    },
    async getTimeSeries(request) {
      return timeSeries(library.db, request.query, request.group);
    },
    async getFlagSchemes() {
      const stored = readMeta(library.db, 'flag_mappings');
      const mappings = stored ? (JSON.parse(stored) as FlagMappingTables) : defaultFlagMappings;
      return { schemes: flagsByScheme, mappings, defaults: defaultFlagMappings };
    },
    async setFlagMappings(request) {
      const problems = mappingProblems(request.mappings);
      if (problems.length) throw new CurationError({ code: 'invalid-request', field: 'mappings', message: problems.join('; ') });
      // Library-wide: every curator of this library publishes with the same table (export reads it).
      writeMeta(library.db, 'flag_mappings', JSON.stringify(request.mappings));
      return { mappings: request.mappings };
    },
    async checkCytoclusSets(request) {
      return checkCytoclusSets(library.db, library.filesDir, events, request.sampleId);
    },
    async listDeployments() {
      return listDeployments(library.db);
    },
    async addDeployment(request) {
      return addDeployment(library.db, request);
    },
    async assignDeployment(request) {
      const db = library.db;
      // One transaction: every sample is assigned, or none is (an unknown id undoes the batch).
      const assigned = db.transaction(() => applyDeployment(db, requireDeployment(db, request.deployment), request.samples))();
      return { deployment: request.deployment, assigned };
    },
    async listGroupVocabulary() {
      return groupVocabulary().info();
    },
    async listGateTemplates() {
      return { templates: listTemplates(library.db) };
    },
    async getGateTemplate(request) {
      const template = request.version ? templateVersion(library.db, request.id, request.version) : currentTemplate(library.db, request.id);
      if (!template) {
        throw new CurationError({ code: 'not-found', field: request.version ? 'version' : 'id', message: `no gate template ${request.id}${request.version ? ` version ${request.version}` : ''}` });
      }
      return { template, history: templateHistory(library.db, request.id) };
    },
    async importGateTemplate(request) {
      const columns = request.sampleId ? events.describe(request.sampleId).headers : libraryColumns(library.db);
      const existing = request.templateId ? currentTemplate(library.db, request.templateId) : null;
      if (request.templateId && !existing) throw new CurationError({ code: 'not-found', field: 'templateId', message: `no gate template ${request.templateId}` });
      const id = request.templateId ?? newTemplateId();
      const read = readTemplateFile(request.path, columns, id, request.name ?? existing?.name);
      const vocabulary = groupVocabulary();
      const template: GateTemplate = { ...read.template, id, sets: read.template.sets.map((s) => ({ ...s, group: s.group ?? vocabulary.standardName(s.name) })) };
      act((lookup, ctx) => planSaveTemplate(lookup, template, existing ? existing.version : null, `imported from ${path.basename(request.path)} (${read.format})`, ctx));
      const saved = currentTemplate(library.db, id);
      return { template: { id, version: saved?.version ?? 0, sets: template.sets.map((s) => s.name) }, format: read.format, unmatchedAxes: read.unmatchedAxes, issues: read.issues };
    },
    async exportGatingMl(request) {
      const template = request.version ? templateVersion(library.db, request.id, request.version) : currentTemplate(library.db, request.id);
      if (!template) throw new CurationError({ code: 'not-found', field: 'id', message: `no gate template ${request.id}` });
      const safe = template.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || template.id;
      const xml = writeGatingMl(template);
      const fileName = `${safe}-v${template.version}.gating-ml.xml`;
      if (!request.to) return { xml, fileName, written: null };
      const dir = path.resolve(request.to);
      if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new CurationError({ code: 'invalid-request', field: 'to', file: dir, message: 'not a folder' });
      fs.mkdirSync(dir, { recursive: true });
      const written = path.join(dir, fileName);
      writeFileAtomic(written, xml);
      return { xml, fileName, written };
    },
    async saveGateTemplate(request) {
      const id = request.template.id || newTemplateId();
      const result = act((lookup, ctx) => planSaveTemplate(lookup, { ...request.template, id }, request.baseVersion, request.reason, ctx));
      return { id, version: currentTemplate(library.db, id)?.version ?? 0, changeset: result.changeset, recomputed: result.recomputed };
    },
    async applyGateTemplate(request) {
      const ids = selectSampleIds(library.db, request.selection);
      return act((lookup, ctx) => planApplyTemplate(lookup, ids, request.templateId, ctx));
    },
    async overrideGate(request) {
      return act((lookup, ctx) => planOverrideGate(lookup, request.sampleId, request.gateId, request.gate, request.reason, ctx));
    },
    async previewGateCounts(request) {
      return previewCounts(gatingContext(), request.sampleId, request.template);
    },
    async getSampleGating(request) {
      if (!getSample(library.db, request.sampleId)) throw new CurationError({ code: 'not-found', field: 'sampleId', message: `no sample ${request.sampleId}` });
      return sampleGating(gatingContext(), request.sampleId);
    },
    async listAbundances(request) {
      return { abundances: sampleAbundances(library.db, request.selection ? selectSampleIds(library.db, request.selection) : null) };
    },
    async setVolumeMethod(request) {
      const ids = selectSampleIds(library.db, request.selection);
      return act((lookup, ctx) => planSetVolume(lookup, ids, request.volume, request.reason, ctx));
    },
    async confirmTriggerRule(request) {
      return act((lookup, ctx) => planConfirmTrigger(lookup, request.sampleId, request.set, request.confirmed, request.reason, ctx));
    },
    async createDataset(request) {
      const id = newDatasetId();
      const sampleIds = datasetSampleIds(library.db, request.samples);
      act((lookup, ctx) => planSaveDataset(lookup, id, { metadata: request.metadata, sampleIds }, null, ctx));
      rememberDatasetDefaults(library.db, sampleIds, request.metadata);
      return { id, version: datasetValue(library.db, id).version };
    },
    async updateDataset(request) {
      const current = datasetValue(library.db, request.id);
      const metadata = request.metadata ?? current.value.metadata;
      const sampleIds = request.samples ? datasetSampleIds(library.db, request.samples) : current.value.sampleIds;
      const r = act((lookup, ctx) => planSaveDataset(lookup, request.id, { metadata, sampleIds }, request.baseVersion, ctx));
      if (request.metadata) rememberDatasetDefaults(library.db, sampleIds, metadata);
      return { id: request.id, version: datasetValue(library.db, request.id).version, changeset: r.changeset };
    },
    async listDatasets() {
      return { datasets: listDatasetIds(library.db).map((id) => resolvePublication(id).view).map(({ id, title, version, samples, approved, units, updatedAt, publishable }) => ({ id, title, version, samples, approved, units, updatedAt, publishable })) };
    },
    async getDataset(request) {
      return resolvePublication(request.id).view;
    },
    async getDatasetDefaults(request) {
      const stored = readMeta(library.db, `dataset-defaults:${request.deployment}`);
      return { metadata: stored ? (JSON.parse(stored) as DatasetMetadata) : null };
    },
    async exportDataset(request) {
      const job = request.job ?? randomUUID();
      const resolved = resolvePublication(request.id);
      const outDir = request.dryRun || !request.outDir ? null : path.resolve(request.outDir);
      const report = await exportDataset(resolved, request.formats, outDir, (done, total, message) => emit({ type: 'progress', job, done, total, message }));
      const unapproved = resolved.view.sampleIds
        .map((id) => getSample(library.db, id))
        .filter((s): s is NonNullable<typeof s> => !!s && s.reviewState !== 'approved')
        .map((s) => ({ id: s.id, name: s.name, reviewState: s.reviewState }));
      return { ...report, unapproved };
    },
    async validateFile(request) {
      return validateSeaDataNetFile(path.resolve(request.path));
    },
    async listVocabulary(request) {
      const l = listVocabulary({ libraryDir: library.dir }, request.collection, request.query, request.limit);
      return {
        collection: l.collection,
        title: l.title,
        version: l.version,
        date: l.date,
        source: l.source,
        total: l.total,
        terms: l.terms.map((t) => ({ code: t.code, urn: t.urn, label: t.label, ...(t.shortLabel ? { shortLabel: t.shortLabel } : {}), ...(t.deprecated ? { deprecated: true } : {}) })),
        ...(l.problem ? { problem: l.problem } : {}),
      };
    },
    async vocabularyStatus() {
      return { collections: vocabularyStatus({ libraryDir: library.dir }).map(({ collection, title, version, date, source, terms, bundledVersion, problem }) => ({ collection, title, version, date, source, terms, bundledVersion, ...(problem ? { problem } : {}) })) };
    },
    async updateVocabularies(request) {
      const report = await updateVocabularies({ libraryDir: library.dir, ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}), ...(request.collections ? { collections: request.collections } : {}) });
      clearNvsVocabularyCache();
      return { results: report.results.map((r) => ({ collection: r.collection, status: r.status, version: r.version ?? null, ...(r.reason ? { reason: r.reason } : {}) })) };
    },
    async getSyncStatus() {
      return syncStatus(library.db);
    },
    async runSync() {
      return syncNow();
    },
    async loginToServer(request) {
      const r = await loginToSyncServer(library.db, { serverUrl: request.server, user: request.user, password: request.password, device: curator.device });
      emit({ type: 'sync-status', status: syncStatus(library.db) });
      return r;
    },
    async logoutFromServer() {
      logoutFromSyncServer(library.db);
      emit({ type: 'sync-status', status: syncStatus(library.db) });
      return { loggedOut: true as const };
    },
    async listConflicts(request) {
      return { conflicts: listConflicts(library.db, { all: request.all, ...(request.sampleId ? { sampleId: request.sampleId } : {}) }) };
    },
    async resolveConflict(request) {
      const ctx = gatingContext();
      const r = resolveConflict(library.db, request.conflictId, request.choice, curator, { recompute: (id) => recomputeSample(ctx, id) });
      if (r.changedSamples.length) emit({ type: 'abundances-changed', sampleIds: r.changedSamples });
      emit({ type: 'sync-status', status: syncStatus(library.db) });
      return r;
    },
    async retrySyncItems() {
      const r = { events: retryRefused(library.db), files: retryFailedFiles(library.db) };
      emit({ type: 'sync-status', status: syncStatus(library.db) });
      return r;
    },
    async setSyncFileRules(request) {
      return { rules: setFileRules(library.db, request.rules) };
    },
  };

  // Every operation goes through one guard: changes are refused on read-only libraries (the Demo library).
  const api = {} as Record<OperationName, (request: unknown) => Promise<unknown>>;
  for (const name of Object.keys(handlers) as OperationName[]) {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    api[name] = async (request: unknown) => {
      if (operations[name].mutates && library.readOnly) {
        throw new CurationError({ code: 'read-only', message: `${libraryInfo().name} is read-only: ${name} is not allowed` });
      }
      // Validated here as well as in the adapters, so direct callers (tests, scripts) get defaults and checks too.
      return handler(validateRequest(name, request));
    };
  }

  return {
    ...(api as unknown as CurationApi),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    startAutoSync(intervalMs) {
      // Long-running faces (the Electron window, browser mode) sync in the background while a server is set up;
      // a failed run is already in the status (offline is a normal state aboard).
      if (autoSync) clearInterval(autoSync);
      autoSync = setInterval(() => {
        if (library.readOnly || !syncStatus(library.db).configured) return;
        syncNow().catch(() => emit({ type: 'sync-status', status: syncStatus(library.db) }));
      }, intervalMs);
      autoSync.unref?.();
    },
    async close() {
      if (autoSync) clearInterval(autoSync);
      listeners.clear();
      library.close();
    },
  };
}

/** Every column name in the library's current imports (to match a set file's axes when no sample is given). */
function libraryColumns(db: SqliteDatabase): string[] {
  return db.prepare('SELECT DISTINCT c.header FROM event_columns c JOIN samples s ON s.current_import_id = c.import_id ORDER BY c.header').pluck().all() as string[];
}

function newTemplateId(): string {
  return `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

function newDatasetId(): string {
  return `d_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** all | approved (now) | listed ids (each must exist). */
function datasetSampleIds(db: SqliteDatabase, samples: 'all' | 'approved' | { ids: string[] }): string[] {
  if (samples === 'all') return db.prepare('SELECT id FROM samples ORDER BY started_at, id').pluck().all() as string[];
  if (samples === 'approved') return db.prepare("SELECT id FROM samples WHERE review_state = 'approved' ORDER BY started_at, id").pluck().all() as string[];
  const known = new Set(db.prepare('SELECT id FROM samples').pluck().all() as string[]);
  const unknown = samples.ids.filter((id) => !known.has(id));
  if (unknown.length) throw new CurationError({ code: 'not-found', field: 'samples', message: `no sample ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''} in this library` });
  return [...new Set(samples.ids)];
}

/** Remembers the metadata per deployment of the dataset's samples, to start the next dataset of that deployment from. */
function rememberDatasetDefaults(db: SqliteDatabase, sampleIds: readonly string[], metadata: DatasetMetadata): void {
  const stmt = db.prepare('SELECT DISTINCT deployment FROM samples WHERE id = ? AND deployment IS NOT NULL').pluck();
  const deployments = new Set(sampleIds.flatMap((id) => stmt.all(id) as string[]));
  for (const d of deployments) writeMeta(db, `dataset-defaults:${d}`, JSON.stringify(metadata));
}
