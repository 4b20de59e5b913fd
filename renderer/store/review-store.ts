/**
 * Review state of the window: the table's filter and sort (which every bulk action and every "next sample"
 * follows), the row selection, the open sample with its audit, the pending confirmation of a bulk action,
 * the undo stack of this session, the toast, the help overlay and the auto-advance preference.
 * Actions call the API given at creation, so tests pass a fake. The service sends no event for review
 * actions: after each one, dataRevision is bumped so the grid refetches its blocks.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ActionResult, AuditEvent, CurationApi, RequestOf } from '../../shared/api/contract.js';
import { formatError, toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { SampleDetail } from '../../shared/model/sample.js';
import type { MessageKey } from '../i18n/en.js';
import type { MessageParams, PluralBase } from '../i18n/translate.js';
import type { SampleSort } from '../grid/sample-datasource.js';
import { findNeighbour, findNextUnreviewed } from '../review/navigation.js';
import type { ListPosition } from '../review/navigation.js';
import type { ReviewCommand } from '../review/review-keys.js';
import { emptyFilter, loadFilter, saveFilter, toSampleQuery } from '../review/sample-filter.js';
import type { SampleFilter } from '../review/sample-filter.js';

export type ReviewAction = { kind: 'flag'; code: string } | { kind: 'approve' } | { kind: 'attention' } | { kind: 'comment' };
/** Listed samples (the selection, the open sample, the focused row) or every sample matching the filter. */
export type ActionTarget = { kind: 'ids'; ids: string[] } | { kind: 'matching' };

export interface PendingAction {
  action: ReviewAction;
  target: ActionTarget;
  /** How many samples it will change (countSelection). */
  count: number;
  /** The "This will change M samples. Continue?" question (for the filtered set). */
  confirm: boolean;
  /** 'reason': optional comment kept with the change; 'text': the comment itself; null: nothing to type. */
  input: 'reason' | 'text' | null;
  initialText: string;
  fromSampleView: boolean;
}

export type ToastMessage =
  | { plural: PluralBase; count: number; params?: MessageParams }
  | { key: MessageKey; params?: MessageParams }
  | { raw: string };

export interface Toast {
  id: number;
  tone: 'info' | 'error';
  message: ToastMessage;
  /** Offer "Undo" for this changeset. */
  changeset: string | null;
}

export interface CurrentSample {
  id: string;
  index: number;
}

/** What the grid lends the keyboard when no sample is open: its focused row, and moving that focus. */
export interface GridBridge {
  focusedRow(): CurrentSample | null;
  moveFocus(dir: 1 | -1): void;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;
export const autoAdvanceKey = 'cytocurator.review.auto-advance.v1';

export interface ReviewState {
  filter: SampleFilter;
  sort: SampleSort;
  /** Rows matching the filter (from the last page the grid loaded). */
  total: number | null;
  selectedIds: string[];
  scope: 'selected' | 'matching';
  /** Bumped after every change: the grid refetches its blocks, keeping its scroll position. */
  dataRevision: number;
  /** Bumped when the filter changes: the grid goes back to the top and clears its selection. */
  queryRevision: number;
  current: CurrentSample | null;
  detail: SampleDetail | null;
  audit: AuditEvent[];
  detailError: CurationErrorData | null;
  undoStack: string[];
  pending: PendingAction | null;
  toast: Toast | null;
  helpOpen: boolean;
  autoAdvance: boolean;
  busy: boolean;
  gridBridge: GridBridge | null;

  setFilter(patch: Partial<SampleFilter>): void;
  clearFilter(): void;
  setSort(sort: SampleSort): void;
  setTotal(total: number): void;
  setSelection(ids: string[]): void;
  setScope(scope: 'selected' | 'matching'): void;
  setGridBridge(bridge: GridBridge | null): void;
  openSample(id: string, index: number): Promise<void>;
  closeSample(): void;
  reloadSample(): Promise<void>;
  step(dir: 1 | -1): Promise<void>;
  /** Runs an action, or first asks (count confirmation for the filtered set, comment when `prompt`). */
  request(action: ReviewAction, target: ActionTarget, options?: { prompt?: boolean; fromSampleView?: boolean }): Promise<void>;
  confirmPending(text: string): Promise<void>;
  cancelPending(): void;
  undo(changeset?: string): Promise<void>;
  redo(changeset: string): Promise<void>;
  command(command: ReviewCommand): boolean;
  toggleHelp(open?: boolean): void;
  setAutoAdvance(on: boolean): void;
  dismissToast(): void;
}

export type ReviewStore = StoreApi<ReviewState>;

function loadAutoAdvance(storage: Storage | null): boolean {
  try {
    return storage?.getItem(autoAdvanceKey) === 'true';
  } catch {
    return false;
  }
}

export function createReviewStore(deps: { api: () => CurationApi; storage?: () => Storage | null }): ReviewStore {
  const storage = deps.storage ?? (() => null);
  let toastId = 0;

  return createStore<ReviewState>()((set, get) => {
    const selectionOf = (target: ActionTarget): RequestOf<'countSelection'>['selection'] =>
      target.kind === 'ids' ? { ids: target.ids } : { query: toSampleQuery(get().filter) };

    const showToast = (tone: Toast['tone'], message: ToastMessage, changeset: string | null = null) =>
      set({ toast: { id: ++toastId, tone, message, changeset } });
    const showError = (err: unknown) => showToast('error', { raw: formatError(toErrorData(err)) });

    const position = (): ListPosition | null => {
      const { current, filter, sort } = get();
      return current ? { ...current, query: toSampleQuery(filter), sort } : null;
    };

    async function run(action: ReviewAction, target: ActionTarget, text: string | null, fromSampleView: boolean): Promise<void> {
      const api = deps.api();
      const selection = selectionOf(target);
      const reason = text && text.trim() ? text.trim() : null;
      set({ busy: true });
      let result: ActionResult;
      try {
        switch (action.kind) {
          case 'flag':
            result = await api.flagSamples({ selection, flag: { scheme: 'L20', code: action.code }, comment: reason });
            break;
          case 'approve':
            result = await api.approveSamples({ selection, comment: reason });
            break;
          case 'attention':
            result = await api.markAttention({ selection, comment: reason });
            break;
          case 'comment':
            result = await api.commentSamples({ selection, text: (text ?? '').trim() });
            break;
        }
      } catch (err) {
        showError(err);
        return;
      } finally {
        set({ busy: false });
      }
      if (result.changeset) {
        const cs = result.changeset;
        set((s) => ({ undoStack: [...s.undoStack, cs].slice(-200) }));
        const count = result.samples;
        const message: ToastMessage =
          action.kind === 'flag'
            ? { plural: 'toast.flagged', count, params: { code: action.code } }
            : { plural: action.kind === 'approve' ? 'toast.approved' : action.kind === 'attention' ? 'toast.attention' : 'toast.commented', count };
        showToast('info', message, cs);
      } else {
        showToast('info', { key: 'toast.nothing' });
      }
      set((s) => ({ dataRevision: s.dataRevision + 1 }));
      const advance = fromSampleView && get().autoAdvance && (action.kind === 'flag' || action.kind === 'approve');
      if (advance) {
        const pos = position();
        const next = pos ? await findNextUnreviewed(deps.api(), pos).catch(() => null) : null;
        if (next) {
          await get().openSample(next.id, next.index);
          return;
        }
        showToast('info', { key: 'toast.noUnreviewed' }, result.changeset);
      }
      await get().reloadSample();
    }

    return {
      filter: loadFilter(storage()),
      sort: [],
      total: null,
      selectedIds: [],
      scope: 'selected',
      dataRevision: 0,
      queryRevision: 0,
      current: null,
      detail: null,
      audit: [],
      detailError: null,
      undoStack: [],
      pending: null,
      toast: null,
      helpOpen: false,
      autoAdvance: loadAutoAdvance(storage()),
      busy: false,
      gridBridge: null,

      setFilter(patch) {
        const filter = { ...get().filter, ...patch };
        saveFilter(storage(), filter);
        set((s) => ({ filter, queryRevision: s.queryRevision + 1, selectedIds: [], scope: 'selected' }));
      },
      clearFilter() {
        get().setFilter(emptyFilter);
      },
      setSort(sort) {
        set({ sort });
      },
      setTotal(total) {
        set({ total });
      },
      setSelection(ids) {
        set({ selectedIds: ids, scope: ids.length ? 'selected' : get().scope });
      },
      setScope(scope) {
        set({ scope });
      },
      setGridBridge(bridge) {
        set({ gridBridge: bridge });
      },

      async openSample(id, index) {
        const same = get().current?.id === id;
        set({ current: { id, index }, detailError: null, ...(same ? {} : { detail: null, audit: [] }) });
        await get().reloadSample();
      },
      closeSample() {
        set({ current: null, detail: null, audit: [], detailError: null });
      },
      async reloadSample() {
        const current = get().current;
        if (!current) return;
        try {
          const api = deps.api();
          const [detail, audit] = await Promise.all([api.getSample({ id: current.id }), api.getAudit({ sampleId: current.id })]);
          if (get().current?.id === current.id) set({ detail, audit: audit.events, detailError: null });
        } catch (err) {
          if (get().current?.id === current.id) set({ detailError: toErrorData(err) });
        }
      },
      async step(dir) {
        const pos = position();
        if (!pos) return;
        try {
          const next = await findNeighbour(deps.api(), pos, dir);
          if (!next) showToast('info', { key: dir > 0 ? 'toast.last' : 'toast.first' });
          else await get().openSample(next.id, next.index);
        } catch (err) {
          showError(err);
        }
      },

      async request(action, target, options = {}) {
        const fromSampleView = options.fromSampleView ?? false;
        const needsText = action.kind === 'comment';
        if (target.kind === 'ids' && !needsText && !options.prompt) {
          await run(action, target, null, fromSampleView);
          return;
        }
        let count = target.kind === 'ids' ? target.ids.length : 0;
        if (target.kind === 'matching') {
          try {
            count = (await deps.api().countSelection({ selection: selectionOf(target) })).count;
          } catch (err) {
            showError(err);
            return;
          }
        }
        const detail = get().detail;
        const initialText =
          needsText && target.kind === 'ids' && target.ids.length === 1 && detail && detail.id === target.ids[0] ? (detail.comment ?? '') : '';
        set({
          toast: null,
          pending: {
            action,
            target,
            count,
            confirm: target.kind === 'matching',
            input: needsText ? 'text' : action.kind === 'flag' || target.kind === 'matching' ? 'reason' : null,
            initialText,
            fromSampleView,
          },
        });
      },
      async confirmPending(text) {
        const pending = get().pending;
        if (!pending) return;
        set({ pending: null });
        await run(pending.action, pending.target, text, pending.fromSampleView);
      },
      cancelPending() {
        set({ pending: null });
      },

      async undo(changeset) {
        const stack = get().undoStack;
        const cs = changeset ?? stack[stack.length - 1];
        if (!cs) {
          showToast('info', { key: 'toast.nothingToUndo' });
          return;
        }
        try {
          await deps.api().undoChangeset({ changeset: cs });
          set((s) => ({ undoStack: s.undoStack.filter((c) => c !== cs), dataRevision: s.dataRevision + 1 }));
          showToast('info', { key: 'toast.undone' });
        } catch (err) {
          showError(err);
        }
        await get().reloadSample();
      },
      async redo(changeset) {
        try {
          const r = await deps.api().redoChangeset({ changeset });
          set((s) => ({ dataRevision: s.dataRevision + 1, undoStack: r.changeset ? [...s.undoStack, r.changeset] : s.undoStack }));
          showToast('info', { key: 'toast.redone' }, r.changeset);
        } catch (err) {
          showError(err);
        }
        await get().reloadSample();
      },

      command(cmd) {
        const s = get();
        switch (cmd.type) {
          case 'help':
            s.toggleHelp();
            return true;
          case 'escape':
            if (s.helpOpen) s.toggleHelp(false);
            else if (s.current) s.closeSample();
            else return false;
            return true;
          case 'undo':
            void s.undo();
            return true;
          default:
            break;
        }
        const inSample = s.current !== null;
        if (cmd.type === 'next' || cmd.type === 'previous') {
          const dir = cmd.type === 'next' ? 1 : -1;
          if (inSample) void s.step(dir);
          else if (s.gridBridge?.focusedRow()) s.gridBridge.moveFocus(dir);
          else return false;
          return true;
        }
        const row = s.current ?? s.gridBridge?.focusedRow() ?? null;
        if (!row) {
          showToast('info', { key: 'toast.noSampleFocused' });
          return true;
        }
        const target: ActionTarget = { kind: 'ids', ids: [row.id] };
        const action: ReviewAction =
          cmd.type === 'flag' ? { kind: 'flag', code: cmd.code } : cmd.type === 'approve' ? { kind: 'approve' } : cmd.type === 'attention' ? { kind: 'attention' } : { kind: 'comment' };
        void s.request(action, target, { fromSampleView: inSample });
        return true;
      },
      toggleHelp(open) {
        set((s) => ({ helpOpen: open ?? !s.helpOpen, toast: null }));
      },
      setAutoAdvance(on) {
        try {
          storage()?.setItem(autoAdvanceKey, String(on));
        } catch {
          // not remembered
        }
        set({ autoAdvance: on });
      },
      dismissToast() {
        set({ toast: null });
      },
    };
  });
}
