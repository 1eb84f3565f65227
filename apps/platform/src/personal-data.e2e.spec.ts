// Personal data in the embedded shape (issue 9): the scenario enters texts of every kind and
// erases a subject; then neither a dump of every table nor the PGlite data directory's own files
// hold any of the texts — only their sealed form — and retention shreds a signal for good.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SignalRetentionJob } from '../../signal-intake/src/subjects/signal-retention.job';
import {
  runPersonalDataScenario,
  sealedDescriptionOf,
  textsIn,
  textsInFilesUnder,
  type PersonalDataScenario,
} from './testing/personal-data.scenario';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

/** Every row of every table as text: what a plain dump holds. */
async function dumpOfTables(t: TestPlatform): Promise<string> {
  const { database } = t.platform.infrastructure;
  const tables = await database.query<{ name: string }>(
    `SELECT schemaname || '.' || tablename AS name FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await database.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('personal data at rest, embedded (PGlite on disk)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weerbaar-personal-'));
  let t: TestPlatform;
  let scenario: PersonalDataScenario;
  let dump: string;
  let sealedDescription: string;

  beforeAll(async () => {
    t = await startTestPlatform({ dataDir }, { inMemory: false });
    scenario = await runPersonalDataScenario(t.http, t.tokens, t.settle);
    await t.quiesce();
    dump = await dumpOfTables(t);
    sealedDescription = await sealedDescriptionOf(
      t.platform.infrastructure.database,
      scenario.signalId,
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the texts sealed, and no table holds any of them in clear', () => {
    expect(sealedDescription).toMatch(/^wb1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
    expect(dump).toContain(sealedDescription);
    expect(dump).toContain(scenario.clearText); // the search does find what is in clear
    expect(textsIn(dump, scenario.personalTexts)).toEqual([]);
  });

  it('keeps the texts of contacts sealed in the log', async () => {
    const rows = await t.platform.infrastructure.database.query<{ row: string }>(
      `SELECT e::text AS row FROM es_events e`,
    );
    const log = rows.map((r) => r.row).join('\n');
    expect(textsIn(log, [scenario.contactAddress])).toEqual([]);
    expect(textsIn(dump, [scenario.contactAddress])).toEqual([scenario.contactAddress]); // the queue
  });

  it('shreds a signal past retention: its texts and its subjects read as erased', async () => {
    const job = t.platform.app.get(SignalRetentionJob);
    const now = new Date();
    expect(await job.run(now)).toBe(0);
    const later = new Date(now);
    later.setUTCFullYear(later.getUTCFullYear() + 5);
    later.setUTCDate(later.getUTCDate() + 1);
    expect(await job.run(later)).toBeGreaterThanOrEqual(4);
    const signal = await request(t.http)
      .get(`/api/v1/signals/${scenario.otherSignalId}`)
      .set('Authorization', `Bearer ${t.tokens.coordinator('GM0363')}`)
      .expect(200);
    expect(signal.body).toMatchObject({
      personalDataErased: true,
      description: '',
      subjects: [{ kind: 'ORGANISATION', erased: true }],
      category: 'BRIBERY', // the facts stay
    });
    const history = await request(t.http)
      .get(`/api/v1/signals/${scenario.signalId}/history`)
      .set('Authorization', `Bearer ${t.tokens.coordinator('GM0363')}`)
      .expect(200);
    expect(history.body.revisions[1]).toMatchObject({
      type: 'AMENDED',
      reason: '',
      changedFields: ['description'],
    });
  });

  it("leaves none of the texts in the engine's own files", async () => {
    await t.close();
    const files = join(dataDir, 'pglite');
    // The rows are in these files:
    expect(textsInFilesUnder(files, [sealedDescription])).toEqual([sealedDescription]);
    expect(textsInFilesUnder(files, scenario.personalTexts)).toEqual([]);
  });
});
