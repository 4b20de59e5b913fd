/**
 * The SOMLIT table: sites, depth levels, parameters (type, unit, plausible range, detection limit) and the layout
 * of extraction files, from the bundled, user-editable `resources/somlit/somlit-table.json` (a library may carry
 * its own copy). The caller reads the file and passes the parsed JSON; this module validates it, naming the entry
 * and field of every problem, and looks things up.
 */
import { z } from 'zod';
import { CurationError } from '../api/errors.js';

export const somlitTypes = ['hydro', 'piconano'] as const;
export type SomlitType = (typeof somlitTypes)[number];

export const cytometryQuantities = ['abundance', 'SSC', 'FLR', 'FLO', 'FLV'] as const;
export type CytometryQuantity = (typeof cytometryQuantities)[number];

/** Entry (sampling row) fields an extraction key column can hold, plus site facts written from the table. */
export const keyColumnFields = ['site', 'date', 'time', 'tideCoefficient', 'tide', 'depthLevel', 'depth', 'siteName', 'latitude', 'longitude'] as const;
export type KeyColumnField = (typeof keyColumnFields)[number];

const text = (max: number) => z.string().max(max);
const finite = z.number().finite();
/** Capital letters and digits: parameter codes become column names (`NO3`, `qNO3`). */
const codeText = z.string().regex(/^[A-Z][A-Z0-9]{0,19}$/, 'capital letters and digits, starting with a letter');
const noSeparator = (max: number) => z.string().min(1).max(max).regex(/^[^;\r\n"]*$/, 'no ";", quote or line break (it is written into extraction files)');

const siteSchema = z
  .object({
    id: z.string().regex(/^[0-9A-Za-z_-]{1,20}$/, 'letters, digits, _ or -'),
    name: noSeparator(100),
    place: text(200).optional(),
    latitude: z.number().min(-90).max(90).nullable(),
    longitude: z.number().min(-180).max(180).nullable(),
    /** PROF_NUM suggested for a surface sample at this site. */
    surfaceDepth: z.number().min(0).max(12000).nullable().optional(),
  })
  .strict();

const depthLevelSchema = z.object({ code: z.string().regex(/^[A-Za-z0-9]{1,10}$/, 'letters and digits'), label: text(100) }).strict();

const parameterSchema = z
  .object({
    code: codeText,
    type: z.enum(somlitTypes),
    label: text(300),
    unit: z.string().max(40).regex(/^[^;\r\n"]*$/, 'no ";", quote or line break'),
    plausible: z.tuple([finite, finite]).nullable(),
    detectionLimit: finite.nullable(),
    decimals: z.number().int().min(0).max(12).nullable(),
    cytometry: z
      .object({ prefix: codeText, quantity: z.enum(cytometryQuantities), sumOf: z.array(codeText).min(2).max(10).optional() })
      .strict()
      .optional(),
  })
  .strict();

const extractionSchema = z
  .object({
    separator: z.enum([';', ',', '\t']),
    decimalSeparator: z.enum(['.', ',']),
    lineEnding: z.enum(['\r\n', '\n']),
    bom: z.boolean(),
    missingValue: z.string().min(1).max(20),
    missingCode: z.string().regex(/^[0-9]$/),
    /** Lines before the header; {type}, {sites}, {from}, {to} and {rows} are filled from the rows written. */
    preamble: z.array(z.string().max(1000).regex(/^[^\r\n]*$/, 'one line each')).max(20),
    /** Pad each preamble line with separators to the header's column count (as SOMLIT files do). */
    padPreamble: z.boolean(),
    keyColumns: z.array(z.object({ name: noSeparator(40), field: z.enum(keyColumnFields), unit: z.string().max(40).regex(/^[^;\r\n"]*$/) }).strict()).min(1).max(20),
    qualityPrefix: z.string().min(1).max(10).regex(/^[A-Za-z_]+$/),
    qualityUnit: z.string().max(40).regex(/^[^;\r\n"]*$/),
    emptyRowAfterUnits: z.boolean(),
    fileName: z.string().min(1).max(200).regex(/^[^/\\]+$/, 'a file name, not a path'),
  })
  .strict();

const tableSchema = z
  .object({
    version: text(40),
    source: text(4000),
    note: text(8000),
    /** Quality code given to a typed value when none is chosen. */
    defaultCode: z.string().regex(/^[0-9]$/),
    sites: z.array(siteSchema).min(1).max(200),
    depthLevels: z.array(depthLevelSchema).min(1).max(50),
    parameters: z.array(parameterSchema).min(1).max(500),
    /** Event columns whose mean gives each optical quantity, first present wins (matched without regard to case). */
    opticalChannels: z.object({ SSC: z.array(text(200)), FLR: z.array(text(200)), FLO: z.array(text(200)), FLV: z.array(text(200)) }).strict(),
    /** Prefer means normalised to the bead set (SOMLIT reports optical means relative to beads) when a sample has them. */
    useNormalisedMeans: z.boolean(),
    extraction: extractionSchema,
  })
  .strict();

export type SomlitSite = z.infer<typeof siteSchema>;
export type SomlitDepthLevel = z.infer<typeof depthLevelSchema>;
export type SomlitParameter = z.infer<typeof parameterSchema>;
export type ExtractionTemplate = z.infer<typeof extractionSchema>;
export type SomlitTable = z.infer<typeof tableSchema>;

function fail(field: string, message: string): never {
  throw new CurationError({ code: 'invalid-input', field, message });
}

/** Validates a parsed table; throws invalid-input naming the entry and field (e.g. `parameters[4].plausible`). */
export function parseSomlitTable(raw: unknown): SomlitTable {
  const result = tableSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '';
    fail(field, `SOMLIT table: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  const table = result.data;
  const seen = new Map<string, string>();
  const unique = (kind: string, key: string, at: string) => {
    const before = seen.get(`${kind}\u0000${key}`);
    if (before) fail(at, `SOMLIT table: ${at} repeats ${kind} ${JSON.stringify(key)} of ${before}`);
    seen.set(`${kind}\u0000${key}`, at);
  };
  table.sites.forEach((s, i) => unique('site', s.id, `sites[${i}]`));
  table.depthLevels.forEach((d, i) => unique('depth level', d.code.toUpperCase(), `depthLevels[${i}]`));
  const q = table.extraction.qualityPrefix;
  table.parameters.forEach((p, i) => {
    const at = `parameters[${i}]`;
    unique('parameter', p.code, at);
    if (p.plausible && !(p.plausible[0] < p.plausible[1])) fail(`${at}.plausible`, `SOMLIT table: ${at} (${p.code}): plausible range minimum must be below its maximum`);
    if (p.code.startsWith(q) && table.parameters.some((o) => o.code === p.code.slice(q.length))) {
      fail(`${at}.code`, `SOMLIT table: ${at}: ${p.code} would be read as the quality column of ${p.code.slice(q.length)}`);
    }
  });
  const prefixes = new Set(table.parameters.flatMap((p) => (p.cytometry ? [p.cytometry.prefix] : [])));
  table.parameters.forEach((p, i) => {
    for (const part of p.cytometry?.sumOf ?? []) {
      if (!prefixes.has(part)) fail(`parameters[${i}].cytometry.sumOf`, `SOMLIT table: ${p.code} is a sum of ${part}, which no parameter has as its cytometry prefix`);
    }
  });
  if (table.extraction.separator === table.extraction.decimalSeparator) fail('extraction.decimalSeparator', 'SOMLIT table: the decimal separator cannot be the column separator');
  const columns = new Set<string>();
  for (const c of table.extraction.keyColumns) {
    if (columns.has(c.name)) fail('extraction.keyColumns', `SOMLIT table: key column ${c.name} is listed twice`);
    columns.add(c.name);
  }
  for (const required of ['site', 'date', 'depthLevel'] as const) {
    if (!table.extraction.keyColumns.some((c) => c.field === required)) fail('extraction.keyColumns', `SOMLIT table: the extraction layout needs a key column for ${required}`);
  }
  return table;
}

export function parametersOfType(table: SomlitTable, type: SomlitType): SomlitParameter[] {
  return table.parameters.filter((p) => p.type === type);
}

export function findParameter(table: SomlitTable, code: string): SomlitParameter | undefined {
  return table.parameters.find((p) => p.code === code);
}

export function findSite(table: SomlitTable, id: string): SomlitSite | undefined {
  return table.sites.find((s) => s.id === id);
}

/** Position of a depth level code in the table (S before F), for sorting rows; unknown codes last. */
export function depthLevelOrder(table: SomlitTable, code: string | null): number {
  const i = code === null ? -1 : table.depthLevels.findIndex((d) => d.code === code);
  return i < 0 ? table.depthLevels.length : i;
}
