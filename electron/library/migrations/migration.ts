import type { Database } from 'better-sqlite3';

/** A numbered, forward-only schema step. `version` equals its number; the runner applies them in order. */
export interface Migration {
  version: number;
  name: string;
  /**
   * True when the step rebuilds tables other tables reference (SQLite's documented 12-step ALTER): the runner turns
   * foreign keys off around it and runs PRAGMA foreign_key_check before committing.
   */
  rebuildsTables?: boolean;
  up(db: Database): void;
}
