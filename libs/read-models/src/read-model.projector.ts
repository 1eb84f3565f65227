// Feeds every read-model projection from one subscription to the global log, in one TypeORM
// transaction per batch together with the checkpoint; and rebuilds them from scratch.
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { RecordedEvent, SqlQueryable } from '@weerbaar/event-store';
import type { SubscriptionOptions } from '@weerbaar/messaging';
import { EscalationViewProjection } from './projections/escalation-view.projection';
import { type RegionOf, SignalRiskProjection } from './projections/signal-risk.projection';
import { READ_MODEL_TABLES } from './read-model.schema';

export const READ_MODEL_PROCESSOR = 'read-models';

/** Runs `fn` in one TypeORM transaction, also exposed as a plain SQL queryable. */
export function typeormTransaction(dataSource: DataSource) {
  return <T>(fn: (em: EntityManager, q: SqlQueryable) => Promise<T>): Promise<T> =>
    dataSource.transaction((em) =>
      fn(em, { query: <R>(sql: string, params?: unknown[]) => em.query<R[]>(sql, params) }),
    );
}

export class ReadModelProjector {
  private readonly signals: SignalRiskProjection;
  private readonly escalations = new EscalationViewProjection();

  constructor(regions: RegionOf) {
    this.signals = new SignalRiskProjection(regions);
  }

  async handle(events: RecordedEvent[], em: EntityManager): Promise<void> {
    await this.signals.applyBatch(em, events);
    for (const event of events) await this.escalations.apply(em, event);
  }
}

/**
 * The one subscription that feeds every read model: the live projector and a rebuild both use
 * it. `onBatch` is told how many events have been projected so far.
 */
export function readModelSubscription(
  dataSource: DataSource,
  regions: RegionOf,
  options: { batchSize?: number; onBatch?: (events: number) => void } = {},
): SubscriptionOptions<EntityManager> {
  const projector = new ReadModelProjector(regions);
  let projected = 0;
  return {
    name: READ_MODEL_PROCESSOR,
    transaction: typeormTransaction(dataSource),
    batchSize: options.batchSize,
    handle: async (events, em) => {
      await projector.handle(events, em);
      projected += events.length;
      options.onBatch?.(projected);
    },
  };
}

/** Empties every read-model table and forgets the checkpoint, in one transaction. */
export async function resetReadModels(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (em) => {
    await em.query(`TRUNCATE ${READ_MODEL_TABLES.map((t) => `"${t}"`).join(', ')}`);
    await em.query(`DELETE FROM processor_checkpoints WHERE name = $1`, [READ_MODEL_PROCESSOR]);
  });
}

/**
 * A SHA-256 of every read-model table's rows in primary-key order: two databases with equal
 * checksums hold byte-identical read models (used to prove a rebuild equals the live run).
 */
export async function readModelChecksums(dataSource: DataSource): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of READ_MODEL_TABLES) {
    const rows = await dataSource.query<{ row: string }[]>(
      `SELECT t::text AS row FROM "${table}" t ORDER BY 1`,
    );
    const hash = createHash('sha256');
    for (const { row } of rows) hash.update(row).update('\n');
    result[table] = `${rows.length}:${hash.digest('hex')}`;
  }
  return result;
}
