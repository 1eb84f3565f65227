// Tamper evidence on an engine (PGlite, PostgreSQL): every appended event is chained to its
// stream's previous one, and verifyHashChain() finds the first link someone broke by writing to
// the tables directly; a digest recorded as an anchor proves the log up to it unchanged.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { NewEvent } from '../event-store.port';
import { digestLog, verifyHashChain } from '../postgres/hash-chain';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { EVENT_STORE_MIGRATIONS } from '../postgres/schema';
import type { SqlDatabase } from '../sql/sql-database';
import { applySqlMigrations } from '../sql/sql-migrations';

export interface HashChainSubject {
  /** An empty database, of its own for the test. */
  database: SqlDatabase;
  dispose(): Promise<void>;
}

const anEvent = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'ChainTested',
  schemaVersion: 1,
  data: { n, text: `event ${n}` },
  metadata: { actor: 'tester' },
});

export function describeHashChain(name: string, open: () => Promise<HashChainSubject>): void {
  describe(`hash chain: ${name}`, () => {
    let subject: HashChainSubject;
    let store: PostgresEventStore;
    let db: SqlDatabase;

    beforeEach(async () => {
      subject = await open();
      db = subject.database;
      store = new PostgresEventStore(db);
      await store.ensureSchema();
      // Three streams; one gets two events in one append (one statement).
      await store.append('a', [anEvent(1)], { expectedRevision: 'no_stream' });
      await store.append('b', [anEvent(2), anEvent(3)], { expectedRevision: 'no_stream' });
      await store.append('a', [anEvent(4)], { expectedRevision: 0 });
      await store.append('c', [anEvent(5)], { expectedRevision: 'no_stream' });
      await store.append('a', [anEvent(6)], { expectedRevision: 1 });
    });

    afterEach(async () => {
      await store.close();
      await subject.dispose();
    });

    const eventIdAt = async (stream: string, revision: number) =>
      (
        await db.query<{ id: string }>(
          `SELECT event_id::text AS id FROM es_events WHERE stream_id = $1 AND stream_revision = $2`,
          [stream, revision],
        )
      )[0].id;

    it('chains every appended event, and finds the log intact', async () => {
      const hashes = await db.query<{ hash: string }>(
        `SELECT encode(hash, 'hex') AS hash FROM es_events`,
      );
      expect(hashes).toHaveLength(6);
      expect(new Set(hashes.map((h) => h.hash)).size).toBe(6);
      expect(await verifyHashChain(db)).toEqual({ events: 6, streams: 3, broken: undefined });
    });

    it('finds an event whose stored content was changed', async () => {
      await db.query(`UPDATE es_events SET data = '{"n":4,"text":"changed"}' WHERE stream_id = 'a'
                        AND stream_revision = 1`);
      expect((await verifyHashChain(db)).broken).toEqual({
        streamId: 'a',
        revision: 1,
        eventId: await eventIdAt('a', 1),
        reason: 'hash',
      });
    });

    it('finds the next link when the changed event got a hash to match', async () => {
      await db.query(`UPDATE es_events SET metadata = '{"actor":"someone else"}'
                       WHERE stream_id = 'a' AND stream_revision = 1`);
      await db.query(`UPDATE es_events e SET hash = es_event_hash(
                          (SELECT hash FROM es_events WHERE stream_id = 'a' AND stream_revision = 0), e)
                       WHERE stream_id = 'a' AND stream_revision = 1`);
      expect((await verifyHashChain(db)).broken).toMatchObject({
        streamId: 'a',
        revision: 2,
        reason: 'hash',
      });
    });

    it('finds an event missing in the middle of a stream, and one cut off its end', async () => {
      await db.query(`DELETE FROM es_events WHERE stream_id = 'a' AND stream_revision = 1`);
      expect((await verifyHashChain(db)).broken).toMatchObject({
        streamId: 'a',
        revision: 2,
        reason: 'gap',
      });
      await db.query(`DELETE FROM es_events WHERE stream_id = 'a'`);
      await db.query(`DELETE FROM es_events WHERE stream_id = 'b' AND stream_revision = 1`);
      expect((await verifyHashChain(db)).broken).toEqual({
        streamId: 'a',
        revision: 2,
        reason: 'tail',
      });
    });

    it('proves the log unchanged up to an anchor, and a stream removed whole before it', async () => {
      const anchor = await digestLog(db, await store.headPosition());
      expect(anchor).toMatchObject({ events: 6, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      await store.append('d', [anEvent(7)], { expectedRevision: 'no_stream' });
      expect(await digestLog(db, anchor.position)).toEqual(anchor);
      // Gone with its stream row: every chain left is intact, but the anchor tells.
      await db.query(`DELETE FROM es_events WHERE stream_id = 'c'`);
      await db.query(`DELETE FROM es_streams WHERE stream_id = 'c'`);
      expect((await verifyHashChain(db)).broken).toBeUndefined();
      expect((await digestLog(db, anchor.position)).digest).not.toBe(anchor.digest);
    });
  });

  it(`hash chain: ${name}: gives the events stored before the chain their hashes`, async () => {
    const { database, dispose } = await open();
    try {
      await applySqlMigrations(database, {
        table: 'es_schema_migrations',
        lockKey: 1,
        migrations: EVENT_STORE_MIGRATIONS.slice(0, 1),
      });
      const before = new PostgresEventStore(database);
      await before.append('old', [anEvent(1), anEvent(2)], { expectedRevision: 'no_stream' });
      await before.append('old', [anEvent(3)], { expectedRevision: 1 });
      const after = new PostgresEventStore(database);
      await after.ensureSchema();
      await after.append('old', [anEvent(4)], { expectedRevision: 2 });
      expect(await verifyHashChain(database)).toEqual({
        events: 4,
        streams: 1,
        broken: undefined,
      });
      await database.query(`UPDATE es_events SET data = '{}' WHERE stream_revision = 0`);
      expect((await verifyHashChain(database)).broken).toMatchObject({ revision: 0 });
      await after.close();
    } finally {
      await dispose();
    }
  });
}
