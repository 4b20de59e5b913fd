/**
 * Spillover matrices ($SPILLOVER in FCS 3.1; SPILL and $COMP in older files) and compensation.
 *
 * Keyword value: `n,<n parameter names>,<n × n values, row-major>`. Extra whitespace, line breaks, empty fields
 * (`,,`) and a trailing comma are tolerated. Problems are FormatIssues naming the keyword (a bad matrix must not
 * stop an import); a diagonal that is not 1 is reported (values in % are seen in the wild) but kept.
 *
 * Convention implemented (FCS 3.1 $SPILLOVER; FlowKit/flowutils `compensate`, flowCore `compensate`): S[i][j] is
 * the fraction of the signal of the fluorochrome whose primary detector is parameter i that appears in parameter
 * j — rows spill FROM, columns INTO. A measured event row x (1 × n) is the true row c times S: x = c · S, so
 * compensated = raw · S⁻¹ (flowutils: `np.linalg.solve(S.T, x.T).T`; flowCore: `x %*% solve(S)`).
 */
import { CurationError } from '../api/errors.js';
import type { FcsSpillover } from '../formats/fcs/fcs-types.js';
import { fcsKeyword, parseFcsInteger, parseFcsNumber } from '../formats/fcs/fcs-values.js';
import type { FormatIssue } from '../formats/format-issue.js';

export type { FcsSpillover };

export type NumericColumn = Float32Array | Float64Array;

/** Looked up in this order; $COMP is defined by FCS 3.0 as a compensation matrix but written like SPILL in practice. */
export const SPILLOVER_KEYWORDS = ['$SPILLOVER', 'SPILL', '$COMP'] as const;

export interface ParsedSpillover {
  /** Null when the value cannot be read as a spillover matrix (the issues say why). */
  spillover: FcsSpillover | null;
  /** With a non-null spillover these are warnings (diagonal not 1, duplicate names). */
  issues: FormatIssue[];
}

/** Parses one keyword value. `keyword` is used in the messages and as the issues' field. */
export function parseSpillover(raw: string, keyword = '$SPILLOVER'): ParsedSpillover {
  const issue = (message: string): ParsedSpillover => ({ spillover: null, issues: [{ field: keyword, message: `${keyword} ${message}` }] });
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return issue('is empty');
  const n = parseFcsInteger(parts[0]);
  if (n === null || n <= 0) return issue(`does not start with a parameter count (${JSON.stringify((parts[0] ?? '').slice(0, 20))})`);
  const names = parts.slice(1, 1 + n);
  const values = parts.slice(1 + n);
  if (names.length < n || values.length !== n * n) {
    return issue(`has ${names.length} names and ${values.length} values; ${n} parameters need ${n} names and ${n * n} values`);
  }
  const numericName = names.findIndex((name) => parseFcsNumber(name) !== null);
  if (numericName >= 0) return issue(`name ${numericName + 1} is a number (${names[numericName] ?? ''}): the count ${n} does not match the names`);
  const matrix: number[][] = [];
  for (let r = 0; r < n; r++) {
    const row: number[] = [];
    for (let c = 0; c < n; c++) {
      const text = values[r * n + c];
      const v = parseFcsNumber(text);
      if (v === null) return issue(`value ${JSON.stringify(text)} (row ${r + 1}, column ${c + 1}) is not a number`);
      row.push(v);
    }
    matrix.push(row);
  }
  const issues: FormatIssue[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) issues.push({ field: keyword, message: `${keyword} names parameter ${JSON.stringify(name)} twice` });
    seen.add(name);
  }
  const offDiagonal = matrix.findIndex((row, i) => Math.abs((row[i] ?? NaN) - 1) > 1e-6);
  if (offDiagonal >= 0) {
    issues.push({
      field: keyword,
      message: `${keyword} diagonal is not 1 (row ${offDiagonal + 1}: ${matrix[offDiagonal]?.[offDiagonal] ?? ''}); the values may be percentages — check before compensating`,
    });
  }
  return { spillover: { parameters: names, matrix }, issues };
}

/** The first readable matrix among $SPILLOVER, SPILL, $COMP; issues for every unreadable one met on the way. */
export function readSpillover(keywords: Record<string, string>): ParsedSpillover & { keyword: string | null } {
  const issues: FormatIssue[] = [];
  for (const keyword of SPILLOVER_KEYWORDS) {
    const raw = fcsKeyword(keywords, keyword);
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = parseSpillover(raw, keyword);
    issues.push(...parsed.issues);
    if (parsed.spillover) return { spillover: parsed.spillover, keyword, issues };
  }
  return { spillover: null, keyword: null, issues };
}

/**
 * Index (0-based) of the data set's parameter for each matrix name: by $PnN, else by $PnS (some software writes
 * stain names). Null plus an issue naming the first name that matches no parameter.
 */
export function spilloverParameterIndices(
  spillover: FcsSpillover,
  parameters: readonly { name: string; label?: string | null }[],
  keyword = '$SPILLOVER',
): { indices: number[] | null; issues: FormatIssue[] } {
  const indices: number[] = [];
  for (const name of spillover.parameters) {
    let i = parameters.findIndex((p) => p.name === name);
    if (i < 0) i = parameters.findIndex((p) => p.label === name);
    if (i < 0) return { indices: null, issues: [{ field: keyword, message: `${keyword} names ${JSON.stringify(name)}, which is not a parameter of this data set ($PnN or $PnS)` }] };
    indices.push(i);
  }
  return { indices, issues: [] };
}

/**
 * Inverse by Gauss–Jordan elimination with partial pivoting (float64). Throws a CurationError when the matrix is
 * not square, holds a non-number, or is singular (a pivot below 1e-12 × its largest entry).
 */
export function invertMatrix(matrix: readonly (readonly number[])[], what = 'spillover matrix'): number[][] {
  const n = matrix.length;
  const fail = (message: string) => new CurationError({ code: 'invalid-input', field: what, message: `${what} ${message}` });
  if (n === 0) throw fail('is empty');
  const w = 2 * n;
  const a = new Float64Array(n * w);
  let largest = 0;
  for (let r = 0; r < n; r++) {
    const row = matrix[r] as readonly number[];
    if (row.length !== n) throw fail(`is not square: row ${r + 1} has ${row.length} values, expected ${n}`);
    for (let c = 0; c < n; c++) {
      const v = row[c] as number;
      if (!Number.isFinite(v)) throw fail(`has a value that is not a number at row ${r + 1}, column ${c + 1}`);
      a[r * w + c] = v;
      largest = Math.max(largest, Math.abs(v));
    }
    a[r * w + n + r] = 1;
  }
  const tiny = 1e-12 * largest;
  for (let col = 0; col < n; col++) {
    let pivotRow = col;
    let pivotAbs = Math.abs(a[col * w + col] as number);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(a[r * w + col] as number);
      if (v > pivotAbs) {
        pivotAbs = v;
        pivotRow = r;
      }
    }
    if (!(pivotAbs > tiny)) {
      throw fail(`is singular and cannot be inverted (no usable pivot in column ${col + 1}: rows are linearly dependent, e.g. two equal rows or a row of zeros)`);
    }
    if (pivotRow !== col) {
      for (let c = 0; c < w; c++) {
        const t = a[col * w + c] as number;
        a[col * w + c] = a[pivotRow * w + c] as number;
        a[pivotRow * w + c] = t;
      }
    }
    const p = a[col * w + col] as number;
    for (let c = 0; c < w; c++) a[col * w + c] = (a[col * w + c] as number) / p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r * w + col] as number;
      if (f === 0) continue;
      for (let c = 0; c < w; c++) a[r * w + c] = (a[r * w + c] as number) - f * (a[col * w + c] as number);
    }
  }
  const inverse: number[][] = [];
  for (let r = 0; r < n; r++) inverse.push(Array.from(a.subarray(r * w + n, r * w + w)));
  return inverse;
}

/**
 * Compensated columns = raw · S⁻¹, out of place. `columns[k]` is the parameter of matrix row/column k (see
 * spilloverParameterIndices). Each output column is accumulated in one reused float64 buffer, streaming over the
 * input columns (zero coefficients skipped), then stored as a new Float32Array. NaN in an input propagates to the
 * outputs it contributes to. Throws a CurationError for a singular matrix or mismatched columns; `source` names
 * the keyword in the messages.
 */
export function compensateColumns(columns: readonly NumericColumn[], spillover: readonly (readonly number[])[], source = '$SPILLOVER'): Float32Array[] {
  const n = spillover.length;
  if (columns.length !== n) {
    throw new CurationError({ code: 'invalid-input', field: source, message: `${source} is ${n} × ${n} but ${columns.length} columns were given to compensate` });
  }
  const inverse = invertMatrix(spillover, source);
  const events = columns[0]?.length ?? 0;
  columns.forEach((c, k) => {
    if (c.length !== events) throw new CurationError({ code: 'invalid-input', field: source, message: `column ${k + 1} has ${c.length} events, column 1 has ${events}` });
  });
  const sum = new Float64Array(events);
  const out: Float32Array[] = [];
  for (let j = 0; j < n; j++) {
    sum.fill(0);
    for (let i = 0; i < n; i++) {
      const coefficient = (inverse[i] as number[])[j] as number;
      if (coefficient === 0) continue;
      const raw = columns[i] as NumericColumn;
      for (let e = 0; e < events; e++) sum[e] = (sum[e] as number) + (raw[e] as number) * coefficient;
    }
    const column = new Float32Array(events);
    column.set(sum);
    out.push(column);
  }
  return out;
}
