/**
 * The Publish view's state: the datasets of the library, the one open in the editor (its stored view — with what
 * is missing and the warnings — and the form being edited), the samples a new dataset starts from, the NVS
 * vocabularies in use, the export (formats, output folder, running job with its last progress event, report) and
 * the "Validate a file…" check. Actions call the API given at creation, so tests pass a fake.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CurationApi, ResponseOf } from '../../shared/api/contract.js';
import { toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { CurationEvent, ProgressEvent } from '../../shared/api/events.js';
import type { DatasetSummary, DatasetView, ExportReport, PublicationFormat, ValidationReport } from '../../shared/api/publication-contract.js';
import { publicationFormats } from '../../shared/api/publication-contract.js';
import type { SampleSummary } from '../../shared/model/sample.js';
import type { DatasetDraft } from './dataset-draft.js';
import { draftFromMetadata, draftToMetadataInput, emptyDraft, sameSamples, setDatasetSamples } from './dataset-draft.js';
import type { DraftProblem } from './draft-problems.js';
import { checkDraft, serviceProblem } from './draft-problems.js';
import type { SampleSource } from './sample-source.js';
import { mainDeployment, sourceRows, summariesOf } from './sample-source.js';

export type VocabularyStatus = ResponseOf<'vocabularyStatus'>['collections'][number];
export type VocabularyUpdateResult = ResponseOf<'updateVocabularies'>['results'][number];
export type ExportKind = 'preview' | 'write';

/** What opening something else would discard. */
export type PendingSwitch = { kind: 'open'; id: string } | { kind: 'new'; source: SampleSource };

export interface ExportState {
  formats: PublicationFormat[];
  outDir: string;
  running: ExportKind | null;
  job: string | null;
  progress: ProgressEvent | null;
  report: ExportReport | null;
  reportKind: ExportKind | null;
  error: CurationErrorData | null;
}

export interface FileCheck {
  path: string | null;
  running: boolean;
  report: ValidationReport | null;
  error: CurationErrorData | null;
}

export interface PublishState {
  datasets: DatasetSummary[] | null;
  listError: CurationErrorData | null;
  /** Samples selected in the table when the Publish view was opened (a new dataset may start from them). */
  carried: string[];

  /** Open in the editor: a stored dataset (id) or a new one (id null); null when none is open. */
  editing: { id: string | null } | null;
  view: DatasetView | null;
  draft: DatasetDraft | null;
  /** The form as loaded or last saved (JSON), to tell unsaved changes; null for a new dataset. */
  savedDraft: string | null;
  /** Rows of the dataset's samples (name, time, review state), by id. */
  sampleRows: Record<string, SampleSummary>;
  /** The deployment whose remembered metadata started a new dataset. */
  prefilledFrom: { deployment: string; kind: 'defaults' | 'deployment' } | null;
  loading: boolean;
  saving: boolean;
  /** A save was tried: every problem is shown next to its field (before, only those not about empty fields). */
  attempted: boolean;
  serviceProblems: DraftProblem[];
  conflict: { base: number; current: number | null } | null;
  editorError: CurationErrorData | null;
  savedVersion: number | null;
  pendingSwitch: PendingSwitch | null;

  vocabularies: VocabularyStatus[] | null;
  vocabularyError: CurationErrorData | null;
  /** Bumped when the vocabularies were updated: pickers read their terms again. */
  vocabularyRevision: number;
  updatingVocabularies: boolean;
  vocabularyUpdate: VocabularyUpdateResult[] | null;
  vocabularyUpdateError: CurationErrorData | null;

  exporting: ExportState;
  fileCheck: FileCheck;

  load(): Promise<void>;
  carrySelection(ids: string[]): void;
  open(id: string): Promise<void>;
  newDataset(source: SampleSource): Promise<void>;
  confirmSwitch(): Promise<void>;
  cancelSwitch(): void;
  close(): void;
  edit(change: (draft: DatasetDraft) => DatasetDraft): void;
  addSamples(source: SampleSource): Promise<void>;
  save(): Promise<void>;
  reload(): Promise<void>;
  /** Reads the stored dataset again (what is missing may change after approvals), keeping the form. */
  recheck(): Promise<void>;
  refreshVocabularies(): Promise<void>;
  setFormats(formats: PublicationFormat[]): void;
  setOutDir(outDir: string): void;
  runExport(kind: ExportKind, outDir: string): Promise<void>;
  checkFile(path: string): Promise<void>;
  clearFileCheck(): void;
  applyEvent(event: CurationEvent): void;
}

export type PublishStore = StoreApi<PublishState>;

let jobCounter = 0;
function newJob(): string {
  jobCounter += 1;
  return `publish-${Date.now().toString(36)}-${jobCounter}`;
}

const idleExport = (formats: PublicationFormat[] = [...publicationFormats], outDir = ''): ExportState => ({
  formats,
  outDir,
  running: null,
  job: null,
  progress: null,
  report: null,
  reportKind: null,
  error: null,
});

const closedEditor = {
  editing: null,
  view: null,
  draft: null,
  savedDraft: null,
  sampleRows: {},
  prefilledFrom: null,
  loading: false,
  saving: false,
  attempted: false,
  serviceProblems: [],
  conflict: null,
  editorError: null,
  savedVersion: null,
  pendingSwitch: null,
} satisfies Partial<PublishState>;

function rowsById(rows: readonly SampleSummary[]): Record<string, SampleSummary> {
  return Object.fromEntries(rows.map((r) => [r.id, r]));
}

export function isDirty(s: Pick<PublishState, 'editing' | 'draft' | 'savedDraft'>): boolean {
  if (!s.editing || !s.draft) return false;
  return s.savedDraft === null || JSON.stringify(s.draft) !== s.savedDraft;
}

export function createPublishStore(api: () => CurationApi): PublishStore {
  return createStore<PublishState>()((set, get) => {
    /** Guards against an older answer replacing a newer one (open A, then B, A answers last). */
    let openSeq = 0;

    async function loadList(): Promise<void> {
      try {
        const { datasets } = await api().listDatasets({});
        set({ datasets, listError: null });
      } catch (err) {
        set({ listError: toErrorData(err) });
      }
    }

    async function loadVocabularies(): Promise<void> {
      try {
        const { collections } = await api().vocabularyStatus({});
        set({ vocabularies: collections, vocabularyError: null });
      } catch (err) {
        set({ vocabularyError: toErrorData(err) });
      }
    }

    async function loadRows(ids: readonly string[], seq: number): Promise<void> {
      try {
        const { rows } = await summariesOf(api(), ids);
        if (seq === openSeq) set((s) => ({ sampleRows: { ...s.sampleRows, ...rowsById(rows) } }));
      } catch {
        // Names are a convenience: the ids are shown without them.
      }
    }

    async function doOpen(id: string, keep: Partial<PublishState> = {}): Promise<void> {
      const seq = ++openSeq;
      set({ ...closedEditor, editing: { id }, loading: true, exporting: idleExport(get().exporting.formats, get().exporting.outDir), ...keep });
      try {
        const view = await api().getDataset({ id });
        if (seq !== openSeq) return;
        const draft = draftFromMetadata(view.metadata, view.sampleIds);
        set({ view, draft, savedDraft: JSON.stringify(draft), loading: false });
        void loadRows(view.sampleIds, seq);
      } catch (err) {
        if (seq === openSeq) set({ loading: false, editorError: toErrorData(err) });
      }
    }

    async function doNew(source: SampleSource): Promise<void> {
      const seq = ++openSeq;
      set({ ...closedEditor, editing: { id: null }, loading: true, exporting: idleExport(get().exporting.formats, get().exporting.outDir) });
      try {
        const rows = await sourceRows(api(), source);
        if (seq !== openSeq) return;
        const ids = rows.map((r) => r.id);
        let draft = emptyDraft(ids);
        let prefilledFrom: PublishState['prefilledFrom'] = null;
        const deployment = mainDeployment(rows);
        if (deployment) {
          const { metadata } = await api().getDatasetDefaults({ deployment });
          if (metadata) {
            draft = draftFromMetadata(metadata, ids);
            // Units of an earlier dataset keep their stations; these samples start in the first one.
            draft = { ...draft, units: draft.units.map((u, i) => (draft.units.length === 1 ? { ...u, samples: null } : { ...u, samples: i === 0 ? [...ids] : [] })) };
            prefilledFrom = { deployment, kind: 'defaults' };
          } else {
            const record = (await api().listDeployments({})).find((d) => d.name === deployment);
            if (record) {
              const [unit] = draft.units;
              const text = (n: number | null) => (n === null ? '' : String(n));
              if (unit) {
                draft.units = [
                  {
                    ...unit,
                    stationName: record.station ?? record.name,
                    latitude: text(record.latitude),
                    longitude: text(record.longitude),
                    samplingDepth: text(record.samplingDepthMetres),
                    bottomDepth: text(record.bottomDepthMetres),
                  },
                ];
              }
              prefilledFrom = { deployment, kind: 'deployment' };
            }
          }
        }
        if (seq !== openSeq) return;
        set({ draft, sampleRows: rowsById(rows), prefilledFrom, loading: false });
      } catch (err) {
        if (seq === openSeq) set({ loading: false, editorError: toErrorData(err), draft: get().draft ?? emptyDraft() });
      }
    }

    return {
      datasets: null,
      listError: null,
      carried: [],
      ...closedEditor,
      vocabularies: null,
      vocabularyError: null,
      vocabularyRevision: 0,
      updatingVocabularies: false,
      vocabularyUpdate: null,
      vocabularyUpdateError: null,
      exporting: idleExport(),
      fileCheck: { path: null, running: false, report: null, error: null },

      async load() {
        await Promise.all([loadList(), loadVocabularies()]);
        if (get().editing?.id && !isDirty(get())) await get().recheck();
      },

      carrySelection(ids) {
        set({ carried: [...ids] });
      },

      async open(id) {
        if (isDirty(get())) {
          set({ pendingSwitch: { kind: 'open', id } });
          return;
        }
        await doOpen(id);
      },

      async newDataset(source) {
        if (isDirty(get())) {
          set({ pendingSwitch: { kind: 'new', source } });
          return;
        }
        await doNew(source);
      },

      async confirmSwitch() {
        const pending = get().pendingSwitch;
        set({ pendingSwitch: null });
        if (!pending) return;
        if (pending.kind === 'open') await doOpen(pending.id);
        else await doNew(pending.source);
      },

      cancelSwitch() {
        set({ pendingSwitch: null });
      },

      close() {
        openSeq += 1;
        set({ ...closedEditor, exporting: idleExport(get().exporting.formats, get().exporting.outDir) });
      },

      edit(change) {
        const draft = get().draft;
        if (!draft) return;
        set({ draft: change(draft), serviceProblems: [], savedVersion: null });
      },

      async addSamples(source) {
        const draft = get().draft;
        if (!draft) return;
        try {
          const rows = await sourceRows(api(), source);
          const current = get().draft;
          if (!current) return;
          const added = rows.map((r) => r.id).filter((id) => !current.sampleIds.includes(id));
          let next = setDatasetSamples(current, [...current.sampleIds, ...added]);
          // With several units, the new samples go to the first one (moved from there by hand).
          if (next.units.length > 1 && added.length) next = { ...next, units: next.units.map((u, i) => (i === 0 ? { ...u, samples: [...(u.samples ?? []), ...added] } : u)) };
          set((s) => ({ draft: next, sampleRows: { ...s.sampleRows, ...rowsById(rows) }, serviceProblems: [], savedVersion: null }));
        } catch (err) {
          set({ editorError: toErrorData(err) });
        }
      },

      async save() {
        const { draft, editing, view } = get();
        if (!draft || !editing || get().saving) return;
        if (checkDraft(draft).length) {
          set({ attempted: true });
          return;
        }
        const metadata = draftToMetadataInput(draft);
        set({ saving: true, editorError: null, serviceProblems: [], conflict: null });
        try {
          if (editing.id === null) {
            const created = await api().createDataset({ metadata, samples: { ids: draft.sampleIds } });
            await doOpen(created.id, { savedVersion: created.version });
          } else if (view) {
            const samplesChanged = !sameSamples(draft.sampleIds, view.sampleIds);
            const updated = await api().updateDataset({ id: editing.id, baseVersion: view.version, metadata, ...(samplesChanged ? { samples: { ids: draft.sampleIds } } : {}) });
            await doOpen(editing.id, { savedVersion: updated.version });
          }
          await loadList();
        } catch (err) {
          const data = toErrorData(err);
          if (data.code === 'conflict' && editing.id && view) {
            const latest = await api()
              .getDataset({ id: editing.id })
              .catch(() => null);
            set({ conflict: { base: view.version, current: latest?.version ?? null } });
          } else {
            const problem = serviceProblem(data);
            if (problem) set({ serviceProblems: [problem], attempted: true });
            else set({ editorError: data });
          }
        } finally {
          set({ saving: false });
        }
      },

      async reload() {
        const id = get().editing?.id;
        if (!id) return;
        await doOpen(id);
        await loadList();
      },

      async recheck() {
        const id = get().editing?.id;
        if (!id) return;
        const seq = openSeq;
        try {
          const view = await api().getDataset({ id });
          if (seq !== openSeq) return;
          if (isDirty(get())) {
            set({ view: { ...view, version: get().view?.version ?? view.version } });
          } else {
            const draft = draftFromMetadata(view.metadata, view.sampleIds);
            set({ view, draft, savedDraft: JSON.stringify(draft) });
          }
        } catch (err) {
          if (seq === openSeq) set({ editorError: toErrorData(err) });
        }
      },

      async refreshVocabularies() {
        if (get().updatingVocabularies) return;
        set({ updatingVocabularies: true, vocabularyUpdate: null, vocabularyUpdateError: null });
        try {
          const { results } = await api().updateVocabularies({});
          set((s) => ({ vocabularyUpdate: results, vocabularyRevision: s.vocabularyRevision + 1 }));
        } catch (err) {
          set({ vocabularyUpdateError: toErrorData(err) });
        } finally {
          set({ updatingVocabularies: false });
        }
        await loadVocabularies();
        if (get().editing?.id) await get().recheck();
      },

      setFormats(formats) {
        set((s) => ({ exporting: { ...s.exporting, formats: publicationFormats.filter((f) => formats.includes(f)) } }));
      },

      setOutDir(outDir) {
        set((s) => ({ exporting: { ...s.exporting, outDir } }));
      },

      async runExport(kind, outDir) {
        const { view, exporting } = get();
        const to = outDir.trim();
        if (!view || exporting.running || (kind === 'write' && !to) || exporting.formats.length === 0) return;
        const job = newJob();
        set((s) => ({ exporting: { ...s.exporting, running: kind, job, progress: null, report: null, reportKind: null, error: null } }));
        try {
          const report = await api().exportDataset(
            kind === 'preview' ? { id: view.id, formats: exporting.formats, dryRun: true, job } : { id: view.id, formats: exporting.formats, outDir: to, job },
          );
          set((s) => ({ exporting: { ...s.exporting, report, reportKind: kind } }));
        } catch (err) {
          set((s) => ({ exporting: { ...s.exporting, error: toErrorData(err) } }));
        } finally {
          set((s) => ({ exporting: { ...s.exporting, running: null, job: null } }));
        }
      },

      async checkFile(path) {
        if (get().fileCheck.running) return;
        set({ fileCheck: { path, running: true, report: null, error: null } });
        try {
          const report = await api().validateFile({ path });
          set({ fileCheck: { path, running: false, report, error: null } });
        } catch (err) {
          set({ fileCheck: { path, running: false, report: null, error: toErrorData(err) } });
        }
      },

      clearFileCheck() {
        set({ fileCheck: { path: null, running: false, report: null, error: null } });
      },

      applyEvent(event) {
        if (event.type === 'progress') {
          if (event.job === get().exporting.job) set((s) => ({ exporting: { ...s.exporting, progress: event } }));
        } else if (event.type === 'library-changed') {
          // Another library: its own datasets; nothing of the previous one stays open.
          openSeq += 1;
          set({ ...closedEditor, datasets: null, carried: [], exporting: idleExport(get().exporting.formats), vocabularyUpdate: null, vocabularyUpdateError: null });
          void get().load();
        }
      },
    };
  });
}
