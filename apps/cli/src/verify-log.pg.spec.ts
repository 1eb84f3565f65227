// `weerbaar verify` on a platform's event store (PostgreSQL server): intact after real use; a
// signal's event changed in the database breaks its chain, and the anchor taken before tells too.
import request from 'supertest';
import { aThreatRequest, createTestDatabase, type TestDatabase } from '@weerbaar/testing';
import { startTestPlatform, testConfig } from '../../platform/src/testing/test-platform';
import { parseAnchor, verifyLogCommand } from './verify-log';

let database: TestDatabase;
/** The platform's key-encryption key: the CLI opens the same data keys. */
let personalData: ReturnType<typeof testConfig>['personalData'];

beforeAll(async () => {
  database = await createTestDatabase();
  const platform = await startTestPlatform({ databaseUrl: database.url });
  personalData = platform.config.personalData;
  try {
    for (const day of [1, 2, 3]) {
      await request(platform.http)
        .post('/api/v1/signals')
        .set('Authorization', `Bearer ${platform.tokens.coordinator('GM0363')}`)
        .send(aThreatRequest().daysAgo(day).build())
        .expect(201);
    }
    await platform.settle();
  } finally {
    await platform.close();
  }
}, 60_000);

afterAll(() => database?.drop());

async function verify(anchor?: string) {
  const lines: string[] = [];
  const intact = await verifyLogCommand(testConfig({ databaseUrl: database.url, personalData }), {
    anchor: anchor === undefined ? undefined : parseAnchor(anchor),
    out: (line) => lines.push(line),
  });
  return { intact, lines };
}

it('finds the log intact, then a changed signal by its chain, and a re-hashed one by the anchor', async () => {
  const before = await verify();
  expect(before.intact).toBe(true);
  expect(before.lines[0]).toMatch(/^Verified \d+ events in \d+ streams: every chain intact\.$/);
  const anchor = /^Anchor \(record it elsewhere\): (\S+) /.exec(before.lines[1])![1];
  expect((await verify(anchor)).intact).toBe(true);

  const { PgDatabase } = await import('@weerbaar/event-store');
  const db = new PgDatabase({ connectionString: database.url });
  const [target] = await db.query<{ stream_id: string }>(
    `SELECT stream_id FROM es_events WHERE type = 'SignalRecorded' ORDER BY position LIMIT 1`,
  );
  await db.query(
    `UPDATE es_events SET data = jsonb_set(data, '{personal,description}', '"rewritten"')
      WHERE stream_id = $1 AND stream_revision = 0`,
    [target.stream_id],
  );
  const changed = await verify(anchor);
  expect(changed.intact).toBe(false);
  expect(changed.lines[0]).toContain(`BROKEN: stream ${target.stream_id}, revision 0`);

  // Whoever can write to the database can also hash the changed event again (its stream has
  // that one event): every chain is intact then, but the anchor taken before is not.
  await db.query(`UPDATE es_events e SET hash = es_event_hash(NULL, e) WHERE stream_id = $1`, [
    target.stream_id,
  ]);
  await db.close();
  const rehashed = await verify(anchor);
  expect(rehashed.lines[0]).toMatch(/every chain intact/);
  expect(rehashed.lines[1]).toMatch(/^ANCHOR BROKEN/);
  expect(rehashed.intact).toBe(false);
});

it('refuses an anchor that is not <transaction id>:<position>=<digest>', () => {
  expect(parseAnchor('12:34=abc')).toBeUndefined();
  expect(parseAnchor(`12:34=${'a'.repeat(64)}`)).toEqual({
    position: { transactionId: '12', position: '34' },
    digest: 'a'.repeat(64),
  });
});
