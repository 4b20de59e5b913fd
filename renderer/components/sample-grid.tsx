/**
 * The sample list: ag-grid with the Infinite Row Model, paging, sorting and filtering on the service. It
 * reloads when the store's libraryRevision changes (another library opened, or samples changed) and after
 * every review action (the review store's dataRevision), goes back to the top when the filter changes, and
 * remembers the column layout between sessions. Rows are selected with their checkbox (for bulk actions);
 * double-click or Enter opens a sample. The Infinite Row Model only holds loaded blocks: bulk actions on the
 * whole filtered set and "next sample" ask the service, never these rows.
 */
import type {
  CellKeyDownEvent,
  ColumnMovedEvent,
  ColumnResizedEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  RowClassParams,
  RowDoubleClickedEvent,
  RowSelectionOptions,
  SelectionChangedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SampleSummary } from '../../shared/model/sample.js';
import { applySavedColumns, loadColumnState, saveColumnState, toSavedColumns } from '../grid/column-state-storage.js';
import { gridTheme } from '../grid/grid-theme.js';
import { registerGridModules } from '../grid/register-grid-modules.js';
import { sampleColumns } from '../grid/sample-columns.js';
import { createSampleDatasource } from '../grid/sample-datasource.js';
import type { SampleDatasourceHooks } from '../grid/sample-datasource.js';
import { languageStore, useT } from '../i18n/use-i18n.js';
import { isFilterActive, toSampleQuery } from '../review/sample-filter.js';
import { useAppStore } from '../store/use-app-store.js';
import { reviewStore, useReviewStore } from '../store/use-review-store.js';

registerGridModules();

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const getRowId = (params: GetRowIdParams<SampleSummary>) => params.data.id;
const rowSelection: RowSelectionOptions = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };
const getRowClass = (params: RowClassParams<SampleSummary>) =>
  params.data && params.data.id === reviewStore.getState().current?.id ? 'cc-row-current' : undefined;

export interface SampleGridProps {
  /** Identifies the open library: a different library resets paging and scroll position. */
  libraryPath: string;
  libraryRevision: number;
  emptyHint?: string;
}

export function SampleGrid({ libraryPath, libraryRevision, emptyHint }: SampleGridProps) {
  const reportError = useAppStore((s) => s.reportError);
  const t = useT();
  const dataRevision = useReviewStore((s) => s.dataRevision);
  const queryRevision = useReviewStore((s) => s.queryRevision);
  const filterActive = useReviewStore((s) => isFilterActive(s.filter));
  const current = useReviewStore((s) => s.current);
  const apiRef = useRef<GridApi<SampleSummary> | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [total, setTotal] = useState<number | null>(null);

  const columnDefs = useMemo(
    () => applySavedColumns(sampleColumns((key) => languageStore.getState().t(key)), loadColumnState(localStorageOrNull())),
    [],
  );
  const defaultColDef = useMemo(() => ({ resizable: true, suppressHeaderMenuButton: true, minWidth: 60 }), []);
  const hooks = useMemo<SampleDatasourceHooks>(
    () => ({
      onPage: (n) => {
        setTotal(n);
        reviewStore.getState().setTotal(n);
      },
      onError: reportError,
      onSort: (sort) => reviewStore.getState().setSort(sort),
      query: () => toSampleQuery(reviewStore.getState().filter),
    }),
    [reportError],
  );
  const datasource = useMemo(() => createSampleDatasource(() => window.curation, hooks), [hooks]);

  // Reload on a new revision. Another library gets a fresh datasource (back to the top, exact new row count);
  // the same library changing keeps the scroll position and refetches the visible blocks.
  const shown = useRef({ libraryPath, libraryRevision, dataRevision, queryRevision });
  useEffect(() => {
    const api = apiRef.current;
    const before = shown.current;
    shown.current = { libraryPath, libraryRevision, dataRevision, queryRevision };
    if (!api) return;
    if (before.libraryPath !== libraryPath) {
      setTotal(null);
      reviewStore.getState().closeSample();
      api.deselectAll();
      api.setGridOption('datasource', createSampleDatasource(() => window.curation, hooks));
    } else if (before.queryRevision !== queryRevision) {
      api.deselectAll();
      api.ensureIndexVisible(0, 'top');
      api.purgeInfiniteCache();
    } else if (before.libraryRevision !== libraryRevision || before.dataRevision !== dataRevision) {
      api.purgeInfiniteCache();
    }
  }, [libraryPath, libraryRevision, dataRevision, queryRevision, hooks]);

  // Headers follow the language.
  useEffect(() => apiRef.current?.refreshHeader(), [t]);

  // The open sample: highlighted and scrolled into view.
  useEffect(() => {
    const api = apiRef.current;
    if (!api) return;
    if (current) api.ensureIndexVisible(current.index);
    api.redrawRows();
  }, [current]);

  const onGridReady = useCallback((event: GridReadyEvent<SampleSummary>) => {
    apiRef.current = event.api;
    const api = event.api;
    reviewStore.getState().setGridBridge({
      focusedRow() {
        if (!wrapRef.current?.contains(document.activeElement)) return null;
        const cell = api.getFocusedCell();
        const node = cell ? api.getDisplayedRowAtIndex(cell.rowIndex) : undefined;
        return node?.data && node.rowIndex !== null ? { id: node.data.id, index: node.rowIndex } : null;
      },
      moveFocus(dir) {
        const cell = api.getFocusedCell();
        if (!cell) return;
        const index = Math.max(0, Math.min(api.getDisplayedRowCount() - 1, cell.rowIndex + dir));
        api.ensureIndexVisible(index);
        api.setFocusedCell(index, cell.column);
      },
    });
  }, []);
  useEffect(() => () => reviewStore.getState().setGridBridge(null), []);

  const saveLayout = useCallback((api: GridApi<SampleSummary>) => {
    saveColumnState(localStorageOrNull(), toSavedColumns(api.getColumnState()));
  }, []);
  const onColumnMoved = useCallback((e: ColumnMovedEvent<SampleSummary>) => e.finished && saveLayout(e.api), [saveLayout]);
  const onColumnResized = useCallback((e: ColumnResizedEvent<SampleSummary>) => e.finished && saveLayout(e.api), [saveLayout]);
  const onLayoutChanged = useCallback((e: { api: GridApi<SampleSummary>; source?: string }) => saveLayout(e.api), [saveLayout]);
  const onSelectionChanged = useCallback((e: SelectionChangedEvent<SampleSummary>) => {
    reviewStore.getState().setSelection(e.api.getSelectedNodes().flatMap((n) => (n.id ? [n.id] : [])));
  }, []);
  const onRowDoubleClicked = useCallback((e: RowDoubleClickedEvent<SampleSummary>) => {
    if (e.data && e.rowIndex !== null) void reviewStore.getState().openSample(e.data.id, e.rowIndex);
  }, []);
  const onCellKeyDown = useCallback((e: CellKeyDownEvent<SampleSummary>) => {
    const key = (e.event as KeyboardEvent | null | undefined)?.key;
    if (key !== 'Enter' || !e.data || e.rowIndex === null) return;
    if (e.event?.target instanceof HTMLInputElement) return; // the selection checkbox
    e.event?.preventDefault();
    void reviewStore.getState().openSample(e.data.id, e.rowIndex);
  }, []);

  return (
    <div className="cc-grid-wrap" data-testid="sample-grid" ref={wrapRef}>
      <AgGridReact<SampleSummary>
        theme={gridTheme}
        loadThemeGoogleFonts={false}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={100}
        maxBlocksInCache={50}
        infiniteInitialRowCount={1}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        rowSelection={rowSelection}
        getRowClass={getRowClass}
        suppressNoRowsOverlay
        // A dozen columns: render them all, so every cell of a row is in the DOM (tests and find-in-page see it).
        suppressColumnVirtualisation
        enableBrowserTooltips
        animateRows={false}
        onGridReady={onGridReady}
        onColumnMoved={onColumnMoved}
        onColumnResized={onColumnResized}
        onSortChanged={onLayoutChanged}
        onColumnVisible={onLayoutChanged}
        onColumnPinned={onLayoutChanged}
        onSelectionChanged={onSelectionChanged}
        onRowDoubleClicked={onRowDoubleClicked}
        onCellKeyDown={onCellKeyDown}
      />
      {total === 0 && (
        <div className="cc-empty" data-testid="empty-state">
          <p className="cc-empty-title">{filterActive ? t('grid.noMatch') : t('grid.empty')}</p>
          {emptyHint && !filterActive && <p className="cc-empty-hint">{emptyHint}</p>}
        </div>
      )}
    </div>
  );
}
