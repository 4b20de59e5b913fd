/**
 * What the workstation shows of sync (status bar, conflicts panel, `cytocurator sync`): plain data returned by
 * electron/sync and carried by the contract's sync operations. Never a device token.
 */
import type { Target } from '../model/change-event.js';
import type { FileRules } from './file-rules.js';
import type { Role } from './sync-protocol.js';

export interface SyncRunResult {
  /** Local events the server now has. */
  pushed: number;
  /** Others' events received (applied, or held in a conflict). */
  pulled: number;
  /** Local events parked now (conflicts and refusals waiting for the user). */
  parked: number;
  /** Conflicts open now. */
  conflicts: number;
  /** Local events still to send (not parked). */
  remaining: number;
  samples: { stored: number; unchanged: number; refused: number };
  files: { sent: number; remaining: number; deferred: number; failed: number };
  /** Samples whose local state changed by pulled events or recomputes (for the UI to refresh). */
  changedSamples: string[];
  /** Whether the server answered the last request of this run. */
  online: boolean;
  /** What went wrong, in plain words (the rest was done). */
  errors: string[];
  startedAt: string;
  finishedAt: string;
}

export interface SyncStatus {
  /** A server and a device token are set. */
  configured: boolean;
  serverUrl: string | null;
  user: string | null;
  role: string | null;
  /** The server answered the last time it was asked. */
  online: boolean;
  lastContactAt: string | null;
  lastSyncAt: string | null;
  lastError: string | null;
  /** What waits to go: local events (not parked), approved samples not on the server as they are, files. */
  waiting: { events: number; samples: number; files: number; deferredFiles: number };
  openConflicts: number;
  /** Parked: conflicting and refused events, failed files, refused sample records. */
  parked: { conflicts: number; refused: number; failedFiles: number; refusedSamples: number };
  /** Others' events this version could not apply (update CytoCurator). */
  unsupported: number;
  /** The most recent refusal reasons, in plain words. */
  refusals: { seq: number; reason: string; at: string | null }[];
  /** The file deferral rule in use (null: none, or a broken one — see fileRulesProblem). */
  fileRules: FileRules | null;
  fileRulesProblem: string | null;
}

export type ConflictChoice = 'mine' | 'theirs';

export interface ConflictSide {
  value: unknown;
  /** In a few words ("L20 3", "approved"). */
  summary: string;
  eventId: string;
  actor: string;
  actorName: string | null;
  device: string;
  at: string;
}

export interface ConflictView {
  id: number;
  target: Target;
  /** "the flag of Synecho in sample cs-…" */
  label: string;
  sampleId: string | null;
  /** This library's version: its current value of the target, and the first local event the server did not take. */
  mine: ConflictSide;
  theirs: ConflictSide & { revision: number };
  detectedAt: string;
  detectedBy: 'push' | 'pull';
  status: 'open' | 'resolved';
  resolution: ConflictChoice | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** False until the server's event itself has been pulled (sync once more, then choose). */
  ready: boolean;
}

export interface ResolveResult {
  conflictId: number;
  choice: ConflictChoice;
  /** Server events applied here. */
  applied: number;
  /** Local events sent on marked superseded. */
  superseded: number;
  /** mine: the new event restoring the local value (null when both versions were equal). */
  eventId: string | null;
  changedSamples: string[];
  errors: string[];
}

export interface LoginResult {
  serverUrl: string;
  user: string;
  role: Role;
  device: string;
}
