/**
 * The gate editor of the open sample: its gating as the service has it (template, overrides, abundances, volume),
 * the template being edited (its saved version and history, what that version is for this sample, and the draft
 * the mouse changes), the tool and selected gate, the live counts of the draft, the vocabulary and the list of
 * templates. Drafts are kept per sample for the session, so going to another sample and back does not lose edits.
 * Every change of the draft asks for counts (debounced, latest wins). Actions call the API given at creation, so
 * tests pass a fake; what should happen elsewhere after a change (toast, table refresh) goes through `notify` and
 * `onDataChanged`.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CurationApi, ResponseOf } from '../../shared/api/contract.js';
import type { GateCounts, GroupVocabularyEntryInfo, SampleGating, TemplateSummary, TemplateVersionInfo } from '../../shared/api/gating-contract.js';
import { toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { Gate, GateTemplate } from '../../shared/gating/gate.js';
import type { MessageKey } from '../i18n/en.js';
import type { MessageParams } from '../i18n/translate.js';
import type { PreviewTimers } from './preview-scheduler.js';
import { createPreviewScheduler } from './preview-scheduler.js';
import type { GateGeometry } from './template-edit.js';
import type { VolumeMethod } from './volume-form.js';
import {
  addGateWithSet,
  emptyTemplate,
  newId,
  rebaseDraft,
  removeGate,
  renameSet,
  replaceGate,
  setSetColour,
  setSetGroup,
  templateDiff,
  templateForSave,
} from './template-edit.js';

export type GateTool = 'select' | 'rectangle' | 'polygon' | 'ellipse';
export const GATE_TOOLS: readonly GateTool[] = ['select', 'rectangle', 'polygon', 'ellipse'];

export type GatingAction = 'load' | 'save' | 'apply' | 'override' | 'remove-override' | 'volume' | 'trigger' | 'edit' | 'import' | 'export';

export interface GatingProblem {
  action: GatingAction;
  /** 'conflict': another version was saved since this draft's; the fix is to reload. */
  kind: 'conflict' | 'error';
  error: CurationErrorData;
}

export type ImportResult = ResponseOf<'importGateTemplate'>;

/** The editing state kept per sample. */
interface Editor {
  /** Saved version the draft starts from (null: a template never saved). */
  saved: GateTemplate | null;
  history: TemplateVersionInfo[];
  /** The saved version as it applies to this sample (its overrides in place) when it is the sample's template. */
  effective: GateTemplate | null;
  draft: GateTemplate | null;
  /** Sets still named automatically ("Set 2"): choosing their group names them. */
  autoNamed: string[];
}

const noEditor: Editor = { saved: null, history: [], effective: null, draft: null, autoNamed: [] };

export interface GatingState extends Editor {
  sampleId: string | null;
  gating: SampleGating | null;
  loading: boolean;
  templates: TemplateSummary[];
  vocabulary: GroupVocabularyEntryInfo[];
  vocabularyVersion: string | null;
  vocabularyNote: string | null;
  /** Bumped on every change of the draft; counts carry the revision they were computed for. */
  draftRevision: number;
  selectedGateId: string | null;
  tool: GateTool;
  counts: GateCounts | null;
  countsRevision: number;
  countsError: CurationErrorData | null;
  busy: boolean;
  problem: GatingProblem | null;
  /** Where the last Gating-ML export was written. */
  exported: string | null;
  /** Samples (other than this one) with unsaved gate edits kept for this session. */
  stashedSamples: string[];

  open(sampleId: string): Promise<void>;
  close(): void;
  /** Forgets everything (another library was opened). */
  reset(): void;
  /** Reloads the sample's gating; the draft follows where the user has not edited it. */
  refresh(): Promise<void>;
  refreshTemplates(): Promise<void>;
  /** Loads the group vocabulary once (views that show group names call it). */
  ensureVocabulary(): Promise<void>;
  onAbundancesChanged(sampleIds: readonly string[]): void;

  newTemplate(name: string): void;
  editTemplate(templateId: string): Promise<void>;
  applyToSample(templateId: string): Promise<void>;
  /** Drops the unsaved edits: back to the saved version being edited, or to the sample's template after a new one. */
  discard(): void;
  reloadTemplate(): Promise<void>;

  setTool(tool: GateTool): void;
  select(gateId: string | null): void;
  /** Adds a drawn gate (and its set), starting a new template named `templateName` when there is no draft. */
  addGate(geometry: GateGeometry, names: { set: string; template: string }): void;
  changeGate(gate: Gate): void;
  deleteGate(gateId: string): void;
  renameSet(setId: string, name: string): void;
  setGroup(setId: string, group: string | null): void;
  setColour(setId: string, colour: string | null): void;
  renameTemplate(name: string): void;
  setExclusive(exclusive: boolean): void;

  saveVersion(reason: string | null): Promise<boolean>;
  overrideGate(gateId: string, reason: string | null): Promise<boolean>;
  removeOverride(gateId: string, reason: string | null): Promise<boolean>;
  setVolume(volume: VolumeMethod, reason: string | null): Promise<boolean>;
  confirmTrigger(set: string, confirmed: boolean, reason: string | null): Promise<boolean>;
  importFile(request: { path: string; name?: string; templateId?: string }): Promise<ImportResult | null>;
  dismissProblem(): void;
  /** Writes a template version as Gating-ML 2.0 into a folder. */
  exportTemplate(templateId: string, version: number, folder: string): Promise<void>;
}

export type GatingStore = StoreApi<GatingState>;

export interface GatingNotice {
  key: MessageKey;
  params?: MessageParams;
}

export interface GatingStoreDeps {
  api: () => CurationApi;
  /** A change went through: say so (with Undo when there is a changeset). */
  notify?: (notice: GatingNotice, changeset: string | null) => void;
  /** Samples' groups or abundances changed: tables and plots elsewhere reload. */
  onDataChanged?: () => void;
  timers?: PreviewTimers;
}

const clone = <T>(v: T): T => structuredClone(v);

/** The draft differs from where it started (its saved version for this sample, or nothing). */
export function isDirty(s: Pick<GatingState, 'draft' | 'effective' | 'saved'>): boolean {
  if (!s.draft) return false;
  const start = s.effective ?? s.saved;
  if (!start) return s.draft.gates.length > 0 || s.draft.sets.length > 0;
  return templateDiff(start, s.draft).dirty;
}

export function createGatingStore(deps: GatingStoreDeps): GatingStore {
  const notify = deps.notify ?? (() => undefined);
  const dataChanged = deps.onDataChanged ?? (() => undefined);
  const stash = new Map<string, Editor>();
  let loadSeq = 0;

  return createStore<GatingState>()((set, get) => {
    const preview = createPreviewScheduler<{ sampleId: string; template: GateTemplate; revision: number }, GateCounts>({
      run: (r) => deps.api().previewGateCounts({ sampleId: r.sampleId, template: r.template }),
      onResult: (counts, r) => {
        if (get().sampleId === r.sampleId) set({ counts, countsRevision: r.revision, countsError: null });
      },
      onError: (err, r) => {
        if (get().sampleId === r.sampleId) set({ countsError: toErrorData(err), countsRevision: r.revision });
      },
      ...(deps.timers ? { timers: deps.timers } : {}),
    });

    const askCounts = () => {
      const { sampleId, draft, draftRevision } = get();
      if (!sampleId || !draft || draft.gates.length === 0) {
        preview.cancel();
        set({ counts: null, countsError: null, countsRevision: draftRevision });
        return;
      }
      preview.request({ sampleId, template: draft, revision: draftRevision });
    };

    /** A new draft (or none): counts follow. */
    const setDraft = (draft: GateTemplate | null, extra: Partial<GatingState> = {}) => {
      const selected = extra.selectedGateId !== undefined ? extra.selectedGateId : get().selectedGateId;
      set((s) => ({
        ...extra,
        draft,
        draftRevision: s.draftRevision + 1,
        selectedGateId: draft && selected && draft.gates.some((g) => g.id === selected) ? selected : null,
      }));
      askCounts();
    };

    const editDraft = (change: (draft: GateTemplate) => GateTemplate) => {
      const draft = get().draft;
      if (!draft) return;
      const next = change(draft);
      if (next !== draft) setDraft(next);
    };

    const fail = (action: GatingAction, err: unknown) => {
      const error = toErrorData(err);
      set({ problem: { action, kind: error.code === 'conflict' && action === 'save' ? 'conflict' : 'error', error } });
    };

    /** Runs a change: busy meanwhile, problem on failure; true when it went through. */
    const act = async (action: GatingAction, run: () => Promise<void>): Promise<boolean> => {
      set({ busy: true, problem: null });
      try {
        await run();
        return true;
      } catch (err) {
        fail(action, err);
        return false;
      } finally {
        set({ busy: false });
      }
    };

    let vocabularyLoad: Promise<void> | null = null;
    const loadVocabulary = async () => {
      if (get().vocabulary.length > 0) return;
      vocabularyLoad ??= deps
        .api()
        .listGroupVocabulary({})
        .then((v) => set({ vocabulary: v.entries, vocabularyVersion: v.version, vocabularyNote: v.note }))
        .finally(() => {
          vocabularyLoad = null;
        });
      await vocabularyLoad;
    };

    /**
     * Reads the sample's gating and (when it has one) its template. `keep`: the draft to keep editing (rebased on
     * what changed); otherwise the draft starts again from the sample's template.
     */
    const load = async (sampleId: string, keep: Editor | null): Promise<void> => {
      const seq = ++loadSeq;
      const api = deps.api();
      const [gating, templates] = await Promise.all([api.getSampleGating({ sampleId }), api.listGateTemplates({})]);
      if (seq !== loadSeq || get().sampleId !== sampleId) return;
      set({ gating, templates: templates.templates });
      if (keep && !keep.saved) {
        // A template never saved: nothing on the service to follow
        setDraft(keep.draft, { ...keep });
        return;
      }
      const editingId = keep?.saved?.id ?? gating.template?.id ?? null;
      if (!editingId) {
        setDraft(null, { ...noEditor });
        return;
      }
      const loaded = await api.getGateTemplate({ id: editingId });
      if (seq !== loadSeq || get().sampleId !== sampleId) return;
      const effective = gating.template?.id === editingId && gating.effective ? gating.effective : loaded.template;
      if (keep && keep.draft && keep.effective) {
        setDraft(rebaseDraft(keep.effective, effective, keep.draft), { saved: loaded.template, history: loaded.history, effective, autoNamed: keep.autoNamed });
      } else {
        setDraft(clone(effective), { saved: loaded.template, history: loaded.history, effective, autoNamed: [] });
      }
    };

    const editorOf = (s: GatingState): Editor => ({ saved: s.saved, history: s.history, effective: s.effective, draft: s.draft, autoNamed: s.autoNamed });

    /** Reloads after a change of this sample's gating made here, keeping the draft where the user edited it. */
    const reloadKeeping = async () => {
      const s = get();
      if (!s.sampleId) return;
      await load(s.sampleId, isDirty(s) ? editorOf(s) : s.saved ? { ...editorOf(s), draft: s.effective } : null);
    };

    return {
      ...noEditor,
      sampleId: null,
      gating: null,
      loading: false,
      templates: [],
      vocabulary: [],
      vocabularyVersion: null,
      vocabularyNote: null,
      draftRevision: 0,
      selectedGateId: null,
      tool: 'select',
      counts: null,
      countsRevision: 0,
      countsError: null,
      busy: false,
      problem: null,
      exported: null,
      stashedSamples: [],

      async open(sampleId) {
        const s = get();
        if (s.sampleId === sampleId) {
          await s.refresh();
          return;
        }
        if (s.sampleId && isDirty(s)) stash.set(s.sampleId, editorOf(s));
        const kept = stash.get(sampleId) ?? null;
        stash.delete(sampleId);
        preview.cancel();
        set({
          ...noEditor,
          sampleId,
          gating: null,
          loading: true,
          selectedGateId: null,
          counts: null,
          countsError: null,
          problem: null,
          tool: 'select',
          stashedSamples: [...stash.keys()],
        });
        try {
          await Promise.all([load(sampleId, kept), loadVocabulary()]);
        } catch (err) {
          if (get().sampleId === sampleId) fail('load', err);
        } finally {
          if (get().sampleId === sampleId) set({ loading: false });
        }
      },

      close() {
        const s = get();
        if (s.sampleId && isDirty(s)) stash.set(s.sampleId, editorOf(s));
        preview.cancel();
        loadSeq++;
        set({ ...noEditor, sampleId: null, gating: null, loading: false, selectedGateId: null, counts: null, countsError: null, problem: null, stashedSamples: [...stash.keys()] });
      },

      reset() {
        stash.clear();
        preview.cancel();
        loadSeq++;
        set({ ...noEditor, sampleId: null, gating: null, loading: false, templates: [], vocabulary: [], vocabularyVersion: null, vocabularyNote: null, selectedGateId: null, counts: null, countsError: null, problem: null, stashedSamples: [] });
      },

      async refresh() {
        const sampleId = get().sampleId;
        if (!sampleId) return;
        try {
          await Promise.all([reloadKeeping(), loadVocabulary()]);
        } catch (err) {
          if (get().sampleId === sampleId) fail('load', err);
        }
      },

      async refreshTemplates() {
        try {
          const { templates } = await deps.api().listGateTemplates({});
          set({ templates });
        } catch (err) {
          fail('load', err);
        }
      },

      async ensureVocabulary() {
        try {
          await loadVocabulary();
        } catch {
          // Names are then shown without their mark; the sample's gating load reports the failure
        }
      },

      onAbundancesChanged(sampleIds) {
        const id = get().sampleId;
        if (id && (sampleIds.length === 0 || sampleIds.includes(id))) void get().refresh();
        else void get().refreshTemplates();
      },

      newTemplate(name) {
        setDraft(emptyTemplate(name), { saved: null, history: [], effective: null, autoNamed: [], selectedGateId: null, problem: null });
      },

      async editTemplate(templateId) {
        const sampleId = get().sampleId;
        await act('edit', async () => {
          const loaded = await deps.api().getGateTemplate({ id: templateId });
          if (get().sampleId !== sampleId) return;
          const gating = get().gating;
          const effective = gating?.template?.id === templateId && gating.effective ? gating.effective : loaded.template;
          setDraft(clone(effective), { saved: loaded.template, history: loaded.history, effective, autoNamed: [], selectedGateId: null });
        });
      },

      async applyToSample(templateId) {
        const sampleId = get().sampleId;
        if (!sampleId) return;
        await act('apply', async () => {
          const result = await deps.api().applyGateTemplate({ templateId, selection: { ids: [sampleId] } });
          notify({ key: 'gating.appliedHere' }, result.changeset);
          dataChanged();
          const s = get();
          // Applying what is being edited keeps the edits; anything else starts from the applied template
          await load(sampleId, s.saved?.id === templateId && isDirty(s) ? editorOf(s) : null);
        });
      },

      discard() {
        const s = get();
        if (s.saved) {
          setDraft(clone(s.effective ?? s.saved), { autoNamed: [], problem: null });
          return;
        }
        // A template never saved: back to the sample's own template (or none)
        setDraft(null, { ...noEditor, problem: null });
        if (s.sampleId) void load(s.sampleId, null).catch((err: unknown) => fail('load', err));
      },

      async reloadTemplate() {
        const s = get();
        if (!s.sampleId) return;
        const id = s.saved?.id;
        set({ problem: null });
        await act('load', async () => {
          await load(s.sampleId!, null);
          if (id && get().saved?.id !== id) await get().editTemplate(id);
        });
      },

      setTool(tool) {
        set({ tool });
      },

      select(gateId) {
        set({ selectedGateId: gateId });
      },

      addGate(geometry, names) {
        const s = get();
        const draft = s.draft ?? emptyTemplate(names.template);
        const gateId = newId('gate');
        const setId = newId('set');
        const next = addGateWithSet(draft, geometry, { gateId, setId, baseName: names.set });
        setDraft(next, { selectedGateId: gateId, tool: 'select', autoNamed: [...s.autoNamed, setId], ...(s.draft ? {} : { saved: null, history: [], effective: null }) });
      },

      changeGate(gate) {
        editDraft((d) => replaceGate(d, gate));
      },

      deleteGate(gateId) {
        editDraft((d) => removeGate(d, gateId).template);
      },

      renameSet(setId, name) {
        editDraft((d) => renameSet(d, setId, name));
        set((s) => ({ autoNamed: s.autoNamed.filter((id) => id !== setId) }));
      },

      setGroup(setId, group) {
        const rename = get().autoNamed.includes(setId);
        editDraft((d) => setSetGroup(d, setId, group, rename));
        if (rename && group) set((s) => ({ autoNamed: s.autoNamed.filter((id) => id !== setId) }));
      },

      setColour(setId, colour) {
        editDraft((d) => setSetColour(d, setId, colour));
      },

      renameTemplate(name) {
        const trimmed = name.trim();
        if (trimmed && trimmed.length <= 200) editDraft((d) => (d.name === trimmed ? d : { ...d, name: trimmed }));
      },

      setExclusive(exclusive) {
        editDraft((d) => (d.exclusive === exclusive ? d : { ...d, exclusive }));
      },

      async saveVersion(reason) {
        const s = get();
        const sampleId = s.sampleId;
        const draft = s.draft;
        if (!draft || !sampleId) return false;
        return act('save', async () => {
          const overridden = (s.gating?.overrides ?? []).filter((o) => o.gate !== null).map((o) => o.gateId);
          const template = s.saved
            ? templateForSave(s.saved, s.effective ?? s.saved, draft, s.gating?.template?.id === s.saved.id ? overridden : [])
            : { ...draft, version: 0 }; // id '' for a new template: the service gives it one
          const result = await deps.api().saveGateTemplate({ template, baseVersion: s.saved ? s.saved.version : null, reason });
          notify({ key: 'gating.saved', params: { name: template.name, version: result.version } }, result.changeset);
          if (result.recomputed > 0) dataChanged();
          if (get().sampleId !== sampleId) return;
          // Start again from the version just saved
          set({ saved: { ...template, id: result.id, version: result.version }, effective: null, draft: null, autoNamed: [] });
          await load(sampleId, null);
          if (get().saved?.id !== result.id) await get().editTemplate(result.id);
        });
      },

      async overrideGate(gateId, reason) {
        const s = get();
        const gate = s.draft?.gates.find((g) => g.id === gateId);
        if (!s.sampleId || !gate) return false;
        const sampleId = s.sampleId;
        return act('override', async () => {
          const result = await deps.api().overrideGate({ sampleId, gateId, gate, reason });
          notify({ key: 'gating.overridden', params: { gate: gate.name } }, result.changeset);
          dataChanged();
          await reloadKeeping();
        });
      },

      async removeOverride(gateId, reason) {
        const s = get();
        if (!s.sampleId) return false;
        const sampleId = s.sampleId;
        const name = s.effective?.gates.find((g) => g.id === gateId)?.name ?? gateId;
        return act('remove-override', async () => {
          const result = await deps.api().overrideGate({ sampleId, gateId, gate: null, reason });
          notify({ key: 'gating.overrideRemoved', params: { gate: name } }, result.changeset);
          dataChanged();
          await reloadKeeping();
        });
      },

      async setVolume(volume, reason) {
        const sampleId = get().sampleId;
        if (!sampleId) return false;
        return act('volume', async () => {
          const result = await deps.api().setVolumeMethod({ selection: { ids: [sampleId] }, volume, reason });
          notify({ key: 'gating.volumeSet' }, result.changeset);
          dataChanged();
          await reloadKeeping();
        });
      },

      async confirmTrigger(setName, confirmed, reason) {
        const sampleId = get().sampleId;
        if (!sampleId) return false;
        return act('trigger', async () => {
          const result = await deps.api().confirmTriggerRule({ sampleId, set: setName, confirmed, reason });
          notify({ key: confirmed ? 'gating.triggerConfirmed' : 'gating.triggerUnconfirmed', params: { set: setName } }, result.changeset);
          dataChanged();
          await reloadKeeping();
        });
      },

      async importFile(request) {
        const sampleId = get().sampleId;
        let result: ImportResult | null = null;
        await act('import', async () => {
          result = await deps.api().importGateTemplate({ ...request, ...(sampleId ? { sampleId } : {}) });
          const { templates } = await deps.api().listGateTemplates({});
          set({ templates });
        });
        return result;
      },

      dismissProblem() {
        set({ problem: null });
      },

      async exportTemplate(templateId, version, folder) {
        set({ exported: null });
        await act('export', async () => {
          const result = await deps.api().exportGatingMl({ id: templateId, version, to: folder });
          set({ exported: result.written });
        });
      },
    };
  });
}

