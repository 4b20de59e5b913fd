/**
 * The publication part of the contract: datasets (what is published, described for SeaDataNet), the export
 * report, and offline validation of SeaDataNet files.
 */
import { z } from 'zod';
import type { DatasetMetadata } from '../publication/dataset-metadata.js';
import { datasetMetadataSchema } from '../publication/dataset-metadata.js';
import type { ValidationReport } from '../publication/publication-dataset.js';

export const datasetSamplesSchema = z.union([z.literal('all'), z.literal('approved'), z.object({ ids: z.array(z.string().min(1).max(128)).min(1).max(100_000) }).strict()]);

export const createDatasetRequest = z.object({ metadata: datasetMetadataSchema, samples: datasetSamplesSchema }).strict();
export const updateDatasetRequest = z
  .object({
    id: z.string().min(1).max(128),
    baseVersion: z.number().int().min(1),
    metadata: datasetMetadataSchema.optional(),
    samples: datasetSamplesSchema.optional(),
  })
  .strict();

export const publicationFormats = ['odv', 'cdi', 'netcdf'] as const;
export type PublicationFormat = (typeof publicationFormats)[number];

export const exportDatasetRequest = z
  .object({
    id: z.string().min(1).max(128),
    formats: z.array(z.enum(publicationFormats)).min(1).max(3),
    /** Folder on the machine running the service (not needed for a dry run). */
    outDir: z.string().min(1).max(4096).optional(),
    /** Build and validate every file, report sizes and sums, write nothing (the Publish view's preview). */
    dryRun: z.boolean().default(false),
    job: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((r) => r.dryRun || r.outDir !== undefined, { path: ['outDir'], message: 'an output folder is needed unless dryRun is set' });

export interface DatasetUnitView {
  localCdiId: string;
  station: { name: string; latitude: number; longitude: number; samplingDepth_m: number | null; bottomDepth_m: number | null };
  featureType: 'time-series' | 'profile';
  samples: number;
  approved: number;
  /** Extents of the unit's approved samples (null when it has none). */
  timeRange: [string, string] | null;
}

export interface DatasetSummary {
  id: string;
  title: string;
  version: number;
  samples: number;
  approved: number;
  units: number;
  updatedAt: string;
  publishable: boolean;
}

export interface DatasetView extends DatasetSummary {
  metadata: DatasetMetadata;
  sampleIds: string[];
  unitViews: DatasetUnitView[];
  /** Published groups: set/group name with its codes (from the group vocabulary). */
  groups: { name: string; p01: string | null; p06: string | null; p02: string | null; unverified: boolean }[];
  /** Plain words: why the dataset cannot be published yet (empty when it can). */
  missing: string[];
  /** Things to know that do not stop publication (unverified vocabulary entries, sets without a standard name…). */
  warnings: string[];
}

export interface ExportedFile {
  /** File name inside the output folder. */
  name: string;
  format: 'odv' | 'cdi' | 'netcdf' | 'coupling-table' | 'manifest';
  localCdiId: string | null;
  bytes: number;
  sha256: string;
}

export interface ExportReport {
  dataset: string;
  version: number;
  outDir: string;
  /** Written only when every data and metadata file passed validation. */
  written: boolean;
  files: ExportedFile[];
  /** Validation of each file that would be written. */
  validation: { name: string; report: ValidationReport }[];
  /** Samples of the dataset left out because they are not approved. */
  unapproved: { id: string; name: string; reviewState: string }[];
  warnings: string[];
  /** Why nothing was written (a file failed validation, the dataset is not publishable). */
  refused: string[];
}

export type { DatasetMetadata, ValidationReport };
