/** Reads the rendered rows of an ag-grid (rows carry row-id and row-index; cells carry col-id), in row order. */
import type { Page } from 'playwright-core';

export interface GridRow {
  id: string;
  index: number;
  cells: Record<string, string>;
}

export function readGridRows(page: Page, scope = '[data-testid="sample-grid"]'): Promise<GridRow[]> {
  return page.locator(`${scope} .ag-row[row-id]`).evaluateAll((rows) =>
    rows
      .map((row) => {
        const cells: Record<string, string> = {};
        for (const cell of Array.from(row.querySelectorAll('[role="gridcell"][col-id]'))) {
          cells[cell.getAttribute('col-id') ?? ''] = (cell.textContent ?? '').trim();
        }
        return { id: row.getAttribute('row-id') ?? '', index: Number(row.getAttribute('row-index')), cells };
      })
      .sort((a, b) => a.index - b.index),
  );
}
