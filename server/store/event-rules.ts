import { z } from 'zod';
import type { Target } from '../../shared/model/change-event.js';
import { targetKey } from '../../shared/model/change-event.js';
import type { FlagScheme } from '../../shared/model/flag-schemes.js';
import { isValidFlag } from '../../shared/model/flag-schemes.js';
import type { WireEvent } from '../../shared/sync/sync-protocol.js';

/**
 * What the server checks in an event beyond the wire schema: that its target names what its kind needs, and that
 * `after` has the shape the projections read. An event failing these is refused (retrying cannot fix it). Kinds
 * the server does not know (a later issue's, e.g. SOMLIT entries) are logged and tracked per target unchecked.
 */

const sampleKinds = new Set(['flag', 'value-flag', 'review', 'comment', 'template-assignment', 'gate-override', 'volume', 'trigger-confirmation']);

export function targetProblem(t: WireEvent['target']): string | null {
  if (t.kind === 'somlit-entry' || t.kind === 'somlit-value') {
    if (!t.entryId || t.sampleId !== null) return `a ${t.kind} event names its SOMLIT entry (target.entryId) and no sample`;
    if (t.kind === 'somlit-value' && !t.group) return 'a somlit-value event names its parameter (target.group)';
    return null;
  }
  if (t.kind === 'template') return t.templateId ? null : 'a template event names its template (target.templateId)';
  if (t.kind === 'dataset') return t.datasetId ? null : 'a dataset event names its dataset (target.datasetId)';
  if (!sampleKinds.has(t.kind)) return null;
  if (!t.sampleId) return `a ${t.kind} event names its sample (target.sampleId)`;
  if ((t.kind === 'value-flag' || t.kind === 'trigger-confirmation') && t.group === undefined) return `a ${t.kind} event names its group (target.group)`;
  if (t.kind === 'gate-override' && (t.group === undefined || !t.templateId)) return 'a gate-override event names its template and gate (target.templateId, target.group)';
  return null;
}

/**
 * The key of the event's target as the workstation computes it (shared/model/change-event.ts), stored with its
 * U+0000 separators escaped (a backslash doubled, U+0000 as backslash-zero): PostgreSQL text cannot hold U+0000,
 * and the escape keeps distinct keys distinct.
 */
export function wireTargetKey(t: WireEvent['target']): string {
  return targetKey(t as Target).replaceAll('\\', '\\\\').replaceAll('\u0000', '\\0');
}

/** Unpaired UTF-16 surrogates; with U+0000, text PostgreSQL cannot store (text and jsonb). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/** True when any string (or key) in a JSON value holds text PostgreSQL cannot store. */
export function hasUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return unstorable(value);
  if (Array.isArray(value)) return value.some(hasUnstorableText);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => unstorable(k) || hasUnstorableText(v));
  return false;
}

export const UNSTORABLE_TEXT = 'a U+0000 (NUL) character or an unpaired surrogate, which the server cannot store';

const flagValue = z
  .object({ scheme: z.enum(['L20', 'SOMLIT', 'QARTOD']), code: z.string().min(1).max(2), comment: z.string().max(4000).nullable() })
  .refine((f) => isValidFlag({ scheme: f.scheme as FlagScheme, code: f.code }), { message: 'not a code of that flag scheme', path: ['code'] });
const reviewValue = z.object({ state: z.enum(['unreviewed', 'approved', 'needs-attention']), approved: z.record(z.string(), z.unknown()).nullable() });
const datasetValue = z.object({ metadata: z.record(z.string(), z.unknown()), sampleIds: z.array(z.string().min(1).max(128)).max(100_000) });
const templateValue = z.object({ template: z.record(z.string(), z.unknown()) });

export type FlagAfter = z.infer<typeof flagValue>;
export type ReviewAfter = z.infer<typeof reviewValue>;
export type DatasetAfter = z.infer<typeof datasetValue>;
export type TemplateAfter = z.infer<typeof templateValue>;

const afterSchemas: Record<string, z.ZodType> = {
  flag: flagValue.nullable(),
  'value-flag': flagValue.nullable(),
  review: reviewValue.nullable(),
  dataset: datasetValue.nullable(),
  template: templateValue.nullable(),
  // SOMLIT (shared/somlit/somlit-entry.ts): the row's fields, and one parameter's value with its quality code.
  'somlit-entry': z
    .object({
      site: z.string().max(40).nullable(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
      time: z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/).nullable(),
      tideCoefficient: z.number().nullable(),
      tide: z.string().max(40).nullable(),
      depthLevel: z.string().max(10).nullable(),
      depth: z.number().nullable(),
    })
    .passthrough()
    .nullable(),
  'somlit-value': z
    .object({ value: z.number().nullable(), code: z.string().regex(/^[0-9]$/), comment: z.string().max(4000).nullable(), source: z.unknown() })
    .passthrough()
    .nullable(),
};

export function afterProblem(e: WireEvent): string | null {
  const schema = afterSchemas[e.target.kind];
  if (!schema) return null;
  const r = schema.safeParse(e.after ?? null);
  if (r.success) return null;
  const issue = r.error.issues[0];
  const where = ['after', ...(issue?.path ?? []).map(String)].join('.');
  return `${where}: ${issue?.message ?? 'invalid'} (for a ${e.target.kind} event)`;
}
