// Personal data on a PostgreSQL server (issue 9): after the scenario enters texts of every kind
// and erases a subject, neither `pg_dump` of the database nor the server's data directory after a
// CHECKPOINT (tables, indexes and WAL) holds any of the texts — only their sealed form.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@weerbaar/testing';
import {
  type PersonalDataScenario,
  runPersonalDataScenario,
  sealedDescriptionOf,
  textsIn,
  textsInFilesUnder,
} from './testing/personal-data.scenario';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

describe('personal data at rest, on a PostgreSQL server', () => {
  let database: TestDatabase;
  let t: TestPlatform;
  let scenario: PersonalDataScenario;
  let sealedDescription: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestPlatform({ databaseUrl: database.url });
    scenario = await runPersonalDataScenario(t.http, t.tokens, t.settle);
    await t.quiesce();
    sealedDescription = await sealedDescriptionOf(
      t.platform.infrastructure.database,
      scenario.signalId,
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('holds none of the texts in a pg_dump of the database', () => {
    const dump = execFileSync('pg_dump', ['--no-owner', `--dbname=${database.url}`], {
      maxBuffer: 1 << 30,
    });
    expect(textsIn(dump, [sealedDescription, scenario.clearText])).toEqual([
      sealedDescription,
      scenario.clearText,
    ]);
    expect(textsIn(dump, scenario.personalTexts)).toEqual([]);
  });

  it("holds none of the texts in the server's data directory after a checkpoint", async () => {
    const dir = process.env.WEERBAAR_TEST_PG_DIR;
    if (dir === undefined)
      throw new Error('the pg project starts the server: no WEERBAAR_TEST_PG_DIR');
    await t.platform.infrastructure.database.query('CHECKPOINT');
    const data = join(dir, 'data');
    expect(textsInFilesUnder(data, [sealedDescription])).toEqual([sealedDescription]);
    expect(textsInFilesUnder(data, scenario.personalTexts)).toEqual([]);
  });
});
