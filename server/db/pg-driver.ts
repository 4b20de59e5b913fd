import pg from 'pg';
import type { SqlDriver, SqlExecutor } from './sql-driver.js';

const INT8 = 20;

/**
 * A `pg` pool. int8 (bigserial sequence numbers, byte counts) is parsed to a number: every value the server keeps
 * in int8 stays far below 2^53. Configured per pool, so other users of `pg` in the process are not affected.
 */
export function createPgDriver(config: string | pg.PoolConfig): SqlDriver {
  const base: pg.PoolConfig = typeof config === 'string' ? { connectionString: config } : config;
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ max: 10, ...base, types });
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);

  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]): Promise<T[]> => {
    const result = await client.query(sql, params as unknown[] | undefined);
    return result.rows as T[];
  };

  return {
    kind: 'pg',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      const tx: SqlExecutor = { query: (sql, params) => run(client, sql, params) };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
          client.release();
        } catch {
          // The connection itself failed: drop it rather than return it to the pool.
          client.release(true);
        }
        throw err;
      }
    },
    close: () => pool.end(),
  };
}
