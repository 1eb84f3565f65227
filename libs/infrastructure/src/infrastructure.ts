// Opens the adapters of one running shape: the embedded engine (PGlite in the data directory)
// or a PostgreSQL server (DATABASE_URL), the event store on it, the read-model DataSource with
// its migrations applied, and the bus. The platform, the CLI and the tests all start here.
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KafkaConfig, WeerbaarConfig } from '@weerbaar/config';
import {
  CheckpointStore,
  createPGliteTypeOrmDriver,
  PgDatabase,
  PGliteDatabase,
  PGliteHost,
  PgAdvisoryProcessorLock,
  PostgresEventStore,
  type ProcessorLock,
  type SqlDatabase,
} from '@weerbaar/event-store';
import { ensureRuleStateSchema } from '@weerbaar/escalation-rules';
import { Kafka, logLevel as kafkaLogLevel } from 'kafkajs';
import {
  type ConsumerLag,
  ensureEventsTopic,
  InProcessBus,
  KafkaBus,
  type MessageBus,
} from '@weerbaar/messaging';
import { ensureDeliverySchema } from '@weerbaar/notifications';
import {
  DataKeys,
  ensureDataKeySchema,
  KeyEncryptionKeys,
  SealingEventStore,
} from '@weerbaar/personal-data';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from '@weerbaar/read-models';
import { lockDataDir, type ReleaseLock } from './data-dir-lock';

export interface Infrastructure {
  shape: 'embedded' | 'server';
  database: SqlDatabase;
  /**
   * The event store as commands and readers of streams use it: personal texts sealed on append,
   * opened on readStream. Its `log` is the store underneath, sealed data only.
   */
  eventStore: SealingEventStore<PostgresEventStore>;
  /** The data keys personal texts are sealed with (erasure, retention, KEK rotation). */
  dataKeys: DataKeys;
  dataSource: DataSource;
  bus: MessageBus;
  /**
   * A bus that reads the event store's log itself, in every shape: for rebuilds, which need the
   * whole log (Kafka keeps it only for the topic's retention). The embedded shape's `bus` is one.
   */
  logBus: MessageBus;
  /** The broker client of the distributed shape (KAFKA_BROKERS); undefined otherwise. */
  kafka: Kafka | undefined;
  /** One consumer per name across processes (server shape); the data-dir lock covers the embedded one. */
  processorLock: ProcessorLock | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean;
  /** Distributed shape: told after each batch a Kafka subscriber applied (metrics). */
  onConsumerBatch?: (lag: ConsumerLag) => void;
}

export type InfrastructureConfig = Pick<
  WeerbaarConfig,
  'dataDir' | 'databaseUrl' | 'personalData'
> &
  Partial<Pick<WeerbaarConfig, 'kafka'>>;

export async function openInfrastructure(
  config: InfrastructureConfig,
  options: OpenOptions = {},
): Promise<Infrastructure> {
  if (config.kafka && !config.databaseUrl) {
    throw new Error('KAFKA_BROKERS needs DATABASE_URL: the distributed shape runs on a server');
  }
  const keks = new KeyEncryptionKeys(config.personalData.kek, config.personalData.previousKeks);
  return config.databaseUrl
    ? openServer(config.databaseUrl, config.kafka, keks, options)
    : openEmbedded(options.inMemory ? undefined : config.dataDir, keks);
}

async function openEmbedded(
  dataDir: string | undefined,
  keks: KeyEncryptionKeys,
): Promise<Infrastructure> {
  const unlock: ReleaseLock = dataDir ? await lockDataDir(dataDir) : async () => undefined;
  let host: PGliteHost | undefined;
  try {
    host = await PGliteHost.open(dataDir ? join(dataDir, 'pglite') : undefined);
    const database = new PGliteDatabase(host);
    const dataSource = new DataSource({
      type: 'postgres',
      driver: createPGliteTypeOrmDriver(host),
      entities: READ_MODEL_ENTITIES,
      migrations: READ_MODEL_MIGRATIONS,
      migrationsTransactionMode: 'each',
    });
    const opened = host;
    return await assemble(
      'embedded',
      database,
      dataSource,
      keks,
      undefined,
      undefined,
      async () => {
        await opened.close();
        await unlock();
      },
    );
  } catch (error) {
    // A start that fails (a KEK missing, a migration refused) leaves nothing open behind.
    await host?.close().catch(() => undefined);
    await unlock();
    throw error;
  }
}

async function openServer(
  url: string,
  kafka: KafkaConfig | undefined,
  keks: KeyEncryptionKeys,
  options: OpenOptions,
): Promise<Infrastructure> {
  const database = new PgDatabase({ connectionString: url, max: 10, applicationName: 'weerbaar' });
  const lock = new PgAdvisoryProcessorLock(database);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: { max: 5 },
  });
  return assemble(
    'server',
    database,
    dataSource,
    keks,
    lock,
    kafka,
    async () => undefined,
    options,
  );
}

/**
 * How the processors batch. Under steady intake every append wakes every processor; letting
 * events gather for a moment turns a batch per event into one per gathering, far cheaper per
 * event. On PGlite every processor's transaction holds the one session the intake's appends
 * need too, so its batches are also bounded: a writer waits for at most one of them.
 */
const kafkaLogger = new Logger('Kafka');

const PROCESSING: Record<Infrastructure['shape'], { gatherMs: number; batchSize: number }> = {
  embedded: { gatherMs: 50, batchSize: 250 },
  server: { gatherMs: 20, batchSize: 500 },
};

async function assemble(
  shape: Infrastructure['shape'],
  database: SqlDatabase,
  dataSource: DataSource,
  keks: KeyEncryptionKeys,
  lock: ProcessorLock | undefined,
  kafkaConfig: KafkaConfig | undefined,
  release: () => Promise<void>,
  options: OpenOptions = {},
): Promise<Infrastructure> {
  const log = new PostgresEventStore(database);
  await log.ensureSchema();
  await ensureDataKeySchema(database);
  const dataKeys = new DataKeys(database, keks);
  // A key wrapped by a KEK this process lacks would fail reads one by one: fail the start instead.
  await dataKeys.assertKeksKnown();
  const eventStore = new SealingEventStore(log, dataKeys);
  await dataSource.initialize();
  await dataSource.runMigrations();
  await CheckpointStore.ensureSchema(database);
  await ensureRuleStateSchema(database);
  await ensureDeliverySchema(database);
  const kafka = kafkaConfig
    ? new Kafka({
        clientId: 'weerbaar',
        brokers: kafkaConfig.brokers,
        logLevel: kafkaLogLevel.WARN,
        logCreator: () => (entry) => kafkaLogger.warn(`${entry.log.message}`),
      })
    : undefined;
  if (kafka && kafkaConfig) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureEventsTopic(admin, kafkaConfig);
    } finally {
      await admin.disconnect();
    }
  }
  const logBus = new InProcessBus(log, {
    lock,
    logger: new Logger('EventProcessor'),
    ...PROCESSING[shape],
  });
  const bus: MessageBus =
    kafka && kafkaConfig
      ? new KafkaBus({
          kafka,
          store: log,
          topic: kafkaConfig.topic,
          logger: new Logger('KafkaBus'),
          onBatch: options.onConsumerBatch,
          readCheckpoint: (name) =>
            database.transaction((q) => new CheckpointStore().load(q, name)),
        })
      : logBus;
  return {
    shape,
    database,
    eventStore,
    dataKeys,
    dataSource,
    bus,
    logBus,
    kafka,
    processorLock: lock,
    async close() {
      await dataSource.destroy();
      await eventStore.close();
      await database.close();
      await release();
    },
  };
}
