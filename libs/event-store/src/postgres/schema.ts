// The event store's tables, created and upgraded by ensureEventStoreSchema(): versioned, plain
// SQL, idempotent, safe when several processes start at once.
import type { SqlDatabase } from '../sql/sql-database';
import { applySqlMigrations, type SqlMigration } from '../sql/sql-migrations';

/**
 * Computes every stream's hash chain anew, in stream order: once when the chain began, and after
 * the one rewrite of stored events there is (sealing the personal texts stored before it).
 */
export const REHASH_ALL_CHAINS_SQL = `DO $$
  DECLARE e es_events; previous bytea; stream text;
  BEGIN
    FOR e IN SELECT * FROM es_events ORDER BY stream_id, stream_revision LOOP
      IF stream IS DISTINCT FROM e.stream_id THEN previous := NULL; stream := e.stream_id; END IF;
      previous := es_event_hash(previous, e);
      UPDATE es_events SET hash = previous WHERE event_id = e.event_id;
    END LOOP;
  END $$`;

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
  {
    version: 2,
    description: 'a hash chain per stream over every event (tamper evidence)',
    statements: [
      `ALTER TABLE es_events ADD COLUMN hash bytea`,
      // What an event's hash covers: its predecessor's hash in the stream, and everything stored
      // of it but its place in the global order. Text forms that do not depend on settings
      // (jsonb's canonical text; the recorded time in microseconds since the epoch).
      `CREATE FUNCTION es_event_hash(previous bytea, e es_events) RETURNS bytea
         LANGUAGE sql STABLE AS $$
           SELECT sha256(coalesce(previous, '\\x'::bytea) || convert_to(concat_ws(E'\\x1f',
             e.event_id::text, e.stream_id, e.stream_revision::text, e.type,
             e.schema_version::text, e.data::text, e.metadata::text,
             (extract(epoch FROM e.recorded_at) * 1000000)::bigint::text), 'UTF8'))
         $$`,
      // Row by row, so that an event sees its predecessor even when both come in one statement.
      `CREATE FUNCTION es_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           NEW.hash := es_event_hash((SELECT hash FROM es_events
             WHERE stream_id = NEW.stream_id AND stream_revision = NEW.stream_revision - 1), NEW);
           RETURN NEW;
         END $$`,
      `CREATE TRIGGER es_events_chain BEFORE INSERT ON es_events
         FOR EACH ROW EXECUTE FUNCTION es_events_chain()`,
      // Events stored before the chain get their hashes once, in stream order.
      REHASH_ALL_CHAINS_SQL,
      `ALTER TABLE es_events ALTER COLUMN hash SET NOT NULL`,
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
