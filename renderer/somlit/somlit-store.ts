/**
 * State of the SOMLIT view: the table, the entry grid's rows (with drafts of input that breaks a rule), the type of
 * parameters shown and the site/date filter (remembered), the focused cell, and this session's undo stack. Every
 * good cell edit is saved at once as a change event; saves run one after another, so a new row typed quickly is
 * created once and its later cells go to the entry the service made. Calls go to the API given at creation (tests
 * pass a fake).
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { z } from 'zod';
import type { CurationApi } from '../../shared/api/contract.js';
import type { SomlitExportReport, SomlitImportReport, SomlitLinkResult } from '../../shared/api/somlit-contract.js';
import { toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { FlagCode } from '../../shared/model/flag-schemes.js';
import type { SomlitTable, SomlitType } from '../../shared/somlit/somlit-table.js';
import type { SaveChange } from './cell-edit.js';
import { editCell, editComment } from './cell-edit.js';
import type { GridRow } from './grid-model.js';
import { blankRow, columnById, gridColumns, rowsFromEntries } from './grid-model.js';
import type { PasteProblem } from './paste-block.js';
import { parseClipboardBlock, planPaste } from './paste-block.js';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;
export const somlitViewKey = 'cytocurator.somlit.v1';

const stored = z.object({
  type: z.enum(['hydro', 'piconano']),
  site: z.string().max(40).nullable(),
  from: z.string().max(10).nullable(),
  to: z.string().max(10).nullable(),
});
type Settings = z.infer<typeof stored>;
const defaults: Settings = { type: 'hydro', site: null, from: null, to: null };

export function loadSomlitSettings(storage: Storage | null): Settings {
  try {
    const raw = storage?.getItem(somlitViewKey);
    const parsed = raw ? stored.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : defaults;
  } catch {
    return defaults;
  }
}

/** A message for the status line, as a catalogue key (the view translates it). */
export interface SomlitStatus {
  tone: 'info' | 'error';
  key: string;
  params?: Record<string, string | number>;
  /** The changeset to undo from the status line. */
  changeset?: string;
  error?: CurationErrorData;
}

export interface SomlitState extends Settings {
  table: SomlitTable | null;
  tableFile: string | null;
  codes: readonly FlagCode[];
  rows: GridRow[];
  loading: boolean;
  focus: { rowKey: string; columnId: string } | null;
  pasteProblems: PasteProblem[] | null;
  undoStack: string[];
  status: SomlitStatus | null;
  /** Saves waiting or running. */
  saving: number;
  /** Bumped when the entries were reloaded or a save went in (the details panel refreshes its history). */
  revision: number;

  init(): Promise<void>;
  load(): Promise<void>;
  setType(type: SomlitType): void;
  setFilter(filter: Partial<Pick<Settings, 'site' | 'from' | 'to'>>): void;
  setFocus(focus: { rowKey: string; columnId: string } | null): void;
  editCell(rowKey: string, columnId: string, text: string): void;
  editComment(rowKey: string, parameter: string, text: string): void;
  paste(anchor: { rowKey: string; columnId: string }, text: string): boolean;
  dismissPasteProblems(): void;
  deleteRow(rowKey: string): Promise<void>;
  undo(changeset?: string): Promise<void>;
  /** Resolves when every queued save is done (tests, and before reloading). */
  settle(): Promise<void>;
  link(entryId: string, sampleIds: string[], dryRun: boolean): Promise<SomlitLinkResult | null>;
  importFile(path: string, dryRun: boolean): Promise<SomlitImportReport | null>;
  exportFile(out: { outDir: string } | { outPath: string }): Promise<SomlitExportReport | null>;
  clearStatus(): void;
}

export type SomlitStore = StoreApi<SomlitState>;

export function createSomlitStore(deps: { api: () => CurationApi; storage?: () => Storage | null }): SomlitStore {
  const storage = deps.storage ?? (() => null);
  const initial = loadSomlitSettings(storage());
  let chain: Promise<void> = Promise.resolve();
  let blankCounter = 0;
  let loadRequest = 0;
  const newKey = () => `new:${++blankCounter}`;
  /** Entry ids the service gave to rows made in this session. */
  const created = new Map<string, string>();

  return createStore<SomlitState>()((set, get) => {
    const save = () => {
      const { type, site, from, to } = get();
      try {
        storage()?.setItem(somlitViewKey, JSON.stringify({ type, site, from, to }));
      } catch {
        // not remembered
      }
    };
    const fail = (err: unknown) => set({ status: { tone: 'error', key: 'somlit.status.error', error: toErrorData(err) } });

    /** Replaces rows by key; a row that stops being blank gets a new blank row after it. */
    const putRows = (changed: GridRow[]) => {
      const byKey = new Map(changed.map((r) => [r.key, r]));
      let rows = get().rows.map((r) => byKey.get(r.key) ?? r);
      for (const r of changed) if (!rows.some((x) => x.key === r.key)) rows = [...rows.filter((x) => !x.blank), r, ...rows.filter((x) => x.blank)];
      if (!rows.some((r) => r.blank)) rows = [...rows, blankRow(newKey())];
      set({ rows });
    };

    /** Queues one save of several rows (one changeset); rows without an entry yet get the one the service makes. */
    const enqueue = (items: { rowKey: string; change: SaveChange }[], describe: SomlitStatus) => {
      set((s) => ({ saving: s.saving + 1 }));
      chain = chain.then(async () => {
        try {
          const entries = items.map(({ rowKey, change }) => ({
            id: get().rows.find((r) => r.key === rowKey)?.entryId ?? created.get(rowKey) ?? null,
            ...(change.fields ? { fields: change.fields } : {}),
            // The service sets where a value came from; a typed cell sends its value, code and comment.
            ...(change.values ? { values: Object.fromEntries(Object.entries(change.values).map(([code, c]) => [code, c && { value: c.value, code: c.code, comment: c.comment }])) } : {}),
          }));
          const r = await deps.api().somlitSaveEntries({ entries, reason: null });
          r.entryIds.forEach((id, i) => created.set(items[i]!.rowKey, id));
          set((s) => ({
            rows: s.rows.map((row) => (created.has(row.key) && row.entryId === null ? { ...row, entryId: created.get(row.key)! } : row)),
            undoStack: r.changeset ? [...s.undoStack, r.changeset].slice(-500) : s.undoStack,
            status: r.changeset ? { ...describe, changeset: r.changeset } : s.status,
            revision: s.revision + 1,
          }));
        } catch (err) {
          fail(err);
          await get().load();
        } finally {
          set((s) => ({ saving: s.saving - 1 }));
        }
      });
    };

    return {
      ...initial,
      table: null,
      tableFile: null,
      codes: [],
      rows: [blankRow(newKey())],
      loading: false,
      focus: null,
      pasteProblems: null,
      undoStack: [],
      status: null,
      saving: 0,
      revision: 0,

      async init() {
        try {
          const r = await deps.api().somlitGetTable({});
          set({ table: r.table, tableFile: r.file, codes: r.codes });
        } catch (err) {
          fail(err);
          return;
        }
        await get().load();
      },

      async load() {
        const request = ++loadRequest;
        const { site, from, to } = get();
        set({ loading: true });
        try {
          const { entries } = await deps.api().somlitListEntries({ site, from, to });
          if (request !== loadRequest) return;
          const rows = get().rows;
          const keyOf = new Map(rows.flatMap((r) => (r.entryId ? [[r.entryId, r.key] as const] : [])));
          const blank = rows.find((r) => r.blank);
          created.clear();
          set((s) => ({ rows: rowsFromEntries(entries, blank?.key ?? newKey(), keyOf), loading: false, revision: s.revision + 1 }));
        } catch (err) {
          if (request === loadRequest) {
            set({ loading: false });
            fail(err);
          }
        }
      },

      setType(type) {
        set({ type });
        save();
      },

      setFilter(filter) {
        set(filter);
        save();
        void get()
          .settle()
          .then(() => get().load());
      },

      setFocus(focus) {
        set({ focus });
      },

      editCell(rowKey, columnId, text) {
        const { table, rows } = get();
        const row = rows.find((r) => r.key === rowKey);
        const column = table ? columnById(table, columnId) : null;
        if (!table || !row || !column) return;
        const outcome = editCell(table, rows, row, column, text);
        if (outcome.kind === 'none') return;
        putRows([outcome.row]);
        if (outcome.kind === 'save') enqueue([{ rowKey, change: outcome.change }], { tone: 'info', key: 'somlit.status.saved', params: { column: column.kind === 'field' ? column.field : column.parameter.code } });
      },

      editComment(rowKey, parameter, text) {
        const { table, rows } = get();
        const row = rows.find((r) => r.key === rowKey);
        const column = table ? columnById(table, `v:${parameter}`) : null;
        if (!table || !row || !column || column.kind === 'field') return;
        const outcome = editComment(table, row, column.parameter, text);
        if (outcome.kind === 'none') return;
        putRows([outcome.row]);
        if (outcome.kind === 'save') enqueue([{ rowKey, change: outcome.change }], { tone: 'info', key: 'somlit.status.saved', params: { column: parameter } });
      },

      paste(anchor, text) {
        const { table, rows, type } = get();
        if (!table) return false;
        const columns = gridColumns(table, type);
        const existing = rows.filter((r) => !r.blank);
        const rowIndex = Math.max(0, existing.findIndex((r) => r.key === anchor.rowKey));
        const anchorIndex = rows.find((r) => r.key === anchor.rowKey)?.blank ? existing.length : rowIndex;
        const columnIndex = columns.findIndex((c) => c.id === anchor.columnId);
        if (columnIndex < 0) return false;
        const block = parseClipboardBlock(text);
        if (block.length === 0) return false;
        const plan = planPaste(table, rows, columns, { rowIndex: anchorIndex, columnIndex }, block);
        if (plan.problems.length) {
          set({ pasteProblems: plan.problems, status: { tone: 'error', key: 'somlit.paste.refused', params: { count: plan.problems.length } } });
          return false;
        }
        set({ pasteProblems: null });
        if (plan.rows.length === 0) return true;
        const items = plan.rows.map((p) => ({ rowKey: p.rowKey ?? newKey(), change: p.change }));
        const changedRows = items.map(({ rowKey, change }) => {
          const base = rows.find((r) => r.key === rowKey) ?? { ...blankRow(rowKey), blank: false };
          const values = { ...base.values };
          for (const [code, cell] of Object.entries(change.values ?? {})) {
            if (cell) values[code] = cell;
            else delete values[code];
          }
          return { ...base, blank: false, fields: { ...base.fields, ...(change.fields ?? {}) }, values, fieldDrafts: {}, cellDrafts: {} };
        });
        putRows(changedRows);
        enqueue(items, { tone: 'info', key: 'somlit.status.pasted', params: { count: block.length * (block[0]?.length ?? 0) } });
        return true;
      },

      dismissPasteProblems() {
        set({ pasteProblems: null });
      },

      async deleteRow(rowKey) {
        await get().settle();
        const row = get().rows.find((r) => r.key === rowKey);
        if (!row) return;
        if (row.entryId === null) {
          set((s) => ({ rows: s.rows.filter((r) => r.key !== rowKey || r.blank) }));
          return;
        }
        try {
          const r = await deps.api().somlitDeleteEntries({ ids: [row.entryId], reason: null });
          set((s) => ({ undoStack: r.changeset ? [...s.undoStack, r.changeset] : s.undoStack, status: { tone: 'info', key: 'somlit.status.deleted', ...(r.changeset ? { changeset: r.changeset } : {}) } }));
        } catch (err) {
          fail(err);
        }
        await get().load();
      },

      async undo(changeset) {
        await get().settle();
        const stack = get().undoStack;
        const cs = changeset ?? stack.at(-1);
        if (!cs) {
          set({ status: { tone: 'info', key: 'somlit.status.nothingToUndo' } });
          return;
        }
        try {
          await deps.api().undoChangeset({ changeset: cs });
          set((s) => ({ undoStack: s.undoStack.filter((c) => c !== cs), status: { tone: 'info', key: 'somlit.status.undone' } }));
        } catch (err) {
          fail(err);
        }
        await get().load();
      },

      settle() {
        return chain;
      },

      async link(entryId, sampleIds, dryRun) {
        await get().settle();
        try {
          const r = await deps.api().somlitLinkCytometry({ entryId, sampleIds, dryRun, reason: null });
          if (!dryRun) {
            set((s) => ({
              undoStack: r.changeset ? [...s.undoStack, r.changeset] : s.undoStack,
              status: { tone: 'info', key: 'somlit.status.linked', params: { count: Object.keys(r.values).length }, ...(r.changeset ? { changeset: r.changeset } : {}) },
            }));
            await get().load();
          }
          return r;
        } catch (err) {
          fail(err);
          return null;
        }
      },

      async importFile(path, dryRun) {
        await get().settle();
        try {
          const r = await deps.api().somlitImport({ path, dryRun });
          if (!dryRun) {
            set((s) => ({
              undoStack: r.changeset ? [...s.undoStack, r.changeset] : s.undoStack,
              status: { tone: r.errors.length ? 'error' : 'info', key: 'somlit.status.imported', params: { rows: r.rows - r.rejected, rejected: r.rejected }, ...(r.changeset ? { changeset: r.changeset } : {}) },
            }));
            await get().load();
          }
          return r;
        } catch (err) {
          fail(err);
          return null;
        }
      },

      async exportFile(out) {
        await get().settle();
        const { type, site, from, to } = get();
        try {
          const r = await deps.api().somlitExport({ type, site, from, to, ...out });
          set({ status: { tone: 'info', key: 'somlit.status.exported', params: { rows: r.rows, file: r.file } } });
          return r;
        } catch (err) {
          fail(err);
          return null;
        }
      },

      clearStatus() {
        set({ status: null });
      },
    };
  });
}
