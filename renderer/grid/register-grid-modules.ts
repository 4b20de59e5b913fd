/**
 * ag-grid community modules this renderer uses, registered once. Only what is needed: the Infinite Row
 * Model (server-side paging and sorting), the column API (saving the column layout), cell classes
 * (monospaced times), row classes (the open sample), row selection (checkboxes, for bulk actions), tooltips
 * (full text of truncated cells), and the row, scroll and render APIs the sample view and the review
 * keyboard use. Sorting, column moving, resizing and keyboard navigation are part of the core. Validation
 * (helpful warnings) only in development builds.
 */
import {
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
  ValidationModule,
} from 'ag-grid-community';

let registered = false;

export function registerGridModules(): void {
  if (registered) return;
  registered = true;
  ModuleRegistry.registerModules([
    InfiniteRowModelModule,
    ColumnApiModule,
    CellStyleModule,
    TooltipModule,
    RowSelectionModule,
    RowStyleModule,
    RowApiModule,
    ScrollApiModule,
    RenderApiModule,
    ...(import.meta.env.DEV ? [ValidationModule] : []),
  ]);
}
