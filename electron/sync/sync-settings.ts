/** Settings the user changes: the file deferral rules, and putting failed files back in the queue. */
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import type { FileRules } from '../../shared/sync/file-rules.js';
import { parseFileRules } from '../../shared/sync/file-rules.js';
import { setFileRules } from './sync-state.js';

/** Stores the deferral rules (JSON text or the rules, null for none); invalid rules are refused with the reason. */
export function setSyncFileRules(db: Database, rules: string | FileRules | null): FileRules | null {
  if (rules === null) {
    setFileRules(db, null);
    return null;
  }
  const text = typeof rules === 'string' ? rules : JSON.stringify(rules);
  const parsed = parseFileRules(text);
  if (parsed.problem || !parsed.rules) throw new CurationError({ code: 'invalid-request', field: 'rules', message: (parsed.problem ?? 'no rule given').replace(/; no file is deferred$/, '') });
  setFileRules(db, JSON.stringify(parsed.rules));
  return parsed.rules;
}

export function retryFailedFiles(db: Database): number {
  return db.prepare("UPDATE sync_files SET status = 'queued', attempts = 0, last_error = NULL, next_attempt_at = NULL WHERE status = 'failed'").run().changes;
}
