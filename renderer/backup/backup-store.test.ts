import { describe, expect, it } from 'vitest';
import type { BackupReport, BackupStatus, VerifyReport } from '../../shared/api/backup-contract.js';
import type { CurationApi } from '../../shared/api/contract.js';
import { createBackupStore } from './backup-store.js';

const status: BackupStatus = { lastBackup: null, pendingChanges: 2, oldestPendingAt: '2026-05-14T06:00:00Z', ageHours: null, warnAfterHours: 24, stale: false, folder: '/media/usb/b', fileProblems: [] };

function fakeApi(calls: string[], overrides: Partial<Record<string, (r: any) => Promise<unknown>>> = {}): CurationApi {
  const api = {
    getBackupStatus: async () => {
      calls.push('getBackupStatus');
      return status;
    },
    backupLibrary: async (r: { to: string; job: string }) => {
      calls.push(`backupLibrary ${r.to}`);
      // The service reports progress under the job id the store chose.
      store?.getState().applyEvent({ type: 'progress', job: r.job, done: 5, total: 10, message: 'copying' });
      store?.getState().applyEvent({ type: 'progress', job: 'someone-else', done: 1, total: 1, message: 'other' });
      seenProgress = store?.getState().progress?.message ?? null;
      return { files: { copied: 3 } } as unknown as BackupReport;
    },
    verifyLibrary: async (r: { backup: string | null }) => {
      calls.push(`verifyLibrary ${r.backup}`);
      return { ok: true } as VerifyReport;
    },
    setBackupSettings: async (r: { warnAfterHours: number }) => {
      calls.push(`setBackupSettings ${r.warnAfterHours}`);
      return { ...status, warnAfterHours: r.warnAfterHours };
    },
    ...overrides,
  };
  return api as unknown as CurationApi;
}

let store: ReturnType<typeof createBackupStore> | undefined;
let seenProgress: string | null = null;

describe('backup store', () => {
  it('opens with the status and its folder, backs up with progress of its own job, then refreshes', async () => {
    const calls: string[] = [];
    store = createBackupStore(() => fakeApi(calls));
    store.getState().openPanel();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState()).toMatchObject({ open: true, folder: '/media/usb/b', status: { pendingChanges: 2 } });
    await store.getState().runBackup();
    expect(seenProgress).toBe('copying');
    expect(store.getState()).toMatchObject({ running: null, job: null, backupReport: { files: { copied: 3 } }, error: null });
    expect(calls).toEqual(['getBackupStatus', 'backupLibrary /media/usb/b', 'getBackupStatus']);
  });

  it('verifies the library or the backup in the field, keeps errors, and collects file-check events', async () => {
    const calls: string[] = [];
    store = createBackupStore(() =>
      fakeApi(calls, {
        backupLibrary: async () => {
          throw { code: 'conflict', message: 'this folder is not empty and is not a CytoCurator backup' };
        },
      }),
    );
    store.getState().setFolder('  /mnt/share  ');
    await store.getState().runVerify('backup');
    await store.getState().runVerify('library');
    expect(calls.filter((c) => c.startsWith('verify'))).toEqual(['verifyLibrary /mnt/share', 'verifyLibrary null']);
    await store.getState().runBackup();
    expect(store.getState().error).toMatchObject({ code: 'conflict' });
    const problem = { path: 'files/samples/cs-1/v1/events/000.f32', kind: 'differs' as const, expected: 'a', actual: 'b', message: 'differs' };
    store.getState().applyEvent({ type: 'file-check', library: '/lib', problem });
    store.getState().applyEvent({ type: 'file-check', library: '/lib', problem });
    expect(store.getState().fileProblems).toEqual([problem]);
    await store.getState().setWarnAfterHours(0);
    await store.getState().setWarnAfterHours(6);
    expect(calls.filter((c) => c.startsWith('setBackup'))).toEqual(['setBackupSettings 6']);
    expect(store.getState().status?.warnAfterHours).toBe(6);
    // library-changed also follows imports: the same library keeps its problems; another one starts afresh.
    store.getState().applyEvent({ type: 'library-changed', library: { path: '/lib' } as never });
    store.getState().applyEvent({ type: 'library-changed', library: { path: '/lib' } as never });
    expect(store.getState().fileProblems).toEqual([problem]);
    expect(store.getState().folder).toBe('  /mnt/share  ');
    store.getState().applyEvent({ type: 'library-changed', library: { path: '/other' } as never });
    expect(store.getState().fileProblems).toEqual([]);
    expect(store.getState().folder).toBe('');
  });

  it('cancels the running job by its id, once, and shows the cancellation the service answers with', async () => {
    const calls: string[] = [];
    let release!: () => void;
    store = createBackupStore(() =>
      fakeApi(calls, {
        backupLibrary: async (r: { job: string }) => {
          calls.push(`backupLibrary ${r.job.split('-')[0]}`);
          await new Promise<void>((resolve) => (release = resolve));
          throw { code: 'cancelled', message: 'cancelled: the backup folder keeps its previous complete backup' };
        },
        cancelJob: async (r: { job: string }) => {
          calls.push(`cancelJob ${r.job === store!.getState().job}`);
          release();
          return { cancelled: true };
        },
      }),
    );
    await store.getState().cancel(); // nothing running: nothing asked
    store.getState().setFolder('/media/usb/b');
    const run = store.getState().runBackup();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState()).toMatchObject({ running: 'backup', cancelling: false });
    const cancel = store.getState().cancel();
    expect(store.getState().cancelling).toBe(true);
    await store.getState().cancel(); // asked once
    await cancel;
    await run;
    expect(calls.filter((c) => !c.startsWith('get'))).toEqual(['backupLibrary backup', 'cancelJob true']);
    expect(store.getState()).toMatchObject({ running: null, job: null, cancelling: false, error: { code: 'cancelled' } });
  });
});
