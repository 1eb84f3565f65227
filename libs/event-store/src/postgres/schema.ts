// The event store's tables, created and upgraded by ensureEventStoreSchema(): versioned, plain
// SQL, idempotent, safe when several processes start at once.
import type { SqlDatabase } from '../sql/sql-database';

/** Arbitrary constant key of the advisory lock that serialises schema upgrades. */
const SCHEMA_LOCK_KEY = 7_302_201_001;

interface Migration {
  version: number;
  description: string;
  statements: string[];
}

export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'streams with their revision, events with xid8 and global position',
    statements: [
      // One row per stream: the row lock serialises appends to a stream, and its revision is
      // the optimistic-concurrency check without scanning events.
      `CREATE TABLE es_streams (
         stream_id text PRIMARY KEY,
         revision bigint NOT NULL
       )`,
      // The primary key is the global order readers tail, (writer's transaction id, position):
      // nothing looks an event up by position alone, so position needs no index of its own.
      `CREATE TABLE es_events (
         position bigserial NOT NULL,
         transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
         event_id uuid NOT NULL,
         stream_id text NOT NULL,
         stream_revision bigint NOT NULL,
         type text NOT NULL,
         schema_version integer NOT NULL,
         data jsonb NOT NULL,
         metadata jsonb NOT NULL,
         recorded_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT es_events_pkey PRIMARY KEY (transaction_id, position),
         CONSTRAINT es_events_event_id_key UNIQUE (event_id),
         CONSTRAINT es_events_stream_revision_key UNIQUE (stream_id, stream_revision)
       )`,
    ],
  },
];

export async function ensureEventStoreSchema(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SCHEMA_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS es_schema_migrations (
      version integer PRIMARY KEY,
      description text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM es_schema_migrations')).map((row) =>
        Number(row.version),
      ),
    );
    for (const migration of EVENT_STORE_MIGRATIONS) {
      if (applied.has(migration.version)) {
        continue;
      }
      for (const statement of migration.statements) {
        await tx.query(statement);
      }
      await tx.query('INSERT INTO es_schema_migrations (version, description) VALUES ($1, $2)', [
        migration.version,
        migration.description,
      ]);
    }
  });
}
