/**
 * ag-grid community modules this renderer uses, registered once. Only what is needed: the Infinite Row
 * Model (server-side paging and sorting), the column API (saving the column layout), cell classes
 * (monospaced times) and tooltips (full text of truncated cells). Sorting, column moving and resizing are
 * part of the core. Validation (helpful warnings) only in development builds.
 */
import {
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  ModuleRegistry,
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
    ...(import.meta.env.DEV ? [ValidationModule] : []),
  ]);
}
