// The migrations create exactly the schema the entities describe: TypeORM finds nothing to change.
import { DataSource } from 'typeorm';
import { createPGliteTypeOrmDriver, PGliteHost } from '@weerbaar/event-store';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from './read-model.schema';

describe('read-model migrations', () => {
  let host: PGliteHost;
  let dataSource: DataSource;

  beforeAll(async () => {
    host = await PGliteHost.open();
    dataSource = new DataSource({
      type: 'postgres',
      driver: createPGliteTypeOrmDriver(host),
      entities: READ_MODEL_ENTITIES,
      migrations: READ_MODEL_MIGRATIONS,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await host.close();
  });

  it('apply, and leave no difference between the entities and the database', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.map((m) => m.name)).toEqual(READ_MODEL_MIGRATIONS.map((m) => m.name));
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can be undone', async () => {
    for (let i = 0; i < READ_MODEL_MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.query<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    expect(tables).toEqual([]);
  });
});
