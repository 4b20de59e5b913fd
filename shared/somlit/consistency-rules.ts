/**
 * The rules a SOMLIT entry must satisfy, checked as the technician types (renderer), before the service stores an
 * edit (planner), and on every imported row (reader). Problems are data — a rule name, the field and the values
 * concerned — so the UI words them in its language; describeSomlitProblem gives the English sentence for the CLI
 * and error messages.
 */
import { isNoValueCode, isSomlitCode, outOfRangeCodes, somlitCodeMeaning } from './quality-codes.js';
import type { SomlitEntryField, SomlitEntryFields, SomlitValueValue } from './somlit-entry.js';
import { parseDateText, parseTimeText } from './somlit-entry.js';
import type { SomlitParameter, SomlitTable } from './somlit-table.js';
import { findParameter, findSite } from './somlit-table.js';

export type SomlitRule =
  | 'unknown-entry'
  | 'unknown-parameter'
  | 'unknown-code'
  | 'needs-code'
  | 'no-value-code'
  | 'needs-value'
  | 'detection-limit'
  | 'needs-detection-limit'
  | 'out-of-range'
  | 'comment-required'
  | 'missing-value-number'
  | 'not-a-number'
  | 'unknown-site'
  | 'bad-date'
  | 'bad-time'
  | 'bad-tide-coefficient'
  | 'bad-tide'
  | 'unknown-depth-level'
  | 'bad-depth'
  | 'duplicate'
  | 'incomplete';

export interface SomlitProblem {
  rule: SomlitRule;
  /** A parameter code (its value/q pair) or an entry field name. */
  field: string;
  params: Record<string, string | number>;
}

/** COEF_MAREE: French tide coefficients run from 20 to 120. */
export const tideCoefficientRange: readonly [number, number] = [20, 120];
export const depthRange: readonly [number, number] = [0, 12000];

/** Equal up to rounding noise (a limit typed as 0,02 and stored as 0.02). */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Problems of one stored (or about to be stored) cell; empty when it may be stored. */
export function cellProblems(parameter: SomlitParameter, cell: SomlitValueValue, missingValue = '999999'): SomlitProblem[] {
  const field = parameter.code;
  const problems: SomlitProblem[] = [];
  const p = (rule: SomlitRule, params: Record<string, string | number> = {}) => problems.push({ rule, field, params });
  if (!isSomlitCode(cell.code)) {
    p('unknown-code', { code: String(cell.code) });
    return problems;
  }
  const { value, code } = cell;
  if (value !== null && !Number.isFinite(value)) {
    p('not-a-number', { text: String(value) });
    return problems;
  }
  if (value !== null && value === Number(missingValue)) {
    p('missing-value-number', { value: missingValue });
    return problems;
  }
  if (isNoValueCode(code)) {
    if (value !== null) p('no-value-code', { code, value });
    return problems;
  }
  if (value === null) {
    p(code === '0' ? 'needs-detection-limit' : 'needs-value', { code });
    return problems;
  }
  if (code === '0') {
    // Below detection: the stored value is the limit, so the range says nothing about the water.
    if (parameter.detectionLimit !== null && !same(value, parameter.detectionLimit)) p('detection-limit', { value, limit: parameter.detectionLimit, unit: parameter.unit });
    return problems;
  }
  const range = parameter.plausible;
  if (range && (value < range[0] || value > range[1])) {
    const params = { value, min: range[0], max: range[1], unit: parameter.unit, code };
    if (!(outOfRangeCodes as readonly string[]).includes(code)) p('out-of-range', params);
    else if (!cell.comment?.trim()) p('comment-required', params);
  }
  return problems;
}

/** Problems of a cell named by parameter code (an unknown code is itself a problem). */
export function valueProblems(table: SomlitTable, parameterCode: string, cell: SomlitValueValue): SomlitProblem[] {
  const parameter = findParameter(table, parameterCode);
  if (!parameter) return [{ rule: 'unknown-parameter', field: parameterCode, params: {} }];
  return cellProblems(parameter, cell, table.extraction.missingValue);
}

/** Problems of one field's value (null is allowed here; see missingKeyFields). */
export function fieldProblems(table: SomlitTable, field: SomlitEntryField, value: string | number | null): SomlitProblem[] {
  if (value === null) return [];
  const p = (rule: SomlitRule, params: Record<string, string | number> = {}): SomlitProblem[] => [{ rule, field, params }];
  switch (field) {
    case 'site':
      return typeof value === 'string' && findSite(table, value) ? [] : p('unknown-site', { site: String(value) });
    case 'date':
      return typeof value === 'string' && parseDateText(value) === value ? [] : p('bad-date', { text: String(value) });
    case 'time':
      return typeof value === 'string' && parseTimeText(value) === value ? [] : p('bad-time', { text: String(value) });
    case 'tideCoefficient':
      return typeof value === 'number' && Number.isInteger(value) && value >= tideCoefficientRange[0] && value <= tideCoefficientRange[1]
        ? []
        : p('bad-tide-coefficient', { text: String(value), min: tideCoefficientRange[0], max: tideCoefficientRange[1] });
    case 'tide':
      return typeof value === 'string' && value.length <= 40 && /^[^;,\t\r\n"]*$/.test(value) ? [] : p('bad-tide', { text: String(value) });
    case 'depthLevel':
      return typeof value === 'string' && table.depthLevels.some((d) => d.code === value)
        ? []
        : p('unknown-depth-level', { text: String(value), codes: table.depthLevels.map((d) => d.code).join(', ') });
    case 'depth':
      return typeof value === 'number' && Number.isFinite(value) && value >= depthRange[0] && value <= depthRange[1]
        ? []
        : p('bad-depth', { text: String(value), min: depthRange[0], max: depthRange[1] });
  }
}

/** The problem of a field whose text cannot be read at all (not a date, an unknown site…). */
export function unreadableFieldProblem(table: SomlitTable, field: SomlitEntryField, text: string): SomlitProblem {
  const rule = (
    { site: 'unknown-site', date: 'bad-date', time: 'bad-time', tideCoefficient: 'bad-tide-coefficient', tide: 'bad-tide', depthLevel: 'unknown-depth-level', depth: 'bad-depth' } as const
  )[field];
  const params: Record<string, string | number> = { text, site: text };
  if (field === 'depthLevel') params['codes'] = table.depthLevels.map((d) => d.code).join(', ');
  if (field === 'tideCoefficient') Object.assign(params, { min: tideCoefficientRange[0], max: tideCoefficientRange[1] });
  if (field === 'depth') Object.assign(params, { min: depthRange[0], max: depthRange[1] });
  return { rule, field, params };
}

export function entryFieldsProblems(table: SomlitTable, fields: SomlitEntryFields): SomlitProblem[] {
  return (Object.keys(fields) as SomlitEntryField[]).flatMap((f) => fieldProblems(table, f, fields[f]));
}

/** Fields an entry needs before it can be written to a file (they identify the sampling). */
export const keyFields: readonly SomlitEntryField[] = ['site', 'date', 'depthLevel'];

export function missingKeyFields(fields: SomlitEntryFields): SomlitProblem[] {
  return keyFields.filter((f) => fields[f] === null).map((f) => ({ rule: 'incomplete' as const, field: f, params: {} }));
}

/** Same site, date and depth (PROF_TEXT and PROF_NUM): the same sampling. Null until site, date and level are known. */
export function duplicateKey(fields: SomlitEntryFields): string | null {
  if (fields.site === null || fields.date === null || fields.depthLevel === null) return null;
  return [fields.site, fields.date, fields.depthLevel, fields.depth === null ? '' : String(fields.depth)].join('\u0000');
}

/** For each entry that repeats an earlier one (in the given order), the id of that earlier entry. */
export function findDuplicates(entries: readonly { id: string; fields: SomlitEntryFields }[]): Map<string, string> {
  const first = new Map<string, string>();
  const duplicates = new Map<string, string>();
  for (const e of entries) {
    const key = duplicateKey(e.fields);
    if (key === null) continue;
    const before = first.get(key);
    if (before === undefined) first.set(key, e.id);
    else duplicates.set(e.id, before);
  }
  return duplicates;
}

export function duplicateProblem(fields: SomlitEntryFields): SomlitProblem {
  return {
    rule: 'duplicate',
    field: 'date',
    params: { site: fields.site ?? '', date: fields.date ?? '', depthLevel: fields.depthLevel ?? '', depth: fields.depth === null ? '' : fields.depth },
  };
}

/** The English sentence of a problem (the UI has the same sentences in its catalogues). */
export function describeSomlitProblem(problem: SomlitProblem): string {
  const { field, params } = problem;
  const v = (k: string) => String(params[k] ?? '');
  const unit = params['unit'] ? ` ${v('unit')}` : '';
  switch (problem.rule) {
    case 'unknown-entry':
      return `no SOMLIT entry ${v('id')}`;
    case 'unknown-parameter':
      return `${field} is not a parameter of the SOMLIT table`;
    case 'unknown-code':
      return `${field}: "${v('code')}" is not a SOMLIT quality code (0 to 9)`;
    case 'needs-code':
      return `${field}: a value needs its quality code`;
    case 'no-value-code':
      return `${field}: code ${v('code')} (${somlitCodeMeaning(v('code'))}) means no value; clear the value ${v('value')} or change the code`;
    case 'needs-value':
      return `${field}: code ${v('code')} (${somlitCodeMeaning(v('code'))}) needs a value`;
    case 'detection-limit':
      return `${field}: code 0 (below detection limit) stores the detection limit ${v('limit')}${unit} as its value, not ${v('value')}`;
    case 'needs-detection-limit':
      return `${field}: code 0 (below detection limit) needs the detection limit as its value`;
    case 'out-of-range':
      return `${field} = ${v('value')}${unit} is outside the plausible range ${v('min')} to ${v('max')}: use code 3 (questionable) or 4 (bad) and say why in a comment`;
    case 'comment-required':
      return `${field} = ${v('value')}${unit} is outside the plausible range ${v('min')} to ${v('max')}: code ${v('code')} needs a comment saying why`;
    case 'missing-value-number':
      return `${field}: ${v('value')} is the file's missing value, not a number: leave the value empty and use code 1, 5 or 9`;
    case 'not-a-number':
      return `${field}: "${v('text')}" is not a number`;
    case 'unknown-site':
      return `site "${v('site')}" is not in the SOMLIT table`;
    case 'bad-date':
      return `date "${v('text')}" is not a date (yyyy-mm-dd or dd/mm/yyyy)`;
    case 'bad-time':
      return `time "${v('text')}" is not a time (hh:mm or hh:mm:ss)`;
    case 'bad-tide-coefficient':
      return `tide coefficient "${v('text')}" is not a whole number from ${v('min')} to ${v('max')}`;
    case 'bad-tide':
      return `tide "${v('text')}" is too long or holds a separator (at most 40 characters, no ; , tab or quote)`;
    case 'unknown-depth-level':
      return `depth level "${v('text')}" is not one of ${v('codes')}`;
    case 'bad-depth':
      return `depth "${v('text')}" is not a depth in metres from ${v('min')} to ${v('max')}`;
    case 'duplicate':
      return `another entry has the same site, date and depth (site ${v('site')}, ${v('date')}, ${v('depthLevel')}${params['depth'] !== '' ? ` ${v('depth')} m` : ''})`;
    case 'incomplete':
      return `the entry has no ${field === 'depthLevel' ? 'depth level (PROF_TEXT)' : field} yet`;
  }
}
