/**
 * The table one dataset publishes to ERDDAP — one row per approved sample, fixed columns then one abundance
 * column and one flag column per group — and its CSV text.
 */
export interface ErddapGroupColumn {
  /** The group (or set) name as curated. */
  group: string;
  /** CSV column / ERDDAP variable name; its flag column is `<column>_qc`. */
  column: string;
}

export interface ErddapRow {
  /** UTC, ISO 8601 with milliseconds and Z. */
  time: string;
  latitude: number | null;
  longitude: number | null;
  /** Metres, positive down. */
  depth: number | null;
  station: string | null;
  sampleId: string;
  /** By column: the abundance (cells/mL, null = missing) and its L20 flag. */
  values: Record<string, { value: number | null; flag: string }>;
}

export interface ErddapTable {
  groups: ErddapGroupColumn[];
  rows: ErddapRow[];
}

export const FIXED_COLUMNS = ['time', 'latitude', 'longitude', 'depth', 'station', 'sample_id'] as const;

/** Variable names for groups: `abundance_<name>` in ERDDAP's alphabet, unique, in group-name order. */
export function groupColumns(groups: Iterable<string>): ErddapGroupColumn[] {
  const used = new Set<string>(FIXED_COLUMNS);
  const out: ErddapGroupColumn[] = [];
  for (const group of [...new Set(groups)].sort((a, b) => a.localeCompare(b, 'en'))) {
    const base = `abundance_${group.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'group'}`.slice(0, 60);
    let column = base;
    for (let i = 2; used.has(column) || used.has(`${column}_qc`); i++) column = `${base}_${i}`;
    used.add(column);
    used.add(`${column}_qc`);
    out.push({ group, column });
  }
  return out;
}

function csvText(s: string | null): string {
  if (s === null) return '';
  const flat = s.replace(/[\r\n]+/g, ' ');
  return /[",]|^\s|\s$/.test(flat) || flat === '' ? `"${flat.replace(/"/g, '""')}"` : flat;
}

function csvNumber(n: number | null): string {
  return n === null || !Number.isFinite(n) ? '' : String(n);
}

/** UTF-8 CSV, comma-separated, one header row, LF line ends; rows in time then sample order. */
export function erddapCsv(table: ErddapTable): string {
  const header = [...FIXED_COLUMNS, ...table.groups.flatMap((g) => [g.column, `${g.column}_qc`])];
  const lines = [header.join(',')];
  const rows = [...table.rows].sort((a, b) => a.time.localeCompare(b.time) || a.sampleId.localeCompare(b.sampleId));
  for (const r of rows) {
    const cells = [r.time, csvNumber(r.latitude), csvNumber(r.longitude), csvNumber(r.depth), csvText(r.station), csvText(r.sampleId)];
    for (const g of table.groups) {
      const v = r.values[g.column];
      cells.push(csvNumber(v?.value ?? null), v?.flag ?? '9');
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
