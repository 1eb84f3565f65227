// The event store's tables, created and upgraded by ensureEventStoreSchema(): versioned, plain
// SQL, idempotent, safe when several processes start at once.
import type { SqlDatabase } from '../sql/sql-database';
import { applySqlMigrations, type SqlMigration } from '../sql/sql-migrations';

/** Arbitrary constant key of the advisory lock that serialises schema upgrades. */
const SCHEMA_LOCK_KEY = 7_302_201_001;

export const EVENT_STORE_MIGRATIONS: readonly SqlMigration[] = [
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
  await applySqlMigrations(db, {
    table: 'es_schema_migrations',
    lockKey: SCHEMA_LOCK_KEY,
    migrations: EVENT_STORE_MIGRATIONS,
  });
}
