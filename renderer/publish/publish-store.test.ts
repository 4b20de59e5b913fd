import { describe, expect, it } from 'vitest';
import type { CurationApi, RequestOf } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import type { DatasetView, ExportReport } from '../../shared/api/publication-contract.js';
import type { Deployment } from '../../shared/model/deployment.js';
import type { SampleSummary } from '../../shared/model/sample.js';
import { datasetMetadataSchema } from '../../shared/publication/dataset-metadata.js';
import type { DatasetMetadata } from '../../shared/publication/dataset-metadata.js';
import { createPublishStore, isDirty } from './publish-store.js';
import type { PublishStore } from './publish-store.js';

const rows = [
  { id: 's1', name: 'Frioul 06h00', startedAt: '2026-05-14T06:00:00Z', deployment: 'Frioul', reviewState: 'approved' },
  { id: 's2', name: 'Frioul 07h00', startedAt: '2026-05-14T07:00:00Z', deployment: 'Frioul', reviewState: 'approved' },
  { id: 's3', name: 'Frioul 08h00', startedAt: '2026-05-14T08:00:00Z', deployment: 'Frioul', reviewState: 'unreviewed' },
] as SampleSummary[];

const metadata: DatasetMetadata = datasetMetadataSchema.parse({
  title: 'Frioul 2026',
  abstract: 'Flow cytometry at Frioul.',
  holdingCentreEdmo: '1084',
  originatorEdmo: '1084',
  pi: { name: 'Ada Lovelace', email: 'ada@example.org' },
  project: 'SOMLIT',
  platformClass: '48',
  instrument: 'TOOL1209',
  deviceCategory: 'LAB37',
  accessRestriction: 'LS',
  localCdiId: 'FRIOUL_2026',
  station: { name: 'Frioul', latitude: 43.2417, longitude: 5.29167, samplingDepth_m: 1, bottomDepth_m: 60 },
});

interface Fake {
  api: CurationApi;
  calls: string[];
  requests: Record<string, unknown[]>;
  stored: { metadata: DatasetMetadata; sampleIds: string[]; version: number } | null;
  store?: PublishStore;
}

function fake(options: { defaults?: DatasetMetadata | null; deployments?: Deployment[]; conflictOnUpdate?: boolean; refuseField?: string } = {}): Fake {
  const f: Fake = { api: null as unknown as CurationApi, calls: [], requests: {}, stored: null };
  const record = (name: string, request: unknown) => {
    f.calls.push(name);
    (f.requests[name] ??= []).push(request);
  };
  const view = (): DatasetView => {
    const s = f.stored!;
    const approved = s.sampleIds.filter((id) => rows.find((r) => r.id === id)?.reviewState === 'approved').length;
    return {
      id: 'd_1',
      title: s.metadata.title,
      version: s.version,
      samples: s.sampleIds.length,
      approved,
      units: 1,
      updatedAt: '2026-05-15T10:00:00.000Z',
      publishable: s.version > 1,
      metadata: s.metadata,
      sampleIds: s.sampleIds,
      unitViews: [],
      groups: [{ name: 'OraPicoProk', p01: 'P700A90Z', p06: 'UCML', p02: 'PNTX', unverified: true }],
      missing: s.version > 1 ? [] : ['no discovery parameter (P02)'],
      warnings: ['group OraPicoProk: unverified vocabulary entry'],
    };
  };
  const api = {
    listSamples: async (r: RequestOf<'listSamples'>) => {
      record('listSamples', r);
      const matching = r.reviewStates ? rows.filter((x) => r.reviewStates!.includes(x.reviewState)) : rows;
      return { total: matching.length, offset: r.offset ?? 0, rows: matching.slice(r.offset ?? 0, (r.offset ?? 0) + (r.limit ?? 100)) };
    },
    listDatasets: async () => {
      record('listDatasets', {});
      return { datasets: f.stored ? [view()] : [] };
    },
    vocabularyStatus: async () => {
      record('vocabularyStatus', {});
      return { collections: [{ collection: 'L22', title: 'SeaVoX Device Catalogue', version: '749', date: '2025-04-12T02:00:01', source: 'bundled' as const, terms: 2229, bundledVersion: '749' }] };
    },
    getDatasetDefaults: async (r: { deployment: string }) => {
      record('getDatasetDefaults', r);
      return { metadata: options.defaults ?? null };
    },
    listDeployments: async () => {
      record('listDeployments', {});
      return options.deployments ?? [];
    },
    createDataset: async (r: RequestOf<'createDataset'>) => {
      record('createDataset', r);
      if (options.refuseField) throw new CurationError({ code: 'invalid-request', field: options.refuseField, message: 'createDataset: Invalid email' });
      const samples = r.samples as { ids: string[] };
      f.stored = { metadata: datasetMetadataSchema.parse(r.metadata), sampleIds: samples.ids, version: 1 };
      return { id: 'd_1', version: 1 };
    },
    updateDataset: async (r: RequestOf<'updateDataset'>) => {
      record('updateDataset', r);
      if (options.conflictOnUpdate) {
        f.stored = { ...f.stored!, version: f.stored!.version + 1 };
        throw new CurationError({ code: 'conflict', field: 'baseVersion', message: 'dataset d_1 is at version 3' });
      }
      f.stored = { metadata: r.metadata ? datasetMetadataSchema.parse(r.metadata) : f.stored!.metadata, sampleIds: r.samples ? (r.samples as { ids: string[] }).ids : f.stored!.sampleIds, version: f.stored!.version + 1 };
      return { id: 'd_1', version: f.stored.version, changeset: 'c1' };
    },
    getDataset: async (r: { id: string }) => {
      record('getDataset', r);
      if (!f.stored) throw new CurationError({ code: 'not-found', message: 'no dataset' });
      return view();
    },
    exportDataset: async (r: RequestOf<'exportDataset'>) => {
      record('exportDataset', r);
      // Progress of this export, and of another job (ignored)
      f.store!.getState().applyEvent({ type: 'progress', job: r.job!, done: 2, total: 5, message: 'writing FRIOUL_2026_odv.txt' });
      f.store!.getState().applyEvent({ type: 'progress', job: 'import-1', done: 9, total: 9, message: 'importing' });
      progressSeen = f.store!.getState().exporting.progress?.message ?? null;
      return { dataset: 'd_1', version: 2, outDir: r.outDir ?? '', written: !r.dryRun, files: [], validation: [], unapproved: [], warnings: [], refused: [] } satisfies ExportReport;
    },
    updateVocabularies: async () => {
      record('updateVocabularies', {});
      return { results: [{ collection: 'L22', status: 'failed' as const, version: null, reason: 'fetch failed (ENOTFOUND vocab.nerc.ac.uk)' }] };
    },
    validateFile: async (r: { path: string }) => {
      record('validateFile', r);
      if (r.path.endsWith('.bin')) throw new CurationError({ code: 'invalid-input', file: r.path, message: 'not a SeaDataNet ODV, CDI XML or NetCDF file' });
      return { valid: false, format: 'sdn-odv' as const, errors: [{ line: 3, rule: 'odv.mapping', message: 'no //SDN_parameter_mapping block' }], skipped: [] };
    },
    onEvent: () => () => undefined,
  };
  f.api = api as unknown as CurationApi;
  f.store = createPublishStore(() => f.api);
  return f;
}

let progressSeen: string | null = null;

/** Fills what an empty form lacks, as the curator would. */
function fill(store: PublishStore): void {
  store.getState().edit((d) => ({
    ...d,
    title: 'Frioul 2026',
    abstract: 'Flow cytometry at Frioul.',
    holdingCentreEdmo: '1084',
    originatorEdmo: '1084',
    piName: 'Ada Lovelace',
    piEmail: 'ada@example.org',
    platformClass: '48',
    instrument: 'TOOL1209',
    deviceCategory: 'LAB37',
    accessRestriction: 'LS',
    units: d.units.map((u) => ({ ...u, localCdiId: 'FRIOUL_2026', stationName: u.stationName || 'Frioul', latitude: u.latitude || '43,2417', longitude: u.longitude || '5.29167' })),
  }));
}

describe('publish store', () => {
  it('starts a new dataset from the approved samples, prefilled with the deployment’s remembered metadata', async () => {
    const f = fake({ defaults: metadata });
    const store = f.store!;
    await store.getState().load();
    expect(store.getState().datasets).toEqual([]);
    expect(store.getState().vocabularies?.[0]?.version).toBe('749');
    await store.getState().newDataset({ kind: 'approved' });
    const s = store.getState();
    expect(s.editing).toEqual({ id: null });
    expect(s.draft?.sampleIds).toEqual(['s1', 's2']);
    expect(s.draft?.title).toBe('Frioul 2026');
    expect(s.draft?.units[0]).toMatchObject({ localCdiId: 'FRIOUL_2026', latitude: '43.2417', samples: null });
    expect(s.prefilledFrom).toEqual({ deployment: 'Frioul', kind: 'defaults' });
    expect(Object.keys(s.sampleRows)).toEqual(['s1', 's2']);
    expect(f.requests['getDatasetDefaults']).toEqual([{ deployment: 'Frioul' }]);
    expect(isDirty(s)).toBe(true);
  });

  it('takes the station from the deployment record when nothing was remembered', async () => {
    const frioul = { name: 'Frioul', station: 'SOMLIT Frioul', latitude: 43.24, longitude: 5.29, samplingDepthMetres: 1, bottomDepthMetres: null } as Deployment;
    const f = fake({ deployments: [frioul] });
    await f.store!.getState().newDataset({ kind: 'selection', ids: ['s3', 's1'] });
    const s = f.store!.getState();
    expect(s.draft?.sampleIds).toEqual(['s1', 's3']);
    expect(s.draft?.title).toBe('');
    expect(s.draft?.units[0]).toMatchObject({ stationName: 'SOMLIT Frioul', latitude: '43.24', longitude: '5.29', samplingDepth: '1', bottomDepth: '' });
    expect(s.prefilledFrom).toEqual({ deployment: 'Frioul', kind: 'deployment' });
  });

  it('does not send an incomplete form; creates, then updates with the base version and the samples only when changed', async () => {
    const f = fake();
    const store = f.store!;
    await store.getState().newDataset({ kind: 'filtered', query: {} });
    await store.getState().save();
    expect(f.calls).not.toContain('createDataset');
    expect(store.getState().attempted).toBe(true);

    fill(store);
    await store.getState().save();
    const created = f.requests['createDataset']![0] as RequestOf<'createDataset'>;
    expect(created.samples).toEqual({ ids: ['s1', 's2', 's3'] });
    expect(created.metadata).toMatchObject({ localCdiId: 'FRIOUL_2026', station: { latitude: 43.2417, longitude: 5.29167 }, pi: { name: 'Ada Lovelace', email: 'ada@example.org' } });
    let s = store.getState();
    expect(s.editing).toEqual({ id: 'd_1' });
    expect(s.view?.version).toBe(1);
    expect(s.view?.missing).toEqual(['no discovery parameter (P02)']);
    expect(s.savedVersion).toBe(1);
    expect(isDirty(s)).toBe(false);
    expect(s.datasets?.map((d) => d.id)).toEqual(['d_1']);

    store.getState().edit((d) => ({ ...d, discoveryParameters: ['PNTX'] }));
    expect(isDirty(store.getState())).toBe(true);
    await store.getState().save();
    const update = f.requests['updateDataset']![0] as RequestOf<'updateDataset'>;
    expect(update).toMatchObject({ id: 'd_1', baseVersion: 1, metadata: { discoveryParameters: ['PNTX'] } });
    expect('samples' in update).toBe(false);
    s = store.getState();
    expect(s.view?.version).toBe(2);
    expect(s.view?.missing).toEqual([]);
    expect(isDirty(s)).toBe(false);

    // Removing a sample sends the new list
    store.getState().edit((d) => ({ ...d, sampleIds: ['s1', 's2'] }));
    await store.getState().save();
    expect((f.requests['updateDataset']![1] as RequestOf<'updateDataset'>).samples).toEqual({ ids: ['s1', 's2'] });
  });

  it('explains a conflict with the version now stored, and reloads', async () => {
    const f = fake({ conflictOnUpdate: true });
    const store = f.store!;
    await store.getState().newDataset({ kind: 'approved' });
    fill(store);
    await store.getState().save();
    store.getState().edit((d) => ({ ...d, title: 'Mine' }));
    await store.getState().save();
    expect(store.getState().conflict).toEqual({ base: 1, current: 2 });
    expect(store.getState().draft?.title).toBe('Mine');
    await store.getState().reload();
    expect(store.getState().conflict).toBeNull();
    expect(store.getState().draft?.title).toBe('Frioul 2026');
    expect(store.getState().view?.version).toBe(2);
  });

  it('puts a service refusal next to its field', async () => {
    const f = fake({ refuseField: 'metadata.pi.email' });
    const store = f.store!;
    await store.getState().newDataset({ kind: 'approved' });
    fill(store);
    await store.getState().save();
    expect(store.getState().serviceProblems).toEqual([{ field: 'pi.email', kind: 'other', message: 'Invalid email' }]);
    expect(store.getState().editing).toEqual({ id: null });
    // Editing clears it (the service checks again on the next save)
    store.getState().edit((d) => ({ ...d, piEmail: 'ada@example.com' }));
    expect(store.getState().serviceProblems).toEqual([]);
  });

  it('asks before discarding unsaved changes', async () => {
    const f = fake();
    const store = f.store!;
    await store.getState().newDataset({ kind: 'approved' });
    fill(store);
    await store.getState().save();
    store.getState().edit((d) => ({ ...d, title: 'Changed' }));
    await store.getState().newDataset({ kind: 'approved' });
    expect(store.getState().pendingSwitch).toEqual({ kind: 'new', source: { kind: 'approved' } });
    expect(store.getState().draft?.title).toBe('Changed');
    store.getState().cancelSwitch();
    expect(store.getState().pendingSwitch).toBeNull();
    await store.getState().open('d_1');
    expect(store.getState().pendingSwitch).toEqual({ kind: 'open', id: 'd_1' });
    await store.getState().confirmSwitch();
    expect(store.getState().draft?.title).toBe('Frioul 2026');
    expect(isDirty(store.getState())).toBe(false);
  });

  it('adds samples from a source, to the first unit when there are several', async () => {
    const f = fake();
    const store = f.store!;
    await store.getState().newDataset({ kind: 'selection', ids: ['s1'] });
    store.getState().edit((d) => ({ ...d, units: [d.units[0]!, { ...d.units[0]!, key: 'second', samples: [] }].map((u, i) => (i === 0 ? { ...u, samples: ['s1'] } : u)) }));
    await store.getState().addSamples({ kind: 'approved' });
    const d = store.getState().draft!;
    expect(d.sampleIds).toEqual(['s1', 's2']);
    expect(d.units.map((u) => u.samples)).toEqual([['s1', 's2'], []]);
    expect(Object.keys(store.getState().sampleRows).sort()).toEqual(['s1', 's2']);
  });

  it('exports with its own job id, follows only that job’s progress, and keeps the report', async () => {
    const f = fake();
    const store = f.store!;
    await store.getState().newDataset({ kind: 'approved' });
    fill(store);
    await store.getState().save();
    store.getState().setFormats(['netcdf', 'odv']);
    expect(store.getState().exporting.formats).toEqual(['odv', 'netcdf']);
    await store.getState().runExport('write', '  /media/usb/sdn  ');
    const request = f.requests['exportDataset']![0] as RequestOf<'exportDataset'>;
    expect(request).toMatchObject({ id: 'd_1', formats: ['odv', 'netcdf'], outDir: '/media/usb/sdn' });
    expect(request.job).toMatch(/^publish-/);
    expect(progressSeen).toBe('writing FRIOUL_2026_odv.txt');
    const s = store.getState().exporting;
    expect(s.running).toBeNull();
    expect(s.job).toBeNull();
    expect(s.reportKind).toBe('write');
    expect(s.report?.written).toBe(true);
    // Nothing to export to, or no format: no call
    await store.getState().runExport('write', ' ');
    store.getState().setFormats([]);
    await store.getState().runExport('preview', '');
    expect(f.requests['exportDataset']).toHaveLength(1);
    // A preview is the service's dry run: no output folder, nothing written.
    store.getState().setFormats(['odv']);
    await store.getState().runExport('preview', '');
    expect(f.requests['exportDataset']?.[1]).toMatchObject({ dryRun: true, formats: ['odv'] });
    expect(f.requests['exportDataset']?.[1]).not.toHaveProperty('outDir');
    expect(store.getState().exporting).toMatchObject({ reportKind: 'preview', report: { written: false } });
  });

  it('reports a failed vocabulary refresh per collection, and validates a file', async () => {
    const f = fake();
    const store = f.store!;
    await store.getState().refreshVocabularies();
    expect(store.getState().vocabularyUpdate).toEqual([{ collection: 'L22', status: 'failed', version: null, reason: 'fetch failed (ENOTFOUND vocab.nerc.ac.uk)' }]);
    expect(store.getState().vocabularyRevision).toBe(1);
    expect(store.getState().updatingVocabularies).toBe(false);

    await store.getState().checkFile('/data/cast_odv.txt');
    expect(store.getState().fileCheck).toMatchObject({ path: '/data/cast_odv.txt', running: false, report: { valid: false, errors: [{ line: 3, rule: 'odv.mapping' }] } });
    await store.getState().checkFile('/data/x.bin');
    expect(store.getState().fileCheck.error).toMatchObject({ code: 'invalid-input' });
    store.getState().clearFileCheck();
    expect(store.getState().fileCheck.path).toBeNull();
  });

  it('forgets the previous library’s datasets when the library changes', async () => {
    const f = fake();
    const store = f.store!;
    store.getState().carrySelection(['s1']);
    await store.getState().newDataset({ kind: 'approved' });
    fill(store);
    await store.getState().save();
    f.calls.length = 0;
    store.getState().applyEvent({ type: 'library-changed', library: { path: '/other', name: 'Other', kind: 'user', readOnly: false, isDefault: false, sampleCount: 0, schemaVersion: 1 } });
    const s = store.getState();
    expect(s.editing).toBeNull();
    expect(s.draft).toBeNull();
    expect(s.carried).toEqual([]);
    expect(s.datasets).toBeNull();
    expect(f.calls).toEqual(expect.arrayContaining(['listDatasets', 'vocabularyStatus']));
  });
});
