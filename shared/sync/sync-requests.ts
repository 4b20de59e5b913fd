/**
 * Request schemas of the workstation's sync operations, for shared/api/contract.ts (responses: sync-view.ts):
 *   getSyncStatus {}                                  → SyncStatus
 *   runSync {}                                        → SyncRunResult          (mutates)
 *   loginToServer { server, user, password }          → LoginResult            (mutates; the token stays in the library)
 *   logoutFromServer {}                               → { loggedOut: true }    (mutates)
 *   listConflicts { all?, sampleId? }                 → { conflicts: ConflictView[] }
 *   resolveConflict { conflictId, choice }            → ResolveResult          (mutates)
 *   retrySyncItems {}                                 → { events, files }      (mutates)
 *   setSyncFileRules { rules }                        → { rules }              (mutates)
 */
import { z } from 'zod';
import { fileRulesSchema } from './file-rules.js';

export const syncRequests = {
  getSyncStatus: z.object({}).strict(),
  runSync: z.object({}).strict(),
  loginToServer: z.object({ server: z.string().min(1).max(2000), user: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
  logoutFromServer: z.object({}).strict(),
  listConflicts: z.object({ all: z.boolean().default(false), sampleId: z.string().min(1).max(128).optional() }).strict(),
  resolveConflict: z.object({ conflictId: z.number().int().min(1), choice: z.enum(['mine', 'theirs']) }).strict(),
  retrySyncItems: z.object({}).strict(),
  setSyncFileRules: z.object({ rules: fileRulesSchema.nullable() }).strict(),
} as const;
