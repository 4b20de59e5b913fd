import { describe, expect, it, vi } from 'vitest';
import type { CurationApi, CurationEventListener, FolderListing } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import type { ImportReport } from '../../shared/api/import-report.js';
import type { Deployment } from '../../shared/model/deployment.js';
import { lastFolderKey } from '../import/last-folder-storage.js';
import { createImportStore } from './import-store.js';

function listing(path: string): FolderListing {
  return {
    path,
    parent: path === '/' ? null : path.replace(/\/[^/]+$/, '') || '/',
    entries: [
      { name: 'day1', path: `${path}/day1`, kind: 'folder', sizeBytes: null },
      { name: 'a.fcs', path: `${path}/a.fcs`, kind: 'file', sizeBytes: 1200 },
    ],
    roots: [{ label: 'Home', path: '/home/u' }],
  };
}

const emptyReport = (job: string): ImportReport => ({ job, samples: [], tracks: [], errors: [], warnings: [], skipped: [], cancelled: false });

const station: Deployment = {
  id: 1,
  name: 'SOMLIT Astan',
  instrument: null,
  instrumentSerial: null,
  station: 'Astan',
  ship: null,
  latitude: null,
  longitude: null,
  samplingDepthMetres: null,
  bottomDepthMetres: null,
  timeZone: 'Europe/Paris',
  somlitSiteId: null,
  rule: { folder: null, serial: null, from: null, to: null },
};

function setup(overrides: Partial<CurationApi> = {}) {
  const listeners = new Set<CurationEventListener>();
  const api = {
    browseFolder: vi.fn(async ({ path }: { path?: string | null }) => {
      if (path === '/gone') throw new CurationError({ code: 'not-found', file: '/gone', message: 'cannot list this folder (ENOENT)' });
      return listing(path ?? '/home/u');
    }),
    listDeployments: vi.fn(async () => [station]),
    importFiles: vi.fn(async ({ job }: { job?: string }) => emptyReport(job ?? '')),
    cancelJob: vi.fn(async () => ({ cancelled: true })),
    onEvent: vi.fn((l: CurationEventListener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    }),
    ...overrides,
  } as unknown as CurationApi;
  const memory = new Map<string, string>();
  const storage = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v) };
  let n = 0;
  const store = createImportStore({ api: () => api, storage: () => storage, newJobId: () => `job-${++n}` });
  const emit = (e: Parameters<CurationEventListener>[0]) => listeners.forEach((l) => l(e));
  return { api, store, memory, listeners, emit };
}

describe('import store', () => {
  it('opens in the home folder, loads deployments and remembers the folder browsed', async () => {
    const { api, store, memory } = setup();
    await store.getState().openDialog();
    expect(api.browseFolder).toHaveBeenCalledWith({ path: null });
    expect(store.getState().open).toBe(true);
    expect(store.getState().listing?.path).toBe('/home/u');
    expect(store.getState().deployments).toEqual([station]);
    expect(store.getState().deployment).toBeNull();
    await store.getState().browse('/data/cefas');
    expect(memory.get(lastFolderKey)).toBe('/data/cefas');
  });

  it('starts in the remembered folder, or at home when it is gone', async () => {
    const a = setup();
    a.memory.set(lastFolderKey, '/data/cefas');
    await a.store.getState().openDialog();
    expect(a.store.getState().listing?.path).toBe('/data/cefas');

    const b = setup();
    b.memory.set(lastFolderKey, '/gone');
    await b.store.getState().openDialog();
    expect(b.store.getState().listing?.path).toBe('/home/u');
    expect(b.store.getState().browseError).toMatchObject({ code: 'not-found', file: '/gone' });
  });

  it('keeps the listing and reports the error when a typed path cannot be listed', async () => {
    const { store } = setup();
    await store.getState().openDialog();
    expect(await store.getState().browse('/gone')).toBe(false);
    expect(store.getState().listing?.path).toBe('/home/u');
    expect(store.getState().browseError?.code).toBe('not-found');
    await store.getState().browse('/home/u/day1');
    expect(store.getState().browseError).toBeNull();
  });

  it('shows the folder asked for last when answers arrive out of order', async () => {
    let releaseSlow: () => void = () => undefined;
    const { store } = setup({
      browseFolder: vi.fn(async ({ path }: { path?: string | null }) => {
        if (path === '/slow') await new Promise<void>((r) => (releaseSlow = r));
        return listing(path ?? '/home/u');
      }) as unknown as CurationApi['browseFolder'],
    });
    const slow = store.getState().browse('/slow');
    await store.getState().browse('/fast');
    releaseSlow();
    await slow;
    expect(store.getState().listing?.path).toBe('/fast');
  });

  it('imports the selection with the job id and deployment, following only its own progress', async () => {
    let finish: (r: ImportReport) => void = () => undefined;
    const { api, store, emit, listeners } = setup({
      importFiles: vi.fn(() => new Promise<ImportReport>((r) => (finish = r))) as unknown as CurationApi['importFiles'],
    });
    await store.getState().openDialog();
    store.getState().select('/data/cefas');
    store.getState().toggle('/data/b.fcs');
    store.getState().setDeployment('SOMLIT Astan');
    const running = store.getState().startImport();
    expect(api.importFiles).toHaveBeenCalledWith({ paths: ['/data/cefas', '/data/b.fcs'], deployment: 'SOMLIT Astan', job: 'job-1' });
    expect(store.getState().phase).toBe('importing');

    emit({ type: 'progress', job: 'other', done: 5, total: 9, message: 'not ours' });
    expect(store.getState().progress).toBeNull();
    emit({ type: 'progress', job: 'job-1', done: 1, total: 2, message: 'imported a (1.0 of 2.0 MB)' });
    expect(store.getState().progress?.message).toBe('imported a (1.0 of 2.0 MB)');

    store.getState().closeDialog(); // refused while running
    expect(store.getState().open).toBe(true);

    finish(emptyReport('job-1'));
    await running;
    expect(store.getState().phase).toBe('done');
    expect(store.getState().report?.job).toBe('job-1');
    expect(store.getState().selection).toEqual([]);
    expect(listeners.size).toBe(0);

    store.getState().closeDialog();
    expect(store.getState().open).toBe(false);
    expect(store.getState().phase).toBe('choose');
    expect(store.getState().report).toBeNull();
  });

  it('cancels the running job', async () => {
    let finish: (r: ImportReport) => void = () => undefined;
    const { api, store } = setup({
      importFiles: vi.fn(() => new Promise<ImportReport>((r) => (finish = r))) as unknown as CurationApi['importFiles'],
    });
    store.getState().select('/data/cefas');
    const running = store.getState().startImport();
    await store.getState().cancelImport();
    expect(api.cancelJob).toHaveBeenCalledWith({ job: 'job-1' });
    expect(store.getState().cancelling).toBe(true);
    finish({ ...emptyReport('job-1'), cancelled: true });
    await running;
    expect(store.getState().report?.cancelled).toBe(true);
    expect(store.getState().cancelling).toBe(false);
  });

  it('goes back to choosing, selection kept, when the import is refused', async () => {
    const { store } = setup({
      importFiles: vi.fn(async () => {
        throw { code: 'read-only', message: 'the Demo library is read-only' }; // as it crosses the context bridge
      }) as unknown as CurationApi['importFiles'],
    });
    store.getState().select('/data/cefas');
    await store.getState().startImport();
    expect(store.getState().phase).toBe('choose');
    expect(store.getState().failure).toEqual({ code: 'read-only', message: 'the Demo library is read-only' });
    expect(store.getState().selection).toEqual(['/data/cefas']);
  });

  it('does not start without a selection', async () => {
    const { api, store } = setup();
    await store.getState().startImport();
    expect(api.importFiles).not.toHaveBeenCalled();
    expect(store.getState().phase).toBe('choose');
  });
});
