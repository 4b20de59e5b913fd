/**
 * The SOMLIT part of the contract: the table (sites, parameters, ranges), entries (one row per sampling with a
 * value and quality code per parameter), edits as change events, cytometry links, and extraction files in and out.
 * contract.ts spreads these operations into its map; operation-names.ts lists their names.
 */
import { z } from 'zod';
import type { FlagCode } from '../model/flag-schemes.js';
import type { SomlitProblem } from '../somlit/consistency-rules.js';
import type { SomlitEntryFields, SomlitValueValue } from '../somlit/somlit-entry.js';
import type { SomlitTable, SomlitType } from '../somlit/somlit-table.js';
import { somlitTypes } from '../somlit/somlit-table.js';
import type { ActionResult, OperationSpec } from './contract.js';

function op<Res>() {
  return <Req extends z.ZodType>(request: Req, summary: string, mutates = false): OperationSpec<Req, Res> => ({ request, summary, mutates });
}

const entryId = z.string().min(1).max(128);
const reason = z.string().max(2000).nullable().default(null);
/** Dates are checked by the SOMLIT rules (same words as in the grid); here only their size. */
const dateFilter = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-05-14').nullable().default(null);

const fieldsSchema = z
  .object({
    site: z.string().max(40).nullable(),
    date: z.string().max(20).nullable(),
    time: z.string().max(20).nullable(),
    tideCoefficient: z.number().finite().nullable(),
    tide: z.string().max(200).nullable(),
    depthLevel: z.string().max(20).nullable(),
    depth: z.number().finite().nullable(),
  })
  .strict()
  .partial();

/** A cell as typed: the source is set by the service (file, cytometry), never by the caller. */
const cellSchema = z
  .object({
    value: z.number().finite().nullable(),
    code: z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']),
    comment: z.string().max(2000).nullable().default(null),
  })
  .strict();

export const somlitSaveRequest = z
  .object({
    entries: z
      .array(
        z
          .object({
            /** Null creates an entry. */
            id: entryId.nullable(),
            fields: fieldsSchema.optional(),
            /** Cells after the edit, by parameter code; null clears a cell. */
            values: z.record(z.string().min(1).max(40), cellSchema.nullable()).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(5000),
    reason,
  })
  .strict();

export const somlitExportRequest = z
  .object({
    type: z.enum(somlitTypes),
    site: z.string().min(1).max(40).nullable().default(null),
    from: dateFilter,
    to: dateFilter,
    /** The file to write, or a folder to write it in under the SOMLIT name (Somlit_Extraction_<type>_…csv). */
    outPath: z.string().min(1).max(4096).nullable().default(null),
    outDir: z.string().min(1).max(4096).nullable().default(null),
  })
  .strict()
  .refine((r) => (r.outPath === null) !== (r.outDir === null), { message: 'give either outPath (a file) or outDir (a folder)', path: ['outPath'] });

/** A stored entry with its cells and what stops it from being exported (incomplete) or marks it (duplicate). */
export interface SomlitEntryView {
  id: string;
  /** Revision of the entry's fields. */
  revision: number;
  fields: SomlitEntryFields;
  /** Stored cells by parameter code (a parameter never entered is absent). */
  values: Record<string, SomlitValueValue>;
  /** Entry-level problems: incomplete key fields, a duplicate of another entry; plus any stored cell that breaks a rule. */
  problems: SomlitProblem[];
  /** When the entry is a duplicate: the entry it repeats. */
  duplicateOf: string | null;
  /** Last change of the entry or one of its cells. */
  updatedAt: string | null;
}

export interface SomlitAuditEvent {
  id: string;
  changeset: string;
  actor: string;
  actorName: string | null;
  device: string;
  action: string;
  at: string;
  target: { sampleId: string | null; kind: string; group?: string; entryId?: string };
  before: unknown;
  after: unknown;
  reason: string | null;
  undoes: string | null;
}

export interface SomlitCandidateSample {
  id: string;
  name: string;
  startedAt: string | null;
  deployment: string | null;
  station: string | null;
  /** The SOMLIT site of the sample's deployment, when it has one. */
  somlitSiteId: string | null;
  template: { id: string; version: number };
  /** Sets with their group and SOMLIT prefix (null: the set gives no SOMLIT column). */
  sets: { set: string; group: string | null; prefix: string | null; abundance_per_mL: number | null }[];
  /** Days between the sample and the entry's date (null when either has none). */
  daysFromEntry: number | null;
}

export interface SomlitLinkResult extends ActionResult {
  /** The values linked (or that would be, with dryRun), by parameter code. */
  values: Record<string, SomlitValueValue>;
  /** Parameters not linked, and why. */
  problems: { parameter: string; message: string }[];
  unmatchedSets: { sampleId: string; set: string; group: string | null }[];
}

export interface SomlitImportReport extends ActionResult {
  file: string;
  type: SomlitType | null;
  /** Data rows in the file, rows left out, and entries created or updated. */
  rows: number;
  rejected: number;
  created: number;
  updated: number;
  /** Value events written (changed cells). */
  values: number;
  /** Why each left-out row was left out (line and column). */
  errors: { line?: number; field?: string; message: string }[];
  /** File notes that left nothing out (a column ignored, another number of preamble lines, no units row). */
  warnings: { line?: number; field?: string; message: string }[];
  dryRun: boolean;
}

export interface SomlitExportReport {
  file: string;
  type: SomlitType;
  rows: number;
  bytes: number;
  sha256: string;
  /** Entries of the filter not written, and why (incomplete, no value of this type). */
  skipped: { entryId: string; reason: string }[];
}

export const somlitOperations = {
  somlitGetTable: op<{ table: SomlitTable; file: string; bundled: boolean; codes: readonly FlagCode[] }>()(
    z.object({}).strict(),
    'The SOMLIT table (sites, depth levels, parameters with units, plausible ranges and detection limits, file layout) and the quality codes',
  ),
  somlitListEntries: op<{ entries: SomlitEntryView[] }>()(
    z.object({ site: z.string().min(1).max(40).nullable().default(null), from: dateFilter, to: dateFilter }).strict(),
    'SOMLIT entries (one per sampling) with their values and quality codes, optionally of one site and a date range',
  ),
  somlitSaveEntries: op<ActionResult & { entryIds: string[] }>()(
    somlitSaveRequest,
    'Create or change SOMLIT entries and cells (a typed cell, a pasted block): one changeset, refused as a whole when a rule is broken',
    true,
  ),
  somlitDeleteEntries: op<ActionResult>()(
    z.object({ ids: z.array(entryId).min(1).max(5000), reason }).strict(),
    'Delete SOMLIT entries with all their values (one changeset; undo brings them back)',
    true,
  ),
  somlitEntryAudit: op<{ events: SomlitAuditEvent[] }>()(z.object({ entryId }).strict(), 'The change events of one SOMLIT entry and its cells'),
  somlitCytometryCandidates: op<{ samples: SomlitCandidateSample[] }>()(
    z.object({ entryId, days: z.number().int().min(0).max(366).default(3) }).strict(),
    'Gated FCS samples near a SOMLIT entry\'s date whose abundances can give its pico/nano values',
  ),
  somlitLinkCytometry: op<SomlitLinkResult>()(
    z.object({ entryId, sampleIds: z.array(z.string().min(1).max(128)).min(1).max(20), dryRun: z.boolean().default(false), reason }).strict(),
    'Set the pico/nano values of a SOMLIT entry from gated FCS samples (replicates averaged), recording template and version',
    true,
  ),
  somlitImport: op<SomlitImportReport>()(
    z.object({ path: z.string().min(1).max(4096), dryRun: z.boolean().default(false) }).strict(),
    'Import a SOMLIT extraction file (Somlit_Extraction_<type>_….csv): rows with errors are left out and reported by line and column',
    true,
  ),
  somlitExport: op<SomlitExportReport>()(
    somlitExportRequest,
    'Write a SOMLIT extraction file of one type (hydro or piconano) for a site and a date range',
  ),
};
