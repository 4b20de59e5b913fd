/**
 * Remembers the sample list's column layout (order, width, sort, visibility) in localStorage, which
 * belongs to the signed-in OS user's browser profile. Stored values are validated on the way back in: an
 * old or hand-edited entry must never break the grid, it is just ignored.
 */
import type { ColumnState } from 'ag-grid-community';
import { z } from 'zod';
import type { SampleColDef } from './sample-columns.js';

export const columnStateKey = 'cytocurator.sample-list.columns.v1';

const savedColumnSchema = z.object({
  colId: z.string().min(1).max(100),
  width: z.number().positive().max(5000).optional(),
  hide: z.boolean().nullable().optional(),
  sort: z.enum(['asc', 'desc']).nullable().optional(),
  sortIndex: z.number().int().min(0).nullable().optional(),
  pinned: z.enum(['left', 'right']).nullable().optional(),
});
const savedStateSchema = z.array(savedColumnSchema).max(200);

export type SavedColumn = z.infer<typeof savedColumnSchema>;

/** Keeps only the fields we persist; ag-grid's ColumnState carries more (flex, aggregation, pivot…). */
export function toSavedColumns(state: readonly ColumnState[]): SavedColumn[] {
  return state.map((c) => {
    const out: SavedColumn = { colId: c.colId };
    if (typeof c.width === 'number') out.width = c.width;
    if (c.hide !== undefined) out.hide = c.hide;
    if (c.sort === 'asc' || c.sort === 'desc' || c.sort === null) out.sort = c.sort;
    if (c.sortIndex !== undefined) out.sortIndex = c.sortIndex;
    if (c.pinned === 'left' || c.pinned === 'right' || c.pinned === null) out.pinned = c.pinned;
    return out;
  });
}

export function loadColumnState(storage: Pick<Storage, 'getItem'> | null): SavedColumn[] | null {
  try {
    const raw = storage?.getItem(columnStateKey);
    if (!raw) return null;
    const parsed = savedStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveColumnState(storage: Pick<Storage, 'setItem'> | null, state: SavedColumn[]): void {
  try {
    storage?.setItem(columnStateKey, JSON.stringify(state));
  } catch {
    // Quota or disabled storage: the layout is simply not remembered.
  }
}

/**
 * Applies a saved layout to the column definitions through ag-grid's initial* properties, so the first
 * page is already fetched with the saved sort. Unknown saved columns are dropped; columns added since
 * the layout was saved keep their default place at the end.
 */
export function applySavedColumns(defs: SampleColDef[], saved: SavedColumn[] | null): SampleColDef[] {
  if (!saved) return defs;
  const byId = new Map(saved.map((s, index) => [s.colId, { s, index }]));
  const withState = defs.map((def) => {
    const entry = def.colId ? byId.get(def.colId) : undefined;
    if (!entry) return def;
    const { s } = entry;
    const next: SampleColDef = { ...def };
    if (s.width !== undefined) {
      next.initialWidth = s.width;
      delete next.width;
      delete next.flex; // an explicit width wins over flex, or the saved width would be ignored
    }
    if (s.hide !== undefined && s.hide !== null) next.initialHide = s.hide;
    if (def.sortable && s.sort) {
      next.initialSort = s.sort;
      if (s.sortIndex !== undefined && s.sortIndex !== null) next.initialSortIndex = s.sortIndex;
    }
    if (s.pinned) next.initialPinned = s.pinned;
    return next;
  });
  const rank = (def: SampleColDef) => byId.get(def.colId ?? '')?.index ?? Number.MAX_SAFE_INTEGER;
  return withState
    .map((def, position) => ({ def, position }))
    .sort((a, b) => rank(a.def) - rank(b.def) || a.position - b.position)
    .map((x) => x.def);
}
