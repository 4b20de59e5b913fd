/**
 * The workstation's sync client. The service wires these over its open library (db, filesDir):
 *   login(db, { serverUrl, user, password, device })      → LoginResult (token kept in the library, never returned)
 *   runSync(db, filesDir, { recompute })                   → SyncRunResult
 *   syncStatus(db)                                         → SyncStatus (status bar)
 *   listConflicts(db, { all?, sampleId? })                 → ConflictView[] (conflicts panel)
 *   resolveConflict(db, id, 'mine' | 'theirs', curator, { recompute }) → ResolveResult
 *   retryRefused(db, seq?)                                 → events put back in the queue
 *   retryFailedFiles(db)                                   → files put back in the queue
 *   setFileRules(db, json | null)                          → file deferral rules (shared/sync/file-rules.ts)
 */
export { login, logout, normaliseServerUrl } from './login.js';
export type { LoginRequest, LoginResult } from './login.js';
export { runSync, syncStatus } from './run-sync.js';
export type { RunSyncOptions, SyncRunResult, SyncStatus } from './run-sync.js';
export { listConflicts, resolveConflict } from './conflicts.js';
export type { ConflictChoice, ConflictView, ResolveResult } from './conflicts.js';
export { retryRefused } from './outbox-queue.js';
export { retryFailedFiles, setSyncFileRules as setFileRules } from './sync-settings.js';
