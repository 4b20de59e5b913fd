/**
 * What stops the editor's form from being saved, field by field: required fields left empty, numbers that are
 * not numbers or out of range, EDMO codes, e-mail, LOCAL_CDI_IDs — in words the UI translates — and then
 * anything else the metadata schema refuses (its own message). Field keys are the schema's paths, with a single
 * unit's top-level `localCdiId` / `station` written as unit 0 (`cdis.0.station.latitude`), so a problem from the
 * form, from the schema or from the service lands next to the same field.
 */
import type { CurationErrorData } from '../../shared/api/errors.js';
import { datasetMetadataSchema } from '../../shared/publication/dataset-metadata.js';
import type { DatasetDraft } from './dataset-draft.js';
import { draftToMetadataInput, parseDecimal } from './dataset-draft.js';

export type ProblemKind =
  | 'required'
  | 'not-a-number'
  | 'out-of-range'
  | 'edmo'
  | 'email'
  | 'cdi-id'
  | 'duplicate-cdi-id'
  | 'no-samples'
  /** The schema's or the service's own words. */
  | 'other';

export interface DraftProblem {
  field: string;
  kind: ProblemKind;
  /** out-of-range: the limits; other: the message. */
  min?: number;
  max?: number;
  message?: string;
}

const requiredText: readonly (readonly [string, (d: DatasetDraft) => string])[] = [
  ['title', (d) => d.title],
  ['abstract', (d) => d.abstract],
  ['holdingCentreEdmo', (d) => d.holdingCentreEdmo],
  ['originatorEdmo', (d) => d.originatorEdmo],
  ['pi.name', (d) => d.piName],
  ['pi.email', (d) => d.piEmail],
  ['platformClass', (d) => d.platformClass],
  ['instrument', (d) => d.instrument],
  ['deviceCategory', (d) => d.deviceCategory],
  ['accessRestriction', (d) => d.accessRestriction],
];

const EDMO = /^\d{1,6}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CDI_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

/** A schema or service path as the form's field key. */
export function fieldKey(path: string): string {
  const p = path.replace(/^metadata\./, '');
  if (/^(localCdiId|station|featureType)(\.|$)/.test(p)) return `cdis.0.${p}`;
  return p;
}

function numberProblem(field: string, text: string, min: number, max: number, required: boolean): DraftProblem | null {
  const n = parseDecimal(text);
  if (n === null) return required ? { field, kind: 'required' } : null;
  if (Number.isNaN(n)) return { field, kind: 'not-a-number' };
  if (n < min || n > max) return { field, kind: 'out-of-range', min, max };
  return null;
}

/** Every problem of the form, in the order of the form. Empty: it can be saved. */
export function checkDraft(d: DatasetDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  for (const [field, get] of requiredText) {
    const value = get(d).trim();
    if (!value) problems.push({ field, kind: 'required' });
    else if (field.endsWith('Edmo') && !EDMO.test(value)) problems.push({ field, kind: 'edmo' });
    else if (field === 'pi.email' && !EMAIL.test(value)) problems.push({ field, kind: 'email' });
  }
  if (d.piEdmo.trim() && !EDMO.test(d.piEdmo.trim())) problems.push({ field: 'pi.edmo', kind: 'edmo' });

  const ids = d.units.map((u) => u.localCdiId.trim());
  d.units.forEach((u, i) => {
    const at = `cdis.${i}`;
    const id = ids[i] ?? '';
    if (!id) problems.push({ field: `${at}.localCdiId`, kind: 'required' });
    else if (!CDI_ID.test(id)) problems.push({ field: `${at}.localCdiId`, kind: 'cdi-id' });
    else if (ids.indexOf(id) !== i) problems.push({ field: `${at}.localCdiId`, kind: 'duplicate-cdi-id' });
    if (!u.stationName.trim()) problems.push({ field: `${at}.station.name`, kind: 'required' });
    const numbers = [
      numberProblem(`${at}.station.latitude`, u.latitude, -90, 90, true),
      numberProblem(`${at}.station.longitude`, u.longitude, -180, 180, true),
      numberProblem(`${at}.station.samplingDepth_m`, u.samplingDepth, -20, 12_000, false),
      numberProblem(`${at}.station.bottomDepth_m`, u.bottomDepth, 0, 12_000, false),
    ];
    for (const p of numbers) if (p) problems.push(p);
  });
  if (d.sampleIds.length === 0) problems.push({ field: 'samples', kind: 'no-samples' });

  // Whatever else the schema refuses (lengths, …), once per field not already named.
  const parsed = datasetMetadataSchema.safeParse(draftToMetadataInput(d));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldKey(issue.path.map(String).join('.'));
      if (problems.some((p) => p.field === field || field.startsWith(`${p.field}.`) || p.field.startsWith(`${field}.`))) continue;
      problems.push({ field, kind: 'other', message: issue.message });
    }
  }
  return problems;
}

/** A service refusal about one field (`invalid-request` with a field path), as a problem of that field. */
export function serviceProblem(error: CurationErrorData): DraftProblem | null {
  if (error.code !== 'invalid-request' || !error.field) return null;
  return { field: fieldKey(error.field), kind: 'other', message: error.message.replace(/^\w+: /, '') };
}

/** The first problem of each field. */
export function problemsByField(problems: readonly DraftProblem[]): Map<string, DraftProblem> {
  const out = new Map<string, DraftProblem>();
  for (const p of problems) if (!out.has(p.field)) out.set(p.field, p);
  return out;
}
