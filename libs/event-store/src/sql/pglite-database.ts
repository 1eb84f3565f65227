// SqlDatabase over a PGliteHost: borrows the host's single session per statement, or for a whole
// transaction, so it can share one embedded database with TypeORM and other users safely.
import type { PGliteHost, PGliteSession } from './pglite-host';
import type { SqlDatabase, SqlQueryable } from './sql-database';

export class PGliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;

  /** `ownsHost`: close the host when this database is closed (when nobody else uses it). */
  constructor(
    readonly host: PGliteHost,
    private readonly options: { ownsHost?: boolean } = {},
  ) {}

  async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]> {
    return this.host.withSession(async (session) => (await session.query<R>(sql, params)).rows);
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const lease = await this.host.acquire();
    let active = true;
    const tx: SqlQueryable = {
      query: async <R>(sql: string, params?: unknown[]) => {
        // A query after the transaction ended would run outside it, or in someone else's.
        if (!active) {
          throw new Error('Transaction already finished');
        }
        return (await lease.session.query<R>(sql, params)).rows;
      },
    };
    try {
      await lease.session.query('BEGIN');
      const result = await fn(tx);
      active = false;
      await commit(lease.session);
      return result;
    } catch (error) {
      active = false;
      throw error; // lease.release() rolls back a transaction left open
    } finally {
      await lease.release();
    }
  }

  withSession<T>(fn: (q: SqlQueryable) => Promise<T>): Promise<T> {
    return this.host.withSession((session) =>
      fn({
        query: async <R>(sql: string, params?: unknown[]) =>
          (await session.query<R>(sql, params)).rows,
      }),
    );
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.host.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    if (this.options.ownsHost) {
      await this.host.close();
    }
  }
}

/** COMMIT of an aborted transaction "succeeds" as a ROLLBACK; that must surface as an error. */
async function commit(session: PGliteSession): Promise<void> {
  const result = await session.query('COMMIT');
  if (result.command === 'ROLLBACK') {
    throw new Error('Transaction was rolled back instead of committed');
  }
}
