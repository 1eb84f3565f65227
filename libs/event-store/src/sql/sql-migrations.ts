// Versioned, plain-SQL schema upgrades for the tables a library owns outside TypeORM (the event
// store, the rule engine's state, the notifier's queue): each library names its own migrations
// table and advisory lock, and the upgrade is idempotent and safe when several processes start.
import type { SqlDatabase } from './sql-database';

export interface SqlMigration {
  version: number;
  description: string;
  statements: readonly string[];
}

export interface SqlMigrationSet {
  /** The table that records which versions are applied (created when missing). */
  table: string;
  /** Key of the transaction-scoped advisory lock that serialises concurrent upgrades. */
  lockKey: number;
  migrations: readonly SqlMigration[];
}

export async function applySqlMigrations(db: SqlDatabase, set: SqlMigrationSet): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [set.lockKey]);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${set.table} (
      version integer PRIMARY KEY,
      description text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set(
      (await tx.query<{ version: number }>(`SELECT version FROM ${set.table}`)).map((row) =>
        Number(row.version),
      ),
    );
    for (const migration of set.migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO ${set.table} (version, description) VALUES ($1, $2)`, [
        migration.version,
        migration.description,
      ]);
    }
  });
}
