/**
 * The server's SQL sits behind this small interface so the same PostgreSQL-dialect statements run on a real
 * PostgreSQL server (`pg` pool, production) and on the embedded PGlite default (one command, no setup).
 * Rows come back as plain objects; int8 columns as numbers; timestamptz as Date; json/jsonb parsed.
 */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface SqlDriver extends SqlExecutor {
  readonly kind: 'pg' | 'pglite';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** ISO 8601 of a timestamptz column value (Date from both drivers; a string is passed through). */
export function isoTime(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
