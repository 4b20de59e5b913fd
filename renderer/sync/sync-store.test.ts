import { describe, expect, it } from 'vitest';
import type { CurationApi } from '../../shared/api/contract.js';
import type { ConflictView, SyncRunResult, SyncStatus } from '../../shared/sync/sync-view.js';
import { createSyncStore } from './sync-store.js';

const status: SyncStatus = {
  configured: true,
  serverUrl: 'http://127.0.0.1:8123',
  user: 'ben',
  role: 'curator',
  online: true,
  lastContactAt: '2026-05-14T11:55:00Z',
  lastSyncAt: '2026-05-14T11:55:00Z',
  lastError: null,
  waiting: { events: 0, samples: 0, files: 0, deferredFiles: 0 },
  openConflicts: 1,
  parked: { conflicts: 1, refused: 0, failedFiles: 0, refusedSamples: 0 },
  unsupported: 0,
  refusals: [],
  fileRules: null,
  fileRulesProblem: null,
};

const side = { value: { code: '4' }, summary: 'L20 4', eventId: 'e-ben', actor: 'u-ben', actorName: 'Ben', device: 'ben-laptop', at: '2026-05-14T10:00:00Z' };
const conflict = {
  id: 7,
  target: { kind: 'flag', sampleId: 'cs-1' },
  label: 'the flag of sample cs-1',
  sampleId: 'cs-1',
  mine: side,
  theirs: { ...side, summary: 'L20 3', eventId: 'e-ana', actor: 'u-ana', actorName: 'Ana', device: 'ana-laptop', revision: 1 },
  detectedAt: '2026-05-14T11:55:00Z',
  detectedBy: 'push',
  status: 'open',
  resolution: null,
  resolvedAt: null,
  resolvedBy: null,
  ready: true,
} as unknown as ConflictView;

function fakeApi(calls: string[], state: { conflicts: ConflictView[]; status: SyncStatus }, overrides: Record<string, (r: any) => Promise<unknown>> = {}): CurationApi {
  const api = {
    getSyncStatus: async () => {
      calls.push('getSyncStatus');
      return state.status;
    },
    listConflicts: async (r: { all: boolean }) => {
      calls.push(`listConflicts ${r.all}`);
      return { conflicts: state.conflicts };
    },
    runSync: async () => {
      calls.push('runSync');
      return { pushed: 1, pulled: 1, online: true, errors: [] } as unknown as SyncRunResult;
    },
    loginToServer: async (r: { server: string; user: string; password: string }) => {
      calls.push(`loginToServer ${r.server} ${r.user} ${r.password}`);
      return { serverUrl: r.server, user: r.user, role: 'curator', device: 'ben-laptop' };
    },
    logoutFromServer: async () => {
      calls.push('logoutFromServer');
      return { loggedOut: true };
    },
    resolveConflict: async (r: { conflictId: number; choice: string }) => {
      calls.push(`resolveConflict ${r.conflictId} ${r.choice}`);
      state.conflicts = [];
      state.status = { ...state.status, openConflicts: 0 };
      return { conflictId: r.conflictId, choice: r.choice, applied: 1, superseded: 1, eventId: null, changedSamples: ['cs-1'], errors: [] };
    },
    retrySyncItems: async () => {
      calls.push('retrySyncItems');
      return { events: 2, files: 1 };
    },
    setSyncFileRules: async (r: { rules: unknown }) => {
      calls.push(`setSyncFileRules ${JSON.stringify(r.rules)}`);
      return { rules: r.rules };
    },
    ...overrides,
  };
  return api as unknown as CurationApi;
}

describe('sync store', () => {
  it('reads the status and the open conflicts; "Take theirs" settles one and re-reads both', async () => {
    const calls: string[] = [];
    const state = { conflicts: [conflict], status };
    const store = createSyncStore(() => fakeApi(calls, state));
    await store.getState().refresh();
    expect(store.getState().status?.openConflicts).toBe(1);
    expect(store.getState().conflicts.map((c) => c.id)).toEqual([7]);
    await store.getState().resolve(7, 'theirs');
    expect(store.getState()).toMatchObject({ conflicts: [], resolving: null, lastResolve: { choice: 'theirs', applied: 1 }, conflictError: null, status: { openConflicts: 0 } });
    expect(calls).toEqual(['getSyncStatus', 'listConflicts false', 'resolveConflict 7 theirs', 'getSyncStatus', 'listConflicts false']);
  });

  it('logs in (trimmed; the password only passes through), syncs, retries, saves rules, logs out — one task at a time', async () => {
    const calls: string[] = [];
    const store = createSyncStore(() => fakeApi(calls, { conflicts: [], status }));
    expect(await store.getState().logIn(' http://127.0.0.1:8123 ', ' ben ', 'pw ben')).toBe(true);
    expect(calls[0]).toBe('loginToServer http://127.0.0.1:8123 ben pw ben');
    expect(JSON.stringify(store.getState())).not.toContain('pw ben');
    expect(store.getState().login).toMatchObject({ user: 'ben', role: 'curator' });
    // A second task while one runs is ignored.
    const first = store.getState().runSync();
    await store.getState().retry();
    await first;
    expect(calls.filter((c) => c === 'runSync' || c === 'retrySyncItems')).toEqual(['runSync']);
    expect(store.getState()).toMatchObject({ lastRun: { pushed: 1 }, login: null, running: null });
    await store.getState().retry();
    expect(store.getState().retried).toEqual({ events: 2, files: 1 });
    expect(await store.getState().saveRules({ deferRoles: ['pulses'] })).toBe(true);
    expect(store.getState().savedRules).toEqual({ rules: { deferRoles: ['pulses'] } });
    await store.getState().logOut();
    expect(store.getState()).toMatchObject({ loggedOut: true, savedRules: null });
    expect(calls.filter((c) => !c.startsWith('getSyncStatus') && !c.startsWith('listConflicts'))).toEqual([
      'loginToServer http://127.0.0.1:8123 ben pw ben',
      'runSync',
      'retrySyncItems',
      'setSyncFileRules {"deferRoles":["pulses"]}',
      'logoutFromServer',
    ]);
  });

  it('keeps errors for the panel and for the conflicts panel apart', async () => {
    const calls: string[] = [];
    const store = createSyncStore(() =>
      fakeApi(calls, { conflicts: [conflict], status }, {
        loginToServer: async () => {
          throw { code: 'unauthorized', message: 'the server refused this user name or password' };
        },
        resolveConflict: async () => {
          throw { code: 'invalid-request', message: 'conflict 7 is not ready: sync once more, then choose' };
        },
      }),
    );
    expect(await store.getState().logIn('http://x', 'ben', 'wrong')).toBe(false);
    expect(store.getState().error).toMatchObject({ code: 'unauthorized' });
    await store.getState().resolve(7, 'mine');
    expect(store.getState().conflictError).toMatchObject({ message: 'conflict 7 is not ready: sync once more, then choose' });
    expect(store.getState().conflicts.map((c) => c.id)).toEqual([7]);
  });

  it('follows sync-status events (re-reading conflicts when they moved) and library switches', async () => {
    const calls: string[] = [];
    const state = { conflicts: [] as ConflictView[], status: { ...status, openConflicts: 0 } };
    const store = createSyncStore(() => fakeApi(calls, state));
    await store.getState().refresh();
    calls.length = 0;
    // Nothing about conflicts moved: no re-read.
    store.getState().applyEvent({ type: 'sync-status', status: { ...state.status, online: false } });
    expect(calls).toEqual([]);
    expect(store.getState().status?.online).toBe(false);
    // A background sync found one.
    state.conflicts = [conflict];
    store.getState().applyEvent({ type: 'sync-status', status: { ...state.status, openConflicts: 1, lastSyncAt: '2026-05-14T12:00:00Z' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['listConflicts false']);
    expect(store.getState().conflicts).toHaveLength(1);
    store.getState().applyEvent({ type: 'library-changed', library: { path: '/a' } as never });
    await new Promise((r) => setTimeout(r, 0));
    await store.getState().runSync();
    state.conflicts = [];
    store.getState().applyEvent({ type: 'library-changed', library: { path: '/b' } as never });
    expect(store.getState()).toMatchObject({ lastRun: null, conflicts: [], libraryPath: '/b' });
  });
});
