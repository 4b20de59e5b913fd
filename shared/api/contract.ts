/**
 * The one API contract. The service object implements it; the Electron IPC handlers, the browser-mode
 * server and the CLI are thin adapters over that object; the renderer sees it as window.curation.
 * Each operation has a request schema (validated at every boundary) and a response type.
 */
import { z } from 'zod';
import type { Deployment } from '../model/deployment.js';
import type { FlagCode, FlagMappingTables } from '../model/flag-schemes.js';
import type { SampleDetail, SampleSummary } from '../model/sample.js';
import { sampleSortFields } from '../model/sample.js';
import type { GateTemplate } from '../gating/gate.js';
import type { CurationEvent } from './events.js';
import type {
  AbundanceRecord,
  GateCounts,
  GroupVocabularyEntryInfo,
  SampleGating,
  TemplateSummary,
  TemplateVersionInfo,
} from './gating-contract.js';
import { gateSchema, gateTemplateSchema, volumeMethodSchema } from './gating-contract.js';
import type { DatasetMetadata, DatasetSummary, DatasetView, ExportReport, ValidationReport } from './publication-contract.js';
import { createDatasetRequest, exportDatasetRequest, updateDatasetRequest } from './publication-contract.js';
import type { ImportReport } from './import-report.js';
import type { OperationNameList } from './operation-names.js';
import { somlitOperations } from './somlit-contract.js';
import { syncRequests } from '../sync/sync-requests.js';
import type { ConflictView, LoginResult, ResolveResult, SyncRunResult, SyncStatus } from '../sync/sync-view.js';
import type { FileRules } from '../sync/file-rules.js';
import type { BackupReport, BackupStatus, RestoreReport, VerifyReport } from './backup-contract.js';
import { backupLibraryRequest, restoreLibraryRequest, setBackupSettingsRequest, verifyLibraryRequest } from './backup-contract.js';

export interface OperationSpec<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: carries the response type. */
  readonly response?: Res;
  /** Changes library state (refused on read-only libraries). */
  mutates: boolean;
  summary: string;
}

function op<Res>() {
  return <Req extends z.ZodType>(request: Req, summary: string, mutates = false): OperationSpec<Req, Res> => ({
    request,
    summary,
    mutates,
  });
}

const empty = z.object({}).strict();

export type LibraryKind = 'user' | 'demo';

export interface LibraryInfo {
  /** Absolute path of the library folder on this machine. */
  path: string;
  name: string;
  kind: LibraryKind;
  readOnly: boolean;
  isDefault: boolean;
  sampleCount: number;
  schemaVersion: number;
}

export interface ServerStatus {
  configured: boolean;
  url: string | null;
  reachable: boolean;
  checkedAt: string | null;
  /** Plain words for the status bar: "not configured", "offline", "reachable", or the reason of a failure. */
  detail: string;
}

export interface AppStatus {
  version: string;
  library: LibraryInfo;
  server: ServerStatus;
  demoAvailable: boolean;
  /** True when the default library is open, empty, and the user has not declined the Demo library yet. */
  offerDemo: boolean;
}

export interface FolderListing {
  path: string;
  parent: string | null;
  /** Folders first, then files, by name; hidden entries left out. */
  entries: { name: string; path: string; kind: 'folder' | 'file'; sizeBytes: number | null }[];
  /** Places to start from: home, the default library's parent, mounted drives. */
  roots: { label: string; path: string }[];
}

const finite = z.number().finite();
/** Gating-ML 2.0 parameterised transforms; parameters are checked again when compiled (axisTransformProblem). */
export const axisTransformSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('linear'), T: finite, A: finite }).strict(),
  z.object({ type: z.literal('log'), T: finite, M: finite }).strict(),
  z.object({ type: z.literal('arcsinh'), T: finite, M: finite, A: finite }).strict(),
  z.object({ type: z.literal('logicle'), T: finite, W: finite, M: finite, A: finite }).strict(),
  z.object({ type: z.literal('hyperlog'), T: finite, W: finite, M: finite, A: finite }).strict(),
]);
const axisParameterSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('single'), column: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('ratio'), numerator: z.string().min(1).max(200), denominator: z.string().min(1).max(200) }).strict(),
]);
const axisRangeSchema = z
  .union([z.literal('auto'), z.tuple([finite, finite]), z.object({ percentiles: z.tuple([finite, finite]), margin: finite.optional() }).strict()])
  .optional();
export const plotAxisSchema = z.object({ parameter: axisParameterSchema, transform: axisTransformSchema, range: axisRangeSchema }).strict();

/** A density grid ready to draw; binary parts base64-encoded so it crosses IPC and HTTP as small JSON. */
export interface DensityPayload {
  nx: number;
  ny: number;
  /** base64 of one Uint8 level per bin (iy * nx + ix, iy = 0 at the bottom); 0 = empty or a dot. */
  levels: string;
  levelCount: number;
  max: number;
  /** base64 of the flat indices (Uint32, little-endian) of sparse bins drawn as dots, and their counts (Uint8). */
  dotBins: string;
  dotCounts: string;
  x: { label: string; transform: unknown; range: [number, number]; bins: number };
  y: { label: string; transform: unknown; range: [number, number]; bins: number };
  total: number;
  binned: number;
  nonFinite: number;
  outOfDomain: number;
  outOfRange: number;
}

export interface HistogramPayload {
  label: string;
  counts: number[];
  transform: unknown;
  range: [number, number];
  max: number;
  total: number;
  binned: number;
  nonFinite: number;
  outOfDomain: number;
  outOfRange: number;
}

export interface ParticleImageInfo {
  particleId: number;
  cropped: boolean;
  width: number | null;
  height: number | null;
}

export interface ParticleImagePage {
  total: number;
  offset: number;
  images: ParticleImageInfo[];
  /** Imaged particles without an image file (from the import), shown as missing. */
  missing: number[];
}

export interface TimeSeriesPoint {
  sampleId: string;
  name: string;
  /** UTC. */
  time: string;
  count: number;
  /** Cells per millilitre (count / analysed volume); null when the volume is unknown or the sample is partial. */
  abundancePerMl: number | null;
  flag: string | null;
  reviewState: string;
}

export interface AuditEvent {
  id: string;
  changeset: string;
  actor: string;
  actorName: string | null;
  device: string;
  action: string;
  at: string;
  target: { sampleId: string | null; kind: string; group?: string; templateId?: string; datasetId?: string };
  before: unknown;
  after: unknown;
  reason: string | null;
  undoes: string | null;
}

export interface SamplePage {
  total: number;
  offset: number;
  rows: SampleSummary[];
}

/** The filter of the sample table, sent as a query so a bulk action covers the whole filtered set. */
export const sampleQueryShape = {
  search: z.string().max(200).optional(),
  reviewStates: z.array(z.enum(['unreviewed', 'approved', 'needs-attention'])).max(3).optional(),
  /** L20 codes; "none" selects samples without a flag. */
  flags: z.array(z.string().min(1).max(4)).max(20).optional(),
  deployment: z.string().max(200).optional(),
};
export const sampleQuery = z.object(sampleQueryShape).strict();

export const listSamplesRequest = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    sort: z
      .array(z.object({ field: z.enum(sampleSortFields), direction: z.enum(['asc', 'desc']) }).strict())
      .max(4)
      .default([]),
    ...sampleQueryShape,
  })
  .strict();

/** Which samples an action changes: listed ids (the selection) or every sample matching a query (the filtered set). */
export const sampleSelection = z.union([
  z.object({ ids: z.array(z.string().min(1).max(128)).min(1).max(100_000) }).strict(),
  z.object({ query: sampleQuery }).strict(),
]);

export interface ActionResult {
  /** Undo this id to revert the whole action. Null when nothing changed. */
  changeset: string | null;
  /** Change events written. */
  events: number;
  /** Samples the action touched. */
  samples: number;
}

const flagInput = z.object({ scheme: z.enum(['L20', 'SOMLIT', 'QARTOD']).default('L20'), code: z.string().min(1).max(2) }).strict();
const reason = z.string().max(2000).nullable().default(null);

const isoUtc = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'expected a UTC time like 2026-05-14T06:00:00Z');
const optionalText = z.string().trim().min(1).max(200).nullable().default(null);
const optionalNumber = (min: number, max: number) => z.number().min(min).max(max).nullable().default(null);

export const addDeploymentRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    instrument: optionalText,
    instrumentSerial: optionalText,
    station: optionalText,
    ship: optionalText,
    latitude: optionalNumber(-90, 90),
    longitude: optionalNumber(-180, 180),
    samplingDepthMetres: optionalNumber(-20, 12000),
    bottomDepthMetres: optionalNumber(0, 12000),
    timeZone: optionalText,
    somlitSiteId: optionalText,
    rule: z
      .object({
        folder: z.string().min(1).max(4096).nullable().default(null),
        serial: optionalText,
        from: isoUtc.nullable().default(null),
        to: isoUtc.nullable().default(null),
      })
      .strict()
      .default({ folder: null, serial: null, from: null, to: null }),
  })
  .strict();

export const operations = {
  getStatus: op<AppStatus>()(empty, 'Library, server and version status'),
  checkServer: op<ServerStatus>()(empty, 'Probe the sync server now'),
  openLibrary: op<LibraryInfo>()(
    z.discriminatedUnion('which', [
      z.object({ which: z.literal('default') }).strict(),
      z.object({ which: z.literal('demo') }).strict(),
      z.object({ which: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
    ]),
    'Open the default library, the Demo library, or a library folder',
  ),
  dismissDemoOffer: op<{ dismissed: true }>()(empty, 'Do not offer the Demo library again (stored in the library)', true),
  listSamples: op<SamplePage>()(listSamplesRequest, 'A page of the sample list'),
  getSample: op<SampleDetail>()(z.object({ id: z.string().min(1).max(128) }).strict(), 'One sample with its files'),
  importFiles: op<ImportReport>()(
    z
      .object({
        paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
        deployment: z.string().min(1).max(200).nullable().default(null),
        /** Chosen by the caller so it can follow progress events and cancel before the answer arrives. */
        job: z.string().min(1).max(100).optional(),
      })
      .strict(),
    'Import files and folders (CytoClus exports, FCS, cyz2json, GPS logs) into the library',
    true,
  ),
  browseFolder: op<FolderListing>()(
    z.object({ path: z.string().min(1).max(4096).nullable().default(null) }).strict(),
    'List a folder on this machine (to choose files to import; the same in Electron and browser mode)',
  ),
  cancelJob: op<{ cancelled: boolean }>()(z.object({ job: z.string().min(1).max(100) }).strict(), 'Cancel a running import, backup, check or restore (it stops where nothing is half-written)'),
  countSelection: op<{ count: number }>()(z.object({ selection: sampleSelection }).strict(), 'How many samples an action on this selection would change'),
  flagSamples: op<ActionResult>()(
    z.object({ selection: sampleSelection, flag: flagInput, comment: reason, group: z.string().min(1).max(200).nullable().default(null) }).strict(),
    'Flag samples (or one group value of each) with a comment: one changeset',
    true,
  ),
  approveSamples: op<ActionResult>()(z.object({ selection: sampleSelection, comment: reason }).strict(), 'Approve samples, recording what was approved', true),
  markAttention: op<ActionResult>()(z.object({ selection: sampleSelection, comment: reason }).strict(), 'Mark samples as needing attention', true),
  commentSamples: op<ActionResult>()(z.object({ selection: sampleSelection, text: z.string().max(2000) }).strict(), 'Set the comment of samples', true),
  undoChangeset: op<ActionResult>()(z.object({ changeset: z.string().min(1).max(100) }).strict(), 'Undo a whole changeset (refused when changed since)', true),
  redoChangeset: op<ActionResult>()(z.object({ changeset: z.string().min(1).max(100) }).strict(), 'Redo an undo changeset', true),
  getAudit: op<{ events: AuditEvent[] }>()(z.object({ sampleId: z.string().min(1).max(128) }).strict(), 'The change events of one sample'),
  getDensity: op<DensityPayload>()(
    z
      .object({
        sampleId: z.string().min(1).max(128),
        x: plotAxisSchema,
        y: plotAxisSchema,
        bins: z.number().int().min(8).max(1024).default(256),
        /** Only the members of this CytoClus set exported with the sample. */
        set: z.string().min(1).max(200).nullable().default(null),
      })
      .strict(),
    'A 2-D density grid of two parameters of a sample (binned on the Node side)',
  ),
  getHistogram: op<HistogramPayload>()(
    z.object({ sampleId: z.string().min(1).max(128), axis: plotAxisSchema, bins: z.number().int().min(8).max(4096).default(256), set: z.string().min(1).max(200).nullable().default(null) }).strict(),
    'A 1-D histogram of one parameter of a sample',
  ),
  listParticleImages: op<ParticleImagePage>()(
    z
      .object({
        sampleId: z.string().min(1).max(128),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(2000).default(200),
        /** Only these particles (e.g. those inside a region drawn on a cytogram). */
        particleIds: z.array(z.number().int().min(0)).max(1_000_000).optional(),
        cropped: z.boolean().default(true),
      })
      .strict(),
    'A page of a sample\'s particle images (metadata only)',
  ),
  getParticleImages: op<{ images: { particleId: number; cropped: boolean; dataUrl: string }[] }>()(
    z.object({ sampleId: z.string().min(1).max(128), particleIds: z.array(z.number().int().min(0)).min(1).max(200), cropped: z.boolean().default(true) }).strict(),
    'Image bytes of a few particles as data: URLs (thumbnails in the gallery)',
  ),
  particlesInRegion: op<{ particleIds: number[]; count: number }>()(
    z
      .object({
        sampleId: z.string().min(1).max(128),
        x: plotAxisSchema,
        y: plotAxisSchema,
        /** Rectangle in data units of each axis (inclusive). */
        region: z.object({ x: z.tuple([finite, finite]), y: z.tuple([finite, finite]) }).strict(),
        set: z.string().min(1).max(200).nullable().default(null),
      })
      .strict(),
    'Particles of a sample inside a rectangle drawn on a cytogram',
  ),
  getParticleValues: op<{ particleId: number; values: Record<string, number | null> }>()(
    z.object({ sampleId: z.string().min(1).max(128), particleId: z.number().int().min(0), columns: z.array(z.string().min(1).max(200)).min(1).max(200) }).strict(),
    'One particle\'s values (to highlight it on the cytograms)',
  ),
  getPulseShape: op<{ shape: { particleId: number; channels: { channel: string; values: number[] }[] } | null }>()(
    z.object({ sampleId: z.string().min(1).max(128), particleId: z.number().int().min(0) }).strict(),
    'The pulse shape of one particle (shape null when no pulses were imported for it)',
  ),
  listGroups: op<{ groups: { name: string; samples: number }[] }>()(
    z.object({ query: sampleQuery.default({}) }).strict(),
    'Groups (CytoClus sets until gating exists) present in the library or a filtered set',
  ),
  getTimeSeries: op<{ group: string; points: TimeSeriesPoint[] }>()(
    z.object({ query: sampleQuery.default({}), group: z.string().min(1).max(200) }).strict(),
    'Count and abundance of one group over time, for the library or a filtered set',
  ),
  getFlagSchemes: op<{ schemes: Record<'L20' | 'SOMLIT' | 'QARTOD', readonly FlagCode[]>; mappings: FlagMappingTables; defaults: FlagMappingTables }>()(
    empty,
    'Flag schemes with their codes, and the tables mapping SOMLIT and QARTOD codes to L20 (as used in this library)',
  ),
  setFlagMappings: op<{ mappings: FlagMappingTables }>()(
    z
      .object({
        mappings: z
          .object({ SOMLIT: z.record(z.string().max(2), z.string().max(2)), QARTOD: z.record(z.string().max(2), z.string().max(2)) })
          .strict(),
      })
      .strict(),
    'Change the SOMLIT/QARTOD to L20 mapping tables of this library (every code mapped to an L20 code)',
    true,
  ),
  checkCytoclusSets: op<{
    definitionFile: string | null;
    partial: boolean;
    sets: { set: string; gated: number; exported: number | null; difference: number | null }[];
    issues: { set: string; message: string }[];
  }>()(
    z.object({ sampleId: z.string().min(1).max(128) }).strict(),
    'Gate a sample with its CytoClus set definition and compare the counts with the sets CytoClus exported',
  ),
  listDeployments: op<Deployment[]>()(empty, 'Deployment records'),
  addDeployment: op<Deployment>()(addDeploymentRequest, 'Add a deployment record', true),
  assignDeployment: op<{ deployment: string; assigned: number }>()(
    z.object({ deployment: z.string().min(1).max(200), samples: z.array(z.string().min(1).max(128)).min(1).max(100_000) }).strict(),
    'Assign samples to a deployment by hand (UTC times re-read in its zone)',
    true,
  ),
  listGroupVocabulary: op<{ entries: GroupVocabularyEntryInfo[]; version: string; note: string }>()(
    empty,
    'Standard flow-cytometry group names (F02 / Thyssen et al. 2022) with their P01, P02 and P06 codes; unverified entries marked',
  ),
  listGateTemplates: op<{ templates: TemplateSummary[] }>()(empty, 'Gate templates with their current version and use'),
  getGateTemplate: op<{ template: GateTemplate; history: TemplateVersionInfo[] }>()(
    z.object({ id: z.string().min(1).max(128), version: z.number().int().min(1).optional() }).strict(),
    'A gate template (current or a given version) and its version history',
  ),
  importGateTemplate: op<{
    template: { id: string; version: number; sets: string[] };
    format: 'cytoclus-set' | 'gating-ml';
    unmatchedAxes: string[];
    issues: { set: string; message: string }[];
  }>()(
    z
      .object({
        path: z.string().min(1).max(4096),
        name: z.string().trim().min(1).max(200).optional(),
        /** Match axis channels against this sample's columns (default: the columns present in the library). */
        sampleId: z.string().min(1).max(128).optional(),
        /** Import as a new version of this template instead of a new template. */
        templateId: z.string().min(1).max(128).optional(),
      })
      .strict(),
    'Import CytoClus set definitions or Gating-ML 2.0 as a gate template (a new template or a new version)',
    true,
  ),
  exportGatingMl: op<{ xml: string; fileName: string; written: string | null }>()(
    z
      .object({
        id: z.string().min(1).max(128),
        version: z.number().int().min(1).optional(),
        /** A folder on this machine to write the file into (created if needed); without it, the XML is only returned. */
        to: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    'A gate template as Gating-ML 2.0 (written into a folder when `to` is given)',
  ),
  saveGateTemplate: op<{ id: string; version: number; changeset: string | null; recomputed: number }>()(
    z.object({ template: gateTemplateSchema, baseVersion: z.number().int().min(0).nullable(), reason }).strict(),
    'Save a gate template as a new version (refused when someone saved another version since baseVersion); recomputes abundances',
    true,
  ),
  applyGateTemplate: op<ActionResult & { recomputed: number }>()(
    z.object({ templateId: z.string().min(1).max(128), selection: sampleSelection }).strict(),
    'Apply a gate template to samples (a selection or a filtered set) and compute their abundances',
    true,
  ),
  overrideGate: op<ActionResult & { recomputed: number }>()(
    z
      .object({ sampleId: z.string().min(1).max(128), gateId: z.string().min(1).max(128), gate: gateSchema.nullable(), reason })
      .strict(),
    "Override one gate of a sample's template for that sample only (null removes the override)",
    true,
  ),
  previewGateCounts: op<GateCounts>()(
    z.object({ sampleId: z.string().min(1).max(128), template: gateTemplateSchema }).strict(),
    'Counts of every gate and set of a (possibly unsaved) template on one sample, for live feedback while editing',
  ),
  getSampleGating: op<SampleGating>()(
    z.object({ sampleId: z.string().min(1).max(128) }).strict(),
    "A sample's template, overrides, analysed volume and abundances",
  ),
  listAbundances: op<{ abundances: AbundanceRecord[] }>()(
    z.object({ selection: sampleSelection.optional() }).strict(),
    'Stored abundances (cells/mL) per sample and set, with the template version that produced each',
  ),
  setVolumeMethod: op<ActionResult & { recomputed: number }>()(
    z.object({ selection: sampleSelection, volume: volumeMethodSchema, reason }).strict(),
    'How the analysed volume of samples is found (FCS $VOL, flow rate × time, reference beads) and their dilution',
    true,
  ),
  confirmTriggerRule: op<ActionResult & { recomputed: number }>()(
    z.object({ sampleId: z.string().min(1).max(128), set: z.string().min(1).max(200), confirmed: z.boolean(), reason }).strict(),
    "Confirm that a set of a smart-triggered sample lies inside the trigger rule (lifts the default flag 3)",
    true,
  ),
  createDataset: op<{ id: string; version: number }>()(
    createDatasetRequest,
    'Create a publication dataset from its SeaDataNet metadata and samples (all, approved, or listed)',
    true,
  ),
  updateDataset: op<{ id: string; version: number; changeset: string | null }>()(
    updateDatasetRequest,
    "Change a dataset's metadata or samples (refused when someone saved another version since baseVersion)",
    true,
  ),
  listDatasets: op<{ datasets: DatasetSummary[] }>()(empty, 'Publication datasets'),
  getDataset: op<DatasetView>()(
    z.object({ id: z.string().min(1).max(128) }).strict(),
    'A dataset with its units, published groups, and what is missing before it can be published',
  ),
  getDatasetDefaults: op<{ metadata: DatasetMetadata | null }>()(
    z.object({ deployment: z.string().min(1).max(200) }).strict(),
    'The metadata last used for a dataset of this deployment, to start a new one from',
  ),
  exportDataset: op<ExportReport>()(exportDatasetRequest, 'Validate and write the SeaDataNet files of a dataset (nothing written unless all are valid)'),
  validateFile: op<ValidationReport>()(
    z.object({ path: z.string().min(1).max(4096) }).strict(),
    'Validate a SeaDataNet ODV, CDI XML or NetCDF file offline (format recognised from its content)',
  ),
  listVocabulary: op<{
    collection: string;
    title: string;
    version: string;
    date: string;
    source: 'bundled' | 'updated';
    total: number;
    terms: { code: string; urn: string; label: string; shortLabel?: string; deprecated?: boolean }[];
    problem?: string;
  }>()(
    z
      .object({
        collection: z.string().regex(/^[A-Z][0-9A-Z]{2}$/, 'an NVS collection code like L22'),
        query: z.string().max(200).default(''),
        limit: z.number().int().min(1).max(1000).default(50),
      })
      .strict(),
    'Terms of a bundled (or updated) NVS vocabulary, for pickers; works offline',
  ),
  vocabularyStatus: op<{ collections: { collection: string; title: string; version: string; date: string; source: 'bundled' | 'updated'; terms: number; bundledVersion: string | null; problem?: string }[] }>()(
    empty,
    'Version, date and origin of each NVS vocabulary in use',
  ),
  updateVocabularies: op<{ results: { collection: string; status: 'updated' | 'unchanged' | 'failed'; version: string | null; reason?: string }[] }>()(
    z.object({ baseUrl: z.string().url().max(500).optional(), collections: z.array(z.string().regex(/^[A-Z][0-9A-Z]{2}$/)).max(20).optional() }).strict(),
    'Refresh the NVS vocabularies from NVS (online); all or nothing, kept in the library',
    true,
  ),
  backupLibrary: op<BackupReport>()(
    backupLibraryRequest,
    'Back up the library to a folder: database by online backup, new or changed files copied, SHA-256 manifest',
    true,
  ),
  verifyLibrary: op<VerifyReport>()(
    verifyLibraryRequest,
    'Check the library (or a backup folder) file by file against its recorded SHA-256 sums; names each missing or differing file',
  ),
  restoreLibrary: op<RestoreReport>()(
    restoreLibraryRequest,
    'Rebuild a library from a backup folder into an empty folder (force replaces a non-empty one), checked before and after',
  ),
  getBackupStatus: op<BackupStatus>()(empty, 'Last backup, its age, changes not backed up, and files that failed their check when opened'),
  setBackupSettings: op<BackupStatus>()(setBackupSettingsRequest, 'How long changes may wait for a backup before the workstation says so, and the backup folder offered', true),
  ...somlitOperations,
  getSyncStatus: op<SyncStatus>()(syncRequests.getSyncStatus, 'Sync state for the status bar: online, waiting items, last sync, conflicts, parked errors (never the token)'),
  runSync: op<SyncRunResult>()(syncRequests.runSync, 'One sync with the institute server: push events, samples and files, pull the others\' events', true),
  loginToServer: op<LoginResult>()(syncRequests.loginToServer, 'Obtain a device token from the sync server (kept in the library, never shown)', true),
  logoutFromServer: op<{ loggedOut: true }>()(syncRequests.logoutFromServer, 'Forget this device\'s token', true),
  listConflicts: op<{ conflicts: ConflictView[] }>()(syncRequests.listConflicts, 'Conflicts between this library and the server, each with both versions and who made them'),
  resolveConflict: op<ResolveResult>()(syncRequests.resolveConflict, 'Settle a conflict by keeping mine or theirs; both versions stay in the audit', true),
  retrySyncItems: op<{ events: number; files: number }>()(syncRequests.retrySyncItems, 'Send refused events and failed files again (after the cause was fixed)', true),
  setSyncFileRules: op<{ rules: FileRules | null }>()(syncRequests.setSyncFileRules, 'Which files wait for which network (e.g. source exports only on the institute network)', true),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export { operationNames } from './operation-names.js';
// Compile-time check that operation-names.ts lists exactly the contract's operations (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<OperationName, OperationNameList> = true;
void namesMatch;

type SpecOf<K extends OperationName> = Operations[K];
export type RequestOf<K extends OperationName> = z.input<SpecOf<K>['request']>;
export type ParsedRequestOf<K extends OperationName> = z.output<SpecOf<K>['request']>;
export type ResponseOf<K extends OperationName> = NonNullable<SpecOf<K>['response']>;

export type CurationEventListener = (event: CurationEvent) => void;

/** What every face exposes: one async method per operation, plus the event stream. */
export type CurationApi = {
  [K in OperationName]: (request: RequestOf<K>) => Promise<ResponseOf<K>>;
} & {
  /** Subscribes to progress and change notifications; returns the unsubscribe function. */
  onEvent(listener: CurationEventListener): () => void;
};

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}
