import { describe, expect, it, vi } from 'vitest';
import type { AppStatus, CurationApi, LibraryInfo } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import { createAppStore } from './app-store.js';
import { connectStore } from './connect-store.js';

const userLibrary: LibraryInfo = {
  path: '/home/u/library',
  name: 'My library',
  kind: 'user',
  readOnly: false,
  isDefault: true,
  sampleCount: 0,
  schemaVersion: 1,
};
const demoLibrary: LibraryInfo = { ...userLibrary, path: '/home/u/demo', name: 'Demo library', kind: 'demo', readOnly: true, isDefault: false, sampleCount: 4 };

function status(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    version: '0.1.0',
    library: userLibrary,
    server: { configured: false, url: null, reachable: false, checkedAt: null, detail: 'not configured' },
    demoAvailable: true,
    offerDemo: true,
    ...overrides,
  };
}

function fakeApi(overrides: Partial<CurationApi> = {}): CurationApi {
  return {
    getStatus: vi.fn(async () => status()),
    checkServer: vi.fn(),
    openLibrary: vi.fn(async () => demoLibrary),
    dismissDemoOffer: vi.fn(async () => ({ dismissed: true as const })),
    listSamples: vi.fn(),
    getSample: vi.fn(),
    onEvent: vi.fn(() => () => undefined),
    ...overrides,
  } as CurationApi;
}

describe('app store', () => {
  it('loads the status', async () => {
    const store = createAppStore(() => fakeApi());
    await store.getState().refreshStatus();
    expect(store.getState().status?.library.name).toBe('My library');
  });

  it('opens the Demo library, bumps the revision and refreshes the status', async () => {
    const api = fakeApi();
    const store = createAppStore(() => api);
    await store.getState().refreshStatus();
    vi.mocked(api.getStatus).mockResolvedValue(status({ library: demoLibrary, offerDemo: false }));
    await store.getState().openLibrary('demo');
    expect(api.openLibrary).toHaveBeenCalledWith({ which: 'demo' });
    expect(store.getState().status?.library.kind).toBe('demo');
    expect(store.getState().status?.offerDemo).toBe(false);
    expect(store.getState().libraryRevision).toBe(1);
    expect(store.getState().switching).toBe(false);
    // Switching back to the (still empty) default library must not pop the offer up again.
    expect(store.getState().demoOfferHidden).toBe(true);
  });

  it('shows errors in the banner and clears them', async () => {
    const api = fakeApi({
      openLibrary: vi.fn(async () => {
        throw new CurationError({ code: 'not-found', message: 'no demo data', file: 'resources/demo' });
      }),
    });
    const store = createAppStore(() => api);
    await store.getState().openLibrary('demo');
    expect(store.getState().error).toEqual({ code: 'not-found', message: 'no demo data', file: 'resources/demo' });
    store.getState().clearError();
    expect(store.getState().error).toBeNull();
  });

  it('declines the demo offer', async () => {
    const api = fakeApi();
    const store = createAppStore(() => api);
    await store.getState().refreshStatus();
    vi.mocked(api.getStatus).mockResolvedValue(status({ offerDemo: false }));
    await store.getState().dismissDemoOffer();
    expect(api.dismissDemoOffer).toHaveBeenCalledWith({});
    expect(store.getState().status?.offerDemo).toBe(false);
  });

  it('follows library-changed and server-status events', async () => {
    const api = fakeApi();
    const store = createAppStore(() => api);
    await store.getState().refreshStatus();
    store.getState().applyEvent({ type: 'library-changed', library: demoLibrary });
    expect(store.getState().status?.library.kind).toBe('demo');
    expect(store.getState().libraryRevision).toBe(1);
    const server = { configured: true, url: 'https://sync.example', reachable: true, checkedAt: null, detail: 'reachable' };
    store.getState().applyEvent({ type: 'server-status', server });
    expect(store.getState().status?.server).toEqual(server);
  });

  it('connects to events and polls the status', async () => {
    vi.useFakeTimers();
    try {
      let listener: ((e: Parameters<Parameters<CurationApi['onEvent']>[0]>[0]) => void) | undefined;
      const unsubscribe = vi.fn();
      const api = fakeApi({
        onEvent: vi.fn((l) => {
          listener = l;
          return unsubscribe;
        }),
      });
      const store = createAppStore(() => api);
      const disconnect = connectStore(store, api, 1000);
      expect(api.getStatus).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(2500);
      expect(api.getStatus).toHaveBeenCalledTimes(3);
      listener?.({ type: 'library-changed', library: demoLibrary });
      expect(store.getState().libraryRevision).toBe(1);
      disconnect();
      expect(unsubscribe).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
