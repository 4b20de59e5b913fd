/**
 * How current the last backup is: its age, the changes made since, and whether the workstation should say so
 * (changes not backed up for longer than the configured time, 24 h by default).
 */

export const defaultBackupWarnAfterHours = 24;
const hourMs = 3_600_000;

export interface FreshnessInput {
  /** Start of the last backup run (its snapshot holds what was committed before), null when never backed up. */
  lastBackupAt: string | null;
  /** When that backup was last verified (its copies read back and matched), null when not verified. */
  verifiedAt: string | null;
  /** Change events and imports made after the last backup's snapshot (or all, when never backed up). */
  pendingChanges: number;
  /** Time of the oldest of those changes, null when there are none. */
  oldestPendingAt: string | null;
  now: number;
  warnAfterHours: number;
}

export interface Freshness {
  /** Hours since the last verified backup started; null when no backup was verified. */
  ageHours: number | null;
  /** Changes have waited longer than warnAfterHours for a backup. */
  stale: boolean;
  /** Hours the oldest change not backed up has waited (0 when none). */
  pendingHours: number;
}

function hoursSince(iso: string | null, now: number): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, (now - t) / hourMs) : null;
}

export function backupFreshness(input: FreshnessInput): Freshness {
  const ageHours = input.verifiedAt === null ? null : hoursSince(input.lastBackupAt, input.now);
  const pendingHours = input.pendingChanges > 0 ? (hoursSince(input.oldestPendingAt, input.now) ?? 0) : 0;
  return { ageHours, stale: input.pendingChanges > 0 && pendingHours >= input.warnAfterHours, pendingHours };
}
