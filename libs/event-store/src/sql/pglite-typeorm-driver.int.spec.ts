// TypeORM 0.3 on PGlite through the pg-compatible facade, sharing one embedded database (and its
// one session) with the event store: transactions must never interleave.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { START_OF_LOG } from '../event-store.port';
import { CheckpointConflictError, CheckpointStore } from '../processing/checkpoint-store';
import { EventProcessor } from '../processing/event-processor';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { PGliteDatabase } from './pglite-database';
import { PGliteHost } from './pglite-host';
import { createPGliteTypeOrmDriver } from './pglite-typeorm-driver';

@Entity({ name: 'signal_summary' })
class SignalSummary {
  @PrimaryColumn('text')
  municipality!: string;

  @Column('bigint')
  signals!: string;

  @Column('timestamptz')
  updatedAt!: Date;

  @Column('jsonb', { default: () => `'[]'::jsonb` })
  categories!: string[];
}

describe('TypeORM on PGlite through the pg-compatible driver', () => {
  let host: PGliteHost;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    host = await PGliteHost.open();
    dataSource = new DataSource({
      type: 'postgres',
      driver: createPGliteTypeOrmDriver(host),
      entities: [SignalSummary],
      synchronize: false,
    });
    await dataSource.initialize();
    // Migrations-style raw SQL, several statements in one query as migration files have them.
    await dataSource.query(`
      CREATE TABLE signal_summary (
        municipality text PRIMARY KEY,
        signals bigint NOT NULL,
        "updatedAt" timestamptz NOT NULL,
        categories jsonb NOT NULL DEFAULT '[]'::jsonb
      );
      CREATE INDEX signal_summary_updated ON signal_summary ("updatedAt");
    `);
    store = new PostgresEventStore(new PGliteDatabase(host));
    await store.ensureSchema();
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await dataSource?.destroy();
    await host?.close();
  });

  it('inserts and reads through a repository with node-postgres value types', async () => {
    const repository = dataSource.getRepository(SignalSummary);
    const updatedAt = new Date('2025-03-14T09:30:00.000Z');
    await repository.save({
      municipality: 'GM0363',
      signals: '9007199254740993',
      updatedAt,
      categories: ['vastgoed'],
    });
    const found = await repository.findOneByOrFail({ municipality: 'GM0363' });
    expect(found.signals).toBe('9007199254740993'); // int8 as string, no precision lost
    expect(found.updatedAt).toBeInstanceOf(Date);
    expect(found.updatedAt.toISOString()).toBe(updatedAt.toISOString());
    expect(found.categories).toEqual(['vastgoed']);
    const [{ count }] = await dataSource.query<Array<{ count: string }>>(
      'SELECT count(*) AS count FROM signal_summary',
    );
    expect(count).toBe('1');
    const update = await dataSource
      .createQueryBuilder()
      .update(SignalSummary)
      .set({ signals: '1' })
      .where('municipality = :m', { m: 'GM0363' })
      .execute();
    expect(update.affected).toBe(1);
  });

  it('passes dates before year 1 as PostgreSQL reads them, as node-postgres does', async () => {
    // 90 days before 0001-01-01T00:00:00Z: year 1 BC (year 0 of toISOString, which PostgreSQL
    // refuses), as a risk picture as of early year 1 asks for its trend.
    const bc = new Date(Date.parse('0001-01-01T00:00:00.000Z') - 90 * 86_400_000);
    const modern = new Date('2026-11-20T20:15:00.123Z');
    const [row] = await dataSource.query<Array<{ bc: string; modern: string }>>(
      `SELECT to_char($1::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS BC') AS bc,
              to_char($2::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS BC') AS modern`,
      [bc, modern],
    );
    expect(row).toEqual({ bc: '0001-10-03 00:00:00.000 BC', modern: '2026-11-20 20:15:00.123 AD' });
  });

  it('rolls back a failed transaction and surfaces the SQL error code', async () => {
    const repository = dataSource.getRepository(SignalSummary);
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.save(SignalSummary, {
          municipality: 'GM9999',
          signals: '1',
          updatedAt: new Date(),
          categories: [],
        });
        await manager.query(
          'INSERT INTO signal_summary (municipality, signals, "updatedAt") VALUES ($1, 1, now())',
          ['GM9999'],
        );
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await repository.findOneBy({ municipality: 'GM9999' })).toBeNull();
  });

  it('never interleaves concurrent TypeORM transactions with each other or with event-store appends', async () => {
    const repository = dataSource.getRepository(SignalSummary);
    await repository.save({
      municipality: 'GM0518',
      signals: '0',
      updatedAt: new Date(),
      categories: [],
    });
    const order: string[] = [];

    // Read-modify-write with a pause in the middle: if two transactions shared the session,
    // both would read the same count and one increment would be lost (or they would run inside
    // each other's BEGIN … COMMIT).
    const increment = (label: string) =>
      dataSource.transaction(async (manager) => {
        order.push(`${label}:begin`);
        const row = await manager.findOneByOrFail(SignalSummary, { municipality: 'GM0518' });
        await new Promise((resolve) => setTimeout(resolve, 30));
        await manager.update(
          SignalSummary,
          { municipality: 'GM0518' },
          { signals: String(Number(row.signals) + 1) },
        );
        order.push(`${label}:commit`);
      });

    const streamId = `signal-${randomUUID()}`;
    const appends = Array.from({ length: 10 }, (_, i) =>
      store.append(
        streamId,
        [{ eventId: randomUUID(), type: 'SignalRecorded', schemaVersion: 1, data: { i } }],
        {
          expectedRevision: 'any',
        },
      ),
    );
    await Promise.all([increment('a'), increment('b'), increment('c'), ...appends]);

    const row = await repository.findOneByOrFail({ municipality: 'GM0518' });
    expect(row.signals).toBe('3');
    for (const label of ['a', 'b', 'c']) {
      const begin = order.indexOf(`${label}:begin`);
      expect(order[begin + 1]).toBe(`${label}:commit`); // nothing else in between
    }
    const events = await store.readStream(streamId);
    expect(events.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('runs a processor whose effect and checkpoint commit in one TypeORM transaction', async () => {
    await CheckpointStore.ensureSchema(new PGliteDatabase(host));
    const municipality = `GM${Math.floor(Math.random() * 1e6)}`;
    for (let i = 0; i < 5; i++) {
      await store.append(
        `signal-${randomUUID()}`,
        [
          {
            eventId: randomUUID(),
            type: 'SignalRecorded',
            schemaVersion: 1,
            data: { municipality },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    }
    const name = `summary-${randomUUID()}`;
    const processor = new EventProcessor<EntityManager>({
      name,
      store,
      batchSize: 2,
      transaction: (fn) => dataSource.transaction((manager) => fn(manager, manager)),
      handle: async (events, manager) => {
        const mine = events.filter(
          (e) => (e.data as { municipality?: string }).municipality === municipality,
        );
        if (mine.length === 0) {
          return;
        }
        await manager.query(
          `INSERT INTO signal_summary (municipality, signals, "updatedAt") VALUES ($1, $2, now())
           ON CONFLICT (municipality) DO UPDATE SET signals = signal_summary.signals + EXCLUDED.signals`,
          [municipality, mine.length],
        );
      },
    });
    await processor.catchUp();
    await processor.catchUp(); // again: nothing is counted twice
    const row = await dataSource.getRepository(SignalSummary).findOneByOrFail({ municipality });
    expect(row.signals).toBe('5');

    // The CAS through EntityManager.query (rows reliable for SELECT only) still detects a conflict.
    const checkpoints = new CheckpointStore();
    await expect(
      dataSource.transaction((manager) =>
        checkpoints.compareAndSet(manager, name, START_OF_LOG, START_OF_LOG),
      ),
    ).rejects.toBeInstanceOf(CheckpointConflictError);
    const stored = await dataSource.transaction((manager) => checkpoints.load(manager, name));
    expect(stored).toEqual(processor.checkpoint);
  });
});
