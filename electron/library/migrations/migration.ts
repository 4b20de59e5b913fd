import type { Database } from 'better-sqlite3';

/** A numbered, forward-only schema step. `version` equals its number; the runner applies them in order. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
