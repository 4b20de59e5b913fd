/**
 * A publication dataset as the curator describes it (the `--metadata FILE.json` of `cytocurator dataset create`,
 * and the workstation's dataset editor): who holds and made the data, with what, for which project, under which
 * access restriction, and its CDI units (one fixed station over a period, or one cast). Vocabulary codes are
 * kept as given; their checks against the bundled NVS lists happen in `datasetProblems`.
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
/** EDMO codes are numbers in the directory; a JSON number or a digit string is accepted. */
const edmo = z.union([z.number().int().positive(), z.string().trim().regex(/^\d{1,6}$/, 'an EDMO code is a number, e.g. "1084"')]).transform(String);
const nvsCode = z.string().trim().min(1).max(40);
/** LOCAL_CDI_ID: the data holder's own identifier, used in file names and URNs, so kept to a safe alphabet. */
export const localCdiIdSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/, 'LOCAL_CDI_ID: 1–80 letters, digits, "_", "-" or ".", starting with a letter or digit');

export const stationSchema = z
  .object({
    name: text(200),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    samplingDepth_m: z.number().min(-20).max(12_000).nullable().default(null),
    bottomDepth_m: z.number().min(0).max(12_000).nullable().default(null),
  })
  .strict();

export const cdiUnitInputSchema = z
  .object({
    localCdiId: localCdiIdSchema,
    station: stationSchema,
    /** A fixed station over a period (ODV `*`, default) or one cast of a cruise (ODV `B`, depth primary). */
    featureType: z.enum(['time-series', 'profile']).default('time-series'),
    /** Samples of this unit; may be left out when the dataset has a single unit (then it holds them all). */
    samples: z.array(z.string().min(1).max(128)).max(100_000).optional(),
  })
  .strict();

export const datasetMetadataSchema = z
  .object({
    title: text(250),
    abstract: text(4000),
    holdingCentreEdmo: edmo,
    originatorEdmo: edmo,
    pi: z.object({ name: text(200), email: z.string().trim().email().max(200), edmo: edmo.optional() }).strict(),
    project: text(250).nullable().default(null),
    /** ODV `Cruise`; defaults to the project, else the title. */
    cruise: text(200).optional(),
    platformClass: nvsCode,
    platformCode: nvsCode.nullable().default(null),
    instrument: nvsCode,
    deviceCategory: nvsCode,
    /** P02 terms; derived from the published groups when absent. */
    discoveryParameters: z.array(nvsCode).max(50).optional(),
    accessRestriction: nvsCode,
    cdis: z.array(cdiUnitInputSchema).min(1).max(1000).optional(),
    localCdiId: localCdiIdSchema.optional(),
    station: stationSchema.optional(),
    featureType: z.enum(['time-series', 'profile']).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const single = m.localCdiId !== undefined || m.station !== undefined;
    if (m.cdis && single) ctx.addIssue({ code: 'custom', path: ['cdis'], message: 'give either "cdis" or "localCdiId" with "station", not both' });
    if (!m.cdis && !(m.localCdiId && m.station)) {
      ctx.addIssue({ code: 'custom', path: m.localCdiId ? ['station'] : ['localCdiId'], message: 'a dataset needs "cdis" (a list of units) or, for one unit, "localCdiId" and "station"' });
    }
    const ids = (m.cdis ?? []).map((c) => c.localCdiId);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) ctx.addIssue({ code: 'custom', path: ['cdis'], message: `LOCAL_CDI_ID ${twice} is used by two units` });
  });

export type DatasetMetadataInput = z.input<typeof datasetMetadataSchema>;
export type DatasetMetadata = z.output<typeof datasetMetadataSchema>;
export type CdiUnitInput = z.output<typeof cdiUnitInputSchema>;

/** The units of a dataset, whether written as `cdis` or as one top-level `localCdiId` + `station`. */
export function datasetUnits(m: DatasetMetadata): CdiUnitInput[] {
  if (m.cdis) return m.cdis;
  return [{ localCdiId: m.localCdiId as string, station: m.station as CdiUnitInput['station'], featureType: m.featureType ?? 'time-series' }];
}

/** Readable form of a zod error: `field.path: message` per problem. */
export function metadataErrors(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(file)', message: i.message }));
}
