import { describe, expect, it } from 'vitest';
import { compareSums } from './compare-sums.js';
import { decideCopy } from './copy-decision.js';
import { backupFreshness } from './backup-freshness.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('comparing sums', () => {
  it('names missing, differing and unlisted files, sorted', () => {
    const expected = new Map([
      ['files/z.f32', A],
      ['files/a.jpg', A],
      ['files/m.u32', B],
      ['library.sqlite', B],
    ]);
    const actual = new Map<string, string | null>([
      ['files/a.jpg', B],
      ['files/m.u32', B.toUpperCase()],
      ['files/z.f32', null],
      ['files/extra.txt', A],
    ]);
    expect(compareSums(expected, actual)).toEqual({
      matching: 1,
      missing: [
        { path: 'files/z.f32', expected: A },
        { path: 'library.sqlite', expected: B },
      ],
      differing: [{ path: 'files/a.jpg', expected: A, actual: B }],
      unlisted: ['files/extra.txt'],
    });
  });
});

describe('deciding what an incremental backup copies', () => {
  const t = 1_700_000_000_000;
  const base = { sizeBytes: 10, mtimeMs: t, copySizeBytes: 10, copyMtimeMs: t };
  it('copies new and changed files, skips unchanged ones, hashes files without a recorded sum', () => {
    expect(decideCopy({ ...base, expectedSha256: A, listedSha256: A })).toBe('unchanged');
    expect(decideCopy({ ...base, expectedSha256: A.toUpperCase(), listedSha256: A })).toBe('unchanged');
    // FAT/exFAT keep times to 2 s.
    expect(decideCopy({ ...base, copyMtimeMs: t - 1999, expectedSha256: A, listedSha256: A })).toBe('unchanged');
    expect(decideCopy({ ...base, expectedSha256: A, listedSha256: null, copySizeBytes: null, copyMtimeMs: null })).toBe('copy');
    expect(decideCopy({ ...base, expectedSha256: A, listedSha256: B })).toBe('copy');
    // The copy was truncated (a drive pulled out mid-copy): copy again.
    expect(decideCopy({ ...base, expectedSha256: A, listedSha256: A, copySizeBytes: 4 })).toBe('copy');
    expect(decideCopy({ ...base, expectedSha256: null, listedSha256: A })).toBe('compare');
    expect(decideCopy({ ...base, expectedSha256: null, listedSha256: null })).toBe('copy');
  });

  it('re-reads a file written to since it was copied (its time moved) before trusting it', () => {
    expect(decideCopy({ ...base, mtimeMs: t + 60_000, expectedSha256: A, listedSha256: A })).toBe('recheck');
    expect(decideCopy({ ...base, copyMtimeMs: null, expectedSha256: A, listedSha256: A })).toBe('recheck');
  });
});

describe('backup freshness', () => {
  const now = Date.parse('2026-05-15T12:00:00Z');
  it('is stale only when changes have waited longer than the configured time', () => {
    const base = { lastBackupAt: '2026-05-14T12:00:00Z', verifiedAt: '2026-05-14T12:05:00Z', now, warnAfterHours: 24 };
    expect(backupFreshness({ ...base, pendingChanges: 0, oldestPendingAt: null })).toEqual({ ageHours: 24, stale: false, pendingHours: 0 });
    expect(backupFreshness({ ...base, pendingChanges: 3, oldestPendingAt: '2026-05-15T00:00:00Z' })).toEqual({ ageHours: 24, stale: false, pendingHours: 12 });
    expect(backupFreshness({ ...base, pendingChanges: 3, oldestPendingAt: '2026-05-14T11:00:00Z' })).toMatchObject({ stale: true, pendingHours: 25 });
    expect(backupFreshness({ ...base, warnAfterHours: 6, pendingChanges: 1, oldestPendingAt: '2026-05-15T05:00:00Z' })).toMatchObject({ stale: true });
  });

  it('has no age without a verified backup; never backed up with old changes is stale', () => {
    expect(backupFreshness({ lastBackupAt: null, verifiedAt: null, pendingChanges: 2, oldestPendingAt: '2026-05-10T00:00:00Z', now, warnAfterHours: 24 })).toEqual({ ageHours: null, stale: true, pendingHours: 132 });
    expect(backupFreshness({ lastBackupAt: '2026-05-14T12:00:00Z', verifiedAt: null, pendingChanges: 0, oldestPendingAt: null, now, warnAfterHours: 24 }).ageHours).toBeNull();
  });
});
