/** Events pushed from the service to every face (IPC, SSE, CLI progress lines). */
import type { LibraryInfo, ServerStatus } from './contract.js';
import type { SyncStatus } from '../sync/sync-view.js';
import type { FileCheckEvent } from './backup-contract.js';

export interface ProgressEvent {
  type: 'progress';
  /** Identifies one long job (an import, an export, a backup). */
  job: string;
  done: number;
  total: number | null;
  message: string;
}

export interface LibraryChangedEvent {
  type: 'library-changed';
  library: LibraryInfo;
}

export interface ServerStatusEvent {
  type: 'server-status';
  server: ServerStatus;
}

/** Gates, templates or volumes changed: abundances of these samples were recomputed (views showing them refresh). */
export interface AbundancesChangedEvent {
  type: 'abundances-changed';
  sampleIds: string[];
}

/** The sync state changed (a run finished, a login, a conflict settled): the status bar redraws. */
export interface SyncStatusEvent {
  type: 'sync-status';
  status: SyncStatus;
}

export type CurationEvent = ProgressEvent | LibraryChangedEvent | ServerStatusEvent | AbundancesChangedEvent | FileCheckEvent | SyncStatusEvent;
