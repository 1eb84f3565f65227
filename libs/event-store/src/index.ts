// Public API of @weerbaar/event-store: the EventStore port, its PostgreSQL/PGlite adapter, the SQL
// access both run on, and checkpointed processors that tail the global log.
export * from './event-store.port';
export * from './errors';
export * from './upcasting';
export * from './sql/sql-database';
export * from './sql/sql-migrations';
export { PgDatabase, type PgDatabaseOptions } from './sql/pg-database';
export { PGliteHost, type PGliteLease, type PGliteSession } from './sql/pglite-host';
export { PGliteDatabase } from './sql/pglite-database';
export {
  createPGliteTypeOrmDriver,
  PGlitePool,
  PGlitePoolClient,
  type PGliteTypeOrmDriver,
  type PgCompatibleResult,
} from './sql/pglite-typeorm-driver';
export {
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store';
export {
  ensureEventStoreSchema,
  EVENT_STORE_MIGRATIONS,
  REHASH_ALL_CHAINS_SQL,
} from './postgres/schema';
export { CheckpointConflictError, CheckpointStore } from './processing/checkpoint-store';
export {
  type AfterEffects,
  EventProcessor,
  type EventProcessorOptions,
  type ProcessorLogger,
} from './processing/event-processor';
export {
  InProcessProcessorLock,
  PgAdvisoryProcessorLock,
  type PgAdvisoryProcessorLockOptions,
  type ProcessorLock,
  type ProcessorLockLease,
} from './processing/processor-lock';
export * from './event-store.token';
export * from './handle-command';
export * from './correlation';
export * from './postgres/hash-chain';
