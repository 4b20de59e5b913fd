/** Layout of the virtualised thumbnail grid: which rows are in view, which items and metadata pages they need. */

/** Tiles per row for a width; at least one. */
export function gridColumns(width: number, tileSize: number, gap: number): number {
  if (!(width > 0) || !(tileSize > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (tileSize + gap)));
}

/** Rows [first, end) at least partly in view, plus `overscan` rows on each side, within [0, rowCount). */
export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan = 2): [number, number] {
  if (rowCount <= 0 || !(rowHeight > 0)) return [0, 0];
  const first = Math.max(0, Math.floor(Math.max(0, scrollTop) / rowHeight) - overscan);
  const end = Math.min(rowCount, Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight) + overscan);
  return [Math.min(first, end), end];
}

/** Items [start, end) of rows [first, end). */
export function itemsOfRows(rows: readonly [number, number], columns: number, itemCount: number): [number, number] {
  const start = Math.min(itemCount, rows[0] * columns);
  return [start, Math.min(itemCount, Math.max(start, rows[1] * columns))];
}

/** Metadata pages (of pageSize images) holding image items [start, end); items ≥ imageCount are missing tiles. */
export function pagesFor(start: number, end: number, imageCount: number, pageSize: number): number[] {
  const last = Math.min(end, imageCount);
  if (last <= start) return [];
  const pages: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((last - 1) / pageSize); p++) pages.push(p);
  return pages;
}

/** Items in groups of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}
