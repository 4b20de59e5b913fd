/**
 * The sample list: ag-grid with the Infinite Row Model, paging and sorting on the service. It reloads when
 * the store's libraryRevision changes (another library opened, or samples changed), and remembers the
 * column layout between sessions.
 */
import type {
  ColumnMovedEvent,
  ColumnResizedEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SampleSummary } from '../../shared/model/sample.js';
import { applySavedColumns, loadColumnState, saveColumnState, toSavedColumns } from '../grid/column-state-storage.js';
import { gridTheme } from '../grid/grid-theme.js';
import { registerGridModules } from '../grid/register-grid-modules.js';
import { sampleColumns } from '../grid/sample-columns.js';
import { createSampleDatasource } from '../grid/sample-datasource.js';
import { useAppStore } from '../store/use-app-store.js';

registerGridModules();

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const getRowId = (params: GetRowIdParams<SampleSummary>) => params.data.id;

export interface SampleGridProps {
  /** Identifies the open library: a different library resets paging and scroll position. */
  libraryPath: string;
  libraryRevision: number;
  emptyHint?: string;
}

export function SampleGrid({ libraryPath, libraryRevision, emptyHint }: SampleGridProps) {
  const reportError = useAppStore((s) => s.reportError);
  const apiRef = useRef<GridApi<SampleSummary> | null>(null);
  const [total, setTotal] = useState<number | null>(null);

  const columnDefs = useMemo(() => applySavedColumns(sampleColumns(), loadColumnState(localStorageOrNull())), []);
  const defaultColDef = useMemo(() => ({ resizable: true, suppressHeaderMenuButton: true, minWidth: 60 }), []);
  const datasource = useMemo(
    () => createSampleDatasource(() => window.curation, { onPage: setTotal, onError: reportError }),
    [reportError],
  );

  // Reload on a new revision. Another library gets a fresh datasource (back to the top, exact new row count);
  // the same library changing keeps the scroll position and refetches the visible blocks.
  const shown = useRef({ libraryPath, libraryRevision });
  useEffect(() => {
    const api = apiRef.current;
    const before = shown.current;
    shown.current = { libraryPath, libraryRevision };
    if (!api || before.libraryRevision === libraryRevision) return;
    if (before.libraryPath !== libraryPath) {
      setTotal(null);
      api.setGridOption('datasource', createSampleDatasource(() => window.curation, { onPage: setTotal, onError: reportError }));
    } else {
      api.purgeInfiniteCache();
    }
  }, [libraryPath, libraryRevision, reportError]);

  const onGridReady = useCallback((event: GridReadyEvent<SampleSummary>) => {
    apiRef.current = event.api;
  }, []);

  const saveLayout = useCallback((api: GridApi<SampleSummary>) => {
    saveColumnState(localStorageOrNull(), toSavedColumns(api.getColumnState()));
  }, []);
  const onColumnMoved = useCallback((e: ColumnMovedEvent<SampleSummary>) => e.finished && saveLayout(e.api), [saveLayout]);
  const onColumnResized = useCallback((e: ColumnResizedEvent<SampleSummary>) => e.finished && saveLayout(e.api), [saveLayout]);
  const onLayoutChanged = useCallback((e: { api: GridApi<SampleSummary>; source?: string }) => saveLayout(e.api), [saveLayout]);

  return (
    <div className="cc-grid-wrap" data-testid="sample-grid">
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
        suppressNoRowsOverlay
        enableBrowserTooltips
        animateRows={false}
        onGridReady={onGridReady}
        onColumnMoved={onColumnMoved}
        onColumnResized={onColumnResized}
        onSortChanged={onLayoutChanged}
        onColumnVisible={onLayoutChanged}
        onColumnPinned={onLayoutChanged}
      />
      {total === 0 && (
        <div className="cc-empty" data-testid="empty-state">
          <p className="cc-empty-title">This library has no samples yet.</p>
          {emptyHint && <p className="cc-empty-hint">{emptyHint}</p>}
        </div>
      )}
    </div>
  );
}
