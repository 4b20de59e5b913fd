/**
 * A SOMLIT entry is one sampling (site, date, time, tide, depth) with, per parameter, a value and its SOMLIT quality
 * code. Both are change-event targets: `somlit-entry` holds the row's fields, `somlit-value` (group = parameter
 * code) holds one cell. These are their stored values, plus the lenient reading of what a technician types or
 * pastes (French dates and decimal commas included), shared by the entry grid, the file reader and the service.
 */
import type { SomlitCode } from './quality-codes.js';
import type { CytometryQuantity, SomlitTable } from './somlit-table.js';

/** The stored value of a `somlit-entry` target. */
export interface SomlitEntryFields {
  /** ID_SITE. */
  site: string | null;
  /** DATE, yyyy-mm-dd (local date of the sampling, as SOMLIT files give it). */
  date: string | null;
  /** HEURE, hh:mm:ss. */
  time: string | null;
  /** COEF_MAREE. */
  tideCoefficient: number | null;
  /** MAREE, as written by the station. */
  tide: string | null;
  /** PROF_TEXT: the depth level code (S surface, F bottom…). */
  depthLevel: string | null;
  /** PROF_NUM, metres. */
  depth: number | null;
}
export type SomlitEntryField = keyof SomlitEntryFields;
export const entryFieldNames: readonly SomlitEntryField[] = ['site', 'date', 'time', 'tideCoefficient', 'tide', 'depthLevel', 'depth'];

export const emptyEntryFields: SomlitEntryFields = { site: null, date: null, time: null, tideCoefficient: null, tide: null, depthLevel: null, depth: null };

/** One FCS sample whose gated group gave (part of) a linked value. */
export interface LinkedSample {
  sampleId: string;
  name: string;
  /** The template set and its standard group name. */
  set: string;
  group: string | null;
  templateId: string;
  templateVersion: number;
  /** Revision per overridden gate of the sample, as the abundance recorded them. */
  overrides: Record<string, number>;
  events: number;
}

/** Where a stored value came from when it was not typed. */
export type SomlitValueSource =
  | { kind: 'file'; file: string; line: number }
  | {
      kind: 'cytometry';
      quantity: CytometryQuantity;
      /** The event column averaged (optical means), null for abundances. */
      channel: string | null;
      /** Means divided by the bead set's means. */
      normalised: boolean;
      samples: LinkedSample[];
    };

/** The stored value of a `somlit-value` target: never 999999 — no value is null. */
export interface SomlitValueValue {
  value: number | null;
  code: SomlitCode;
  comment: string | null;
  source: SomlitValueSource | null;
}

/** What a file writes for "no value": 999999, `-`, and the CTD exports' 1e+06 (only that literal form). */
export function isMissingMarker(text: string, missingValue = '999999'): boolean {
  const t = text.trim();
  if (t === '-' || t === '\u2014' || t === missingValue || /^1e\+0?6$/i.test(t)) return true;
  const n = parseNumberText(t);
  return n !== null && n === Number(missingValue);
}

/**
 * A number as typed or pasted: decimal point or comma, spaces as thousands separators (French "1 234,5"); with both
 * "," and "." the last one is the decimal separator. Null when it is not a number.
 */
export function parseNumberText(input: string): number | null {
  let t = input.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return null;
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    const decimal = comma > dot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    t = t.split(thousands).join('').replace(decimal, '.');
  } else if (comma >= 0) {
    if (t.indexOf(',') !== comma) return null;
    t = t.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** yyyy-mm-dd (the file's form), yyyy/mm/dd, or dd/mm/yyyy, dd.mm.yyyy, dd/mm/yy as typed in France. */
export function parseDateText(input: string): string | null {
  const t = input.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return validDate(y, Number(m[2]), Number(m[1]));
  }
  return null;
}

/** hh:mm:ss from "9:30", "09:30:15", "9h30", "9h". */
export function parseTimeText(input: string): string | null {
  const m = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?|[hH](\d{2})?)$/.exec(input.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? m[4] ?? '0');
  const s = Number(m[3] ?? '0');
  if (h > 23 || min > 59 || s > 59) return null;
  return [h, min, s].map((v) => String(v).padStart(2, '0')).join(':');
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** A site by its ID_SITE, its name ("frioul"), or both as displayed ("11 Frioul", "11 — Frioul"). */
export function parseSiteText(table: SomlitTable, input: string): string | null {
  const t = input.trim();
  const exact = table.sites.find((s) => s.id === t);
  if (exact) return exact.id;
  const lead = /^([0-9A-Za-z_-]+)\s*(?:[-—–:]\s*)?(.*)$/.exec(t);
  if (lead) {
    const byId = table.sites.find((s) => s.id === lead[1] && (lead[2] === '' || fold(s.name) === fold(lead[2]!)));
    if (byId) return byId.id;
  }
  const folded = fold(t);
  return folded === '' ? null : (table.sites.find((s) => fold(s.name) === folded)?.id ?? null);
}

/** A depth level by its code (case ignored) or its label ("surface"). */
export function parseDepthLevelText(table: SomlitTable, input: string): string | null {
  const t = input.trim();
  const byCode = table.depthLevels.find((d) => d.code.toUpperCase() === t.toUpperCase());
  if (byCode) return byCode.code;
  const folded = fold(t);
  return folded === '' ? null : (table.depthLevels.find((d) => fold(d.label) === folded || fold(d.label).startsWith(folded))?.code ?? null);
}

export type FieldParse = { ok: true; value: string | number | null } | { ok: false };

/** Reads one entry field as typed; empty (or 999999) is null. Validity beyond the form is in the rules. */
export function parseEntryFieldText(table: SomlitTable, field: SomlitEntryField, input: string, missingValue = '999999'): FieldParse {
  const t = input.trim();
  if (t === '' || (field !== 'tide' && field !== 'site' && isMissingMarker(t, missingValue))) return { ok: true, value: null };
  switch (field) {
    case 'site': {
      const v = parseSiteText(table, t);
      return v === null ? { ok: false } : { ok: true, value: v };
    }
    case 'date': {
      const v = parseDateText(t);
      return v === null ? { ok: false } : { ok: true, value: v };
    }
    case 'time': {
      const v = parseTimeText(t);
      return v === null ? { ok: false } : { ok: true, value: v };
    }
    case 'tideCoefficient':
    case 'depth': {
      const v = parseNumberText(t);
      return v === null ? { ok: false } : { ok: true, value: v };
    }
    case 'depthLevel': {
      const v = parseDepthLevelText(table, t);
      return v === null ? { ok: false } : { ok: true, value: v };
    }
    case 'tide':
      return { ok: true, value: t };
  }
}
