/**
 * The SOMLIT entry grid: ag-grid with the client-side row model, one row per sampling and a blank row at the end,
 * the sampling fields pinned on the left, then a value and a q-code column per parameter. It behaves like a
 * spreadsheet: typing starts an edit that replaces the cell, Enter saves and goes down, Tab saves and goes right,
 * arrows move, Delete clears, Ctrl+V pastes a block (checked cell by cell), Ctrl+Z undoes. Edits go to the SOMLIT
 * store, which checks the rules and saves; a cell with input that breaks a rule is drawn in red with the reason on
 * hover.
 */
import type {
  CellClassParams,
  CellFocusedEvent,
  ColDef,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  ITooltipParams,
  RowClassParams,
  SuppressKeyboardEventParams,
  ValueGetterParams,
  ValueSetterParams,
} from 'ag-grid-community';
import { ClientSideRowModelModule, TextEditorModule } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { SomlitTable, SomlitType } from '../../shared/somlit/somlit-table.js';
import { gridTheme } from '../grid/grid-theme.js';
import { registerGridModules } from '../grid/register-grid-modules.js';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/use-i18n.js';
import type { Translator } from '../i18n/translate.js';
import { isTypingTarget } from '../review/review-keys.js';
import type { GridColumn, GridRow } from './grid-model.js';
import { cellDraftProblems, cellText, duplicateOf, formatNumber, gridColumns } from './grid-model.js';
import { codeTitle, problemText } from './problem-text.js';
import { somlitStore, useSomlitStore } from './use-somlit-store.js';

registerGridModules();
const modules = [ClientSideRowModelModule, TextEditorModule];
const getRowId = (p: GetRowIdParams<GridRow>) => p.data.key;

const fieldWidths: Record<string, number> = { site: 130, date: 108, time: 88, tideCoefficient: 82, tide: 72, depthLevel: 92, depth: 92 };

function headerTooltip(t: Translator, column: GridColumn): string {
  if (column.kind === 'field') return t(`somlit.field.${column.field}` as MessageKey);
  const p = column.parameter;
  if (column.kind === 'code') return t('somlit.header.code', { code: p.code });
  const lines = [`${p.code}: ${p.label}`];
  if (p.unit) lines.push(t('somlit.header.unit', { unit: p.unit }));
  if (p.plausible) lines.push(t('somlit.header.range', { min: formatNumber(p.plausible[0], t.language), max: formatNumber(p.plausible[1], t.language) }));
  if (p.detectionLimit !== null) lines.push(t('somlit.header.limit', { limit: `${formatNumber(p.detectionLimit, t.language)} ${p.unit}`.trim() }));
  return lines.join('\n');
}

function cellTooltip(t: Translator, table: SomlitTable, rows: readonly GridRow[], row: GridRow, column: GridColumn): string | undefined {
  const problems = cellDraftProblems(row, column).map((p) => problemText(t, p));
  if (column.kind === 'field') {
    if (!problems.length && ['site', 'date', 'depthLevel', 'depth'].includes(column.field) && duplicateOf(rows, row.key, row.fields)) {
      problems.push(problemText(t, { rule: 'duplicate', field: 'date', params: { site: row.fields.site ?? '', date: row.fields.date ?? '', depthLevel: row.fields.depthLevel ?? '', depth: row.fields.depth ?? '' } }));
    }
    return problems.join('\n') || undefined;
  }
  const code = column.parameter.code;
  const cell = row.cellDrafts[code]?.cell ?? row.values[code] ?? null;
  const lines = [...problems];
  if (cell) lines.push(codeTitle(t, cell.code));
  if (cell?.comment) lines.push(cell.comment);
  return lines.join('\n') || (column.kind === 'code' ? t('somlit.header.code', { code }) : undefined);
}

export function SomlitGrid({ table, type }: { table: SomlitTable; type: SomlitType }) {
  const t = useT();
  const rows = useSomlitStore((s) => s.rows);
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);

  const columnDefs = useMemo<ColDef<GridRow>[]>(
    () =>
      gridColumns(table, type).map((column) => {
        const base: ColDef<GridRow> = {
          colId: column.id,
          headerTooltip: headerTooltip(t, column),
          editable: true,
          valueGetter: (p: ValueGetterParams<GridRow>) => (p.data ? cellText(table, p.data, column, t.language) : ''),
          valueSetter: (p: ValueSetterParams<GridRow>) => {
            if (p.data) somlitStore.getState().editCell(p.data.key, column.id, p.newValue === null || p.newValue === undefined ? '' : String(p.newValue));
            // The store owns the rows: the grid shows the change when they come back.
            return false;
          },
          tooltipValueGetter: (p: ITooltipParams<GridRow>) => (p.data ? cellTooltip(t, table, somlitStore.getState().rows, p.data, column) : undefined),
          cellClassRules: {
            'cc-somlit-draft': (p: CellClassParams<GridRow>) => !!p.data && cellDraftProblems(p.data, column).length > 0,
            'cc-somlit-linked': (p: CellClassParams<GridRow>) => column.kind !== 'field' && p.data?.values[column.parameter.code]?.source?.kind === 'cytometry',
            'cc-somlit-commented': (p: CellClassParams<GridRow>) => column.kind === 'value' && !!p.data?.values[column.parameter.code]?.comment,
          },
        };
        if (column.kind === 'field') {
          return { ...base, headerName: t(`somlit.field.${column.field}` as MessageKey), width: fieldWidths[column.field] ?? 90, pinned: column.field === 'site' || column.field === 'date' ? 'left' : undefined };
        }
        const p = column.parameter;
        if (column.kind === 'code') return { ...base, headerName: `${table.extraction.qualityPrefix}${p.code}`, width: 64, cellClass: 'cc-somlit-code' };
        return { ...base, headerName: p.unit ? `${p.code} (${p.unit})` : p.code, width: Math.max(86, 16 + 8 * (p.code.length + p.unit.length + 3)), cellClass: 'cc-somlit-value' };
      }),
    [table, type, t],
  );
  const defaultColDef = useMemo<ColDef<GridRow>>(
    () => ({
      resizable: true,
      sortable: false,
      suppressHeaderMenuButton: true,
      suppressKeyboardEvent: (p: SuppressKeyboardEventParams<GridRow>) => {
        const e = p.event;
        if (p.editing && e.type === 'keydown' && e.key === 'Tab') {
          // As in a spreadsheet: Tab saves the cell and moves on without opening the next one, so what is typed
          // there replaces its content instead of being added to it.
          e.preventDefault();
          p.api.stopEditing();
          if (e.shiftKey) p.api.tabToPreviousCell();
          else p.api.tabToNextCell();
          return true;
        }
        if (p.editing || e.type !== 'keydown' || !p.node.data) return false;
        if ((e.key === 'Delete' || e.key === 'Backspace') && !e.ctrlKey && !e.metaKey && !e.altKey) {
          somlitStore.getState().editCell(p.node.data.key, p.column.getColId(), '');
          return true;
        }
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
          void somlitStore.getState().undo();
          return true;
        }
        return false;
      },
    }),
    [],
  );
  // Re-evaluated when a row's data changes (never by redrawing rows, which would close the editor being typed in).
  const rowClassRules = useMemo(
    () => ({
      'cc-somlit-blank': (p: RowClassParams<GridRow>) => !!p.data?.blank,
      'cc-somlit-duplicate': (p: RowClassParams<GridRow>) => !!p.data && !p.data.blank && duplicateOf(somlitStore.getState().rows, p.data.key, p.data.fields) !== null,
    }),
    [],
  );

  const onGridReady = useCallback((e: GridReadyEvent<GridRow>) => {
    apiRef.current = e.api;
  }, []);
  const onCellFocused = useCallback((e: CellFocusedEvent<GridRow>) => {
    if (e.rowIndex === null || e.rowPinned || !e.column || typeof e.column === 'string') return;
    const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
    if (node?.data) somlitStore.getState().setFocus({ rowKey: node.data.key, columnId: e.column.getColId() });
  }, []);

  // Headers follow the language.
  useEffect(() => {
    apiRef.current?.refreshHeader();
  }, [t]);

  // Ctrl+V on a focused cell (not while editing it): the block goes through the store's checks.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const api = apiRef.current;
      if (!api || !wrapRef.current?.contains(e.target as Node) || isTypingTarget(e.target)) return;
      const focused = api.getFocusedCell();
      const node = focused ? api.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!focused || !node?.data || text === '') return;
      e.preventDefault();
      somlitStore.getState().paste({ rowKey: node.data.key, columnId: focused.column.getColId() }, text);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  return (
    <div className="cc-grid-wrap cc-somlit-grid" data-testid="somlit-grid" ref={wrapRef} aria-label={t('somlit.gridLabel')}>
      <AgGridReact<GridRow>
        modules={modules}
        theme={gridTheme}
        loadThemeGoogleFonts={false}
        rowData={rows}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        rowClassRules={rowClassRules}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        enableBrowserTooltips
        suppressNoRowsOverlay
        animateRows={false}
        onGridReady={onGridReady}
        onCellFocused={onCellFocused}
      />
    </div>
  );
}
