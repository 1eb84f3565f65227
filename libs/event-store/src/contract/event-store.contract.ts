// The one contract every EventStore adapter must pass (STYLE.md §6): concurrency, idempotency,
// a global log tailed without loss or duplicates, upcasting, and — for stores on SQL — checkpoint
// compare-and-set and processors that resume exactly where they stopped. Imported by specs only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '@weerbaar/testing';
import { EventIdConflictError, InvalidAppendError, StreamRevisionConflictError } from '../errors';
import {
  type AppendResult,
  compareGlobalPositions,
  START_OF_LOG,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port';
import { CheckpointConflictError, CheckpointStore } from '../processing/checkpoint-store';
import { EventProcessor, type ProcessorLogger } from '../processing/event-processor';
import type { ProcessorLock } from '../processing/processor-lock';
import type { SqlDatabase, SqlQueryable } from '../sql/sql-database';
import type { UpcasterRegistry } from '../upcasting';

export interface EventStoreContractSubject {
  /** A new store instance on the suite's shared database (several may be open at once). */
  makeStore(options?: { upcasting?: UpcasterRegistry }): Promise<EventStore>;
  /** The SQL database behind the stores, when they have one: enables checkpoint and processor tests. */
  database?: SqlDatabase;
  /** A processor lock on that database. */
  makeLock?: () => ProcessorLock;
  dispose(): Promise<void>;
}

const LONG = 60_000;

export interface EventStoreContractTraits {
  /**
   * The database takes several sessions at once (a server; PGlite has one): enables the tests
   * where one session holds a transaction open while another reads the log.
   */
  concurrentSessions: boolean;
}

export function describeEventStoreContract(
  name: string,
  traits: EventStoreContractTraits,
  setUp: () => Promise<EventStoreContractSubject>,
): void {
  /** Tests that need a second session holding a transaction open: not defined on one session. */
  const itWithConcurrentSessions = (title: string, test: () => Promise<void>): void => {
    if (traits.concurrentSessions) {
      it(title, test);
    }
  };

  describe(`EventStore contract: ${name}`, () => {
    let subject: EventStoreContractSubject;
    let store: EventStore;
    const opened: EventStore[] = [];

    const openStore = async (options?: { upcasting?: UpcasterRegistry }): Promise<EventStore> => {
      const opening = await subject.makeStore(options);
      opened.push(opening);
      return opening;
    };

    beforeAll(async () => {
      subject = await setUp();
      store = await openStore();
    }, LONG);

    afterAll(async () => {
      for (const each of opened) {
        await each.close();
      }
      await subject?.dispose();
    }, LONG);

    describe('appending and reading a stream', () => {
      it('stores events with consecutive revisions, global positions and the database clock', async () => {
        const streamId = aStream();
        const before = Date.now();
        const result = await store.append(streamId, [anEvent({ n: 1 }), anEvent({ n: 2 })], {
          expectedRevision: 'no_stream',
        });
        expect(result.alreadyStored).toBe(false);
        expect(result.nextExpectedRevision).toBe(1);

        const read = await store.readStream(streamId);
        expect(read.map((e) => [e.streamRevision, e.data])).toEqual([
          [0, { n: 1 }],
          [1, { n: 2 }],
        ]);
        expect(read.map((e) => e.eventId)).toEqual(result.events.map((e) => e.eventId));
        expect(read.map((e) => e.globalPosition)).toEqual(
          result.events.map((e) => e.globalPosition),
        );
        for (const event of read) {
          expect(event.globalPosition.transactionId).toMatch(/^\d+$/);
          expect(event.globalPosition.position).toMatch(/^\d+$/);
          expect(Math.abs(event.recordedAt.getTime() - before)).toBeLessThan(60_000);
        }
        expect(compareGlobalPositions(read[0].globalPosition, read[1].globalPosition)).toBeLessThan(
          0,
        );
      });

      it('reads a stream from a revision on', async () => {
        const streamId = aStream();
        await store.append(streamId, [anEvent({ n: 0 }), anEvent({ n: 1 }), anEvent({ n: 2 })], {
          expectedRevision: 'no_stream',
        });
        expect((await store.readStream(streamId, 1)).map((e) => e.data)).toEqual([
          { n: 1 },
          { n: 2 },
        ]);
        expect(await store.readStream(streamId, 3)).toEqual([]);
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(aStream())).toEqual([]);
      });

      it('keeps metadata and data as given', async () => {
        const streamId = aStream();
        const data = {
          nested: { list: [1, 'two', null], flag: true },
          text: 'ondermijning "quoted" \\ é',
        };
        await store.append(
          streamId,
          [anEvent(data, { actor: 'coordinator-1', correlationId: 'c-1' })],
          {
            expectedRevision: 'any',
          },
        );
        const [read] = await store.readStream(streamId);
        expect(read.data).toEqual(data);
        expect(read.metadata).toEqual({ actor: 'coordinator-1', correlationId: 'c-1' });
      });

      it('rejects malformed appends with a typed error', async () => {
        await expect(
          store.append(aStream(), [], { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(
          store.append(aStream(), [{ ...anEvent(), eventId: 'not-a-uuid' }], {
            expectedRevision: 'any',
          }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        const twice = anEvent();
        await expect(
          store.append(aStream(), [twice, twice], { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
      });
    });

    describe('optimistic concurrency', () => {
      it('checks every kind of expected revision', async () => {
        const streamId = aStream();
        await expectConflict(
          store.append(streamId, [anEvent()], { expectedRevision: 'exists' }),
          'no_stream',
        );
        await expectConflict(
          store.append(streamId, [anEvent()], { expectedRevision: 0 }),
          'no_stream',
        );
        await store.append(streamId, [anEvent()], { expectedRevision: 'no_stream' });
        await expectConflict(
          store.append(streamId, [anEvent()], { expectedRevision: 'no_stream' }),
          0,
        );
        await store.append(streamId, [anEvent()], { expectedRevision: 'exists' });
        await expectConflict(store.append(streamId, [anEvent()], { expectedRevision: 0 }), 1);
        await expectConflict(store.append(streamId, [anEvent()], { expectedRevision: 2 }), 1);
        const exact = await store.append(streamId, [anEvent(), anEvent()], { expectedRevision: 1 });
        expect(exact.nextExpectedRevision).toBe(3);
        const any = await store.append(streamId, [anEvent()], { expectedRevision: 'any' });
        expect(any.nextExpectedRevision).toBe(4);
        const fresh = await store.append(aStream(), [anEvent()], { expectedRevision: 'any' });
        expect(fresh.nextExpectedRevision).toBe(0);
        expect((await store.readStream(streamId)).map((e) => e.streamRevision)).toEqual([
          0, 1, 2, 3, 4,
        ]);
      });

      it('lets exactly one of many concurrent appends at the same revision win, across store instances', async () => {
        const other = await openStore();
        const streamId = aStream();
        await store.append(streamId, [anEvent()], { expectedRevision: 'no_stream' });
        const attempts = Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? store : other).append(streamId, [anEvent({ attempt: i })], {
            expectedRevision: 0,
          }),
        );
        const outcomes = await Promise.allSettled(attempts);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(11);
        for (const failure of lost) {
          expect(failure.reason).toBeInstanceOf(StreamRevisionConflictError);
          expect((failure.reason as StreamRevisionConflictError).actual).toBe(1);
        }
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('lets exactly one of many concurrent creators of a new stream win', async () => {
        const other = await openStore();
        const streamId = aStream();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 === 0 ? store : other).append(streamId, [anEvent()], {
              expectedRevision: 'no_stream',
            }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const failure of outcomes.filter(
          (o): o is PromiseRejectedResult => o.status === 'rejected',
        )) {
          expect(failure.reason).toBeInstanceOf(StreamRevisionConflictError);
        }
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('fails only the conflicting append when appends to many streams arrive together', async () => {
        const taken = aStream();
        await store.append(taken, [anEvent()], { expectedRevision: 'no_stream' });
        const others = Array.from({ length: 10 }, () => aStream());
        const outcomes = await Promise.allSettled([
          ...others.map((streamId) =>
            store.append(streamId, [anEvent()], { expectedRevision: 'no_stream' }),
          ),
          store.append(taken, [anEvent()], { expectedRevision: 'no_stream' }),
        ]);
        expect(outcomes.slice(0, 10).every((o) => o.status === 'fulfilled')).toBe(true);
        expect(outcomes[10].status).toBe('rejected');
        for (const streamId of others) {
          expect(await store.readStream(streamId)).toHaveLength(1);
        }
      });
    });

    describe('idempotent append by event id', () => {
      it('returns the original result when the same append is retried', async () => {
        const streamId = aStream();
        const events = [anEvent({ n: 1 }), anEvent({ n: 2 })];
        const first = await store.append(streamId, events, { expectedRevision: 'no_stream' });
        for (const expectedRevision of ['no_stream', 'any', 'exists', 5] as const) {
          const retry = await store.append(streamId, events, { expectedRevision });
          expect(retry.alreadyStored).toBe(true);
          expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
          expect(retry.events.map((e) => [e.eventId, e.globalPosition, e.streamRevision])).toEqual(
            first.events.map((e) => [e.eventId, e.globalPosition, e.streamRevision]),
          );
        }
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('stores concurrent identical retries once', async () => {
        const other = await openStore();
        const streamId = aStream();
        const events = [anEvent(), anEvent()];
        const results = await Promise.all([
          store.append(streamId, events, { expectedRevision: 'any' }),
          other.append(streamId, events, { expectedRevision: 'any' }),
          other.append(streamId, events, { expectedRevision: 'any' }),
        ]);
        expect(results.filter((r) => !r.alreadyStored)).toHaveLength(1);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('treats the same id with other content, another stream or a partial match as a conflict', async () => {
        const streamId = aStream();
        const event = anEvent({ n: 1 });
        await store.append(streamId, [event], { expectedRevision: 'no_stream' });
        await expect(
          store.append(streamId, [{ ...event, data: { n: 2 } }], { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(
          store.append(streamId, [{ ...event, type: 'SomethingElse' }], { expectedRevision: 0 }),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(
          store.append(aStream(), [event], { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        await expect(
          store.append(streamId, [event, anEvent()], { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('bulk append of new streams (appendNewStreams, where the store has it)', () => {
      const bulkOf = (of: EventStore) => {
        if (of.appendNewStreams === undefined) throw new Error('no appendNewStreams');
        return of.appendNewStreams.bind(of);
      };
      const itWithBulk = (title: string, test: () => Promise<void>): void => {
        it(title, async () => {
          if (store.appendNewStreams !== undefined) await test();
        });
      };

      itWithBulk(
        'writes every new stream as no_stream appends would, in the order given',
        async () => {
          const from = await headOf(store);
          const entries = Array.from({ length: 30 }, (_, i) => ({
            streamId: aStream(),
            events: i % 3 === 0 ? [anEvent({ i }), anEvent({ i, n: 2 })] : [anEvent({ i })],
          }));
          const outcomes = await bulkOf(store)(entries);
          expect(outcomes.every((o) => !(o instanceof Error) && !o.alreadyStored)).toBe(true);
          const results = outcomes as AppendResult[];
          for (const [i, entry] of entries.entries()) {
            const stored = await store.readStream(entry.streamId);
            expect(stored.map((e) => e.eventId)).toEqual(entry.events.map((e) => e.eventId));
            expect(stored.map((e) => e.data)).toEqual(entry.events.map((e) => e.data));
            expect(results[i].nextExpectedRevision).toBe(entry.events.length - 1);
            expect(
              results[i].events.map((e) => [e.eventId, e.streamRevision, e.globalPosition]),
            ).toEqual(stored.map((e) => [e.eventId, e.streamRevision, e.globalPosition]));
          }
          const log = await store.readAll(from, 1_000);
          expect(log.events.map((e) => e.eventId)).toEqual(
            entries.flatMap((entry) => entry.events.map((e) => e.eventId)),
          );
        },
      );

      itWithBulk(
        'answers repeats, conflicts and bad entries per entry and writes the rest',
        async () => {
          const repeated = aStream();
          const repeatedEvents = [anEvent({ n: 1 })];
          const first = await store.append(repeated, repeatedEvents, {
            expectedRevision: 'no_stream',
          });
          const taken = aStream();
          await store.append(taken, [anEvent()], { expectedRevision: 'no_stream' });
          const elsewhere = anEvent();
          await store.append(aStream(), [elsewhere], { expectedRevision: 'no_stream' });
          const twice = aStream();
          const twiceEvents = [anEvent()];
          const fresh = [aStream(), aStream()];
          const outcomes = await bulkOf(store)([
            { streamId: fresh[0], events: [anEvent()] },
            { streamId: repeated, events: repeatedEvents }, // stored before: a repeat
            { streamId: taken, events: [anEvent()] }, // exists with other events
            { streamId: aStream(), events: [elsewhere] }, // its id is stored in another stream
            { streamId: twice, events: twiceEvents },
            { streamId: twice, events: twiceEvents }, // the same append twice in one call
            { streamId: '', events: [anEvent()] },
            { streamId: fresh[1], events: [anEvent()] },
          ]);
          expect(outcomes[0]).toMatchObject({ alreadyStored: false });
          expect(outcomes[1]).toMatchObject({ alreadyStored: true });
          expect((outcomes[1] as AppendResult).events[0].globalPosition).toEqual(
            first.events[0].globalPosition,
          );
          expect(outcomes[2]).toBeInstanceOf(StreamRevisionConflictError);
          expect(outcomes[3]).toBeInstanceOf(EventIdConflictError);
          expect([outcomes[4], outcomes[5]].map((o) => (o as AppendResult).alreadyStored)).toEqual([
            false,
            true,
          ]);
          expect(outcomes[6]).toBeInstanceOf(InvalidAppendError);
          expect(outcomes[7]).toMatchObject({ alreadyStored: false });
          for (const streamId of [...fresh, twice, taken, repeated]) {
            expect(await store.readStream(streamId)).toHaveLength(1);
          }
        },
      );

      itWithBulk(
        'lets exactly one of a bulk and concurrent appends create the same stream',
        async () => {
          const other = await openStore();
          const streamIds = Array.from({ length: 20 }, () => aStream());
          const racing = streamIds.map((streamId) =>
            other
              .append(streamId, [anEvent({ by: 'append' })], { expectedRevision: 'no_stream' })
              .then(
                () => true,
                () => false,
              ),
          );
          const outcomes = await bulkOf(store)(
            streamIds.map((streamId) => ({ streamId, events: [anEvent({ by: 'bulk' })] })),
          );
          const appended = await Promise.all(racing);
          for (const [i, streamId] of streamIds.entries()) {
            const bulkWon = !(outcomes[i] instanceof Error);
            expect(bulkWon).toBe(!appended[i]);
            const stored = await store.readStream(streamId);
            expect(stored).toHaveLength(1);
            expect(stored[0].data).toEqual({ by: bulkWon ? 'bulk' : 'append' });
          }
        },
      );
    });

    describe('the global log', () => {
      it('reads strictly after a position, in order, at most `limit`, with a checkpoint', async () => {
        const from = await headOf(store);
        const streamId = aStream();
        await store.append(streamId, [anEvent(), anEvent(), anEvent()], {
          expectedRevision: 'no_stream',
        });
        await store.append(streamId, [anEvent(), anEvent()], { expectedRevision: 2 });

        const firstPage = await store.readAll(from, 2);
        expect(firstPage.events.map((e) => e.streamRevision)).toEqual([0, 1]);
        expect(firstPage.checkpoint).toEqual(firstPage.events[1].globalPosition);
        const rest = await store.readAll(firstPage.checkpoint, 100);
        expect(rest.events.map((e) => e.streamRevision)).toEqual([2, 3, 4]);
        const empty = await store.readAll(rest.checkpoint, 100);
        expect(empty.events).toEqual([]);
        expect(empty.checkpoint).toEqual(rest.checkpoint);
        const all = await store.readAll(START_OF_LOG, 1_000_000);
        expect(isStrictlyIncreasing(all.events.map((e) => e.globalPosition))).toBe(true);
      });

      it(
        'lets a tailing reader see every event of many concurrent writers exactly once, in stream order',
        async () => {
          const from = await headOf(store);
          const other = await openStore();
          const prefix = `tail-${randomUUID()}`;
          const writers = 12;
          const streamsPerWriter = 4;
          const appendsPerStream = 6;
          const expectedIds = new Set<string>();
          let writing = true;

          const write = async (writer: number): Promise<void> => {
            const writerStore = writer % 2 === 0 ? store : other;
            const revisions = new Map<string, number>();
            for (let round = 0; round < appendsPerStream; round++) {
              for (let s = 0; s < streamsPerWriter; s++) {
                const streamId = `${prefix}-${writer}-${s}`;
                const events = Array.from({ length: 1 + ((writer + round + s) % 3) }, () =>
                  anEvent({ writer, round }),
                );
                const current = revisions.get(streamId);
                const result = await writerStore.append(streamId, events, {
                  expectedRevision: current ?? 'no_stream',
                });
                revisions.set(streamId, result.nextExpectedRevision);
                events.forEach((e) => expectedIds.add(e.eventId));
              }
            }
          };

          const seen: RecordedEvent[] = [];
          const tail = async (): Promise<void> => {
            let checkpoint = from;
            for (;;) {
              const page = await store.readAll(checkpoint, 37);
              expect(compareGlobalPositions(page.checkpoint, checkpoint)).toBeGreaterThanOrEqual(0);
              checkpoint = page.checkpoint;
              seen.push(...page.events.filter((e) => e.streamId.startsWith(prefix)));
              if (page.events.length === 0) {
                if (!writing && seen.length >= expectedIds.size) {
                  return;
                }
                await store.waitForEvents(50);
              }
            }
          };

          const tailing = tail();
          await Promise.all(Array.from({ length: writers }, (_, w) => write(w)));
          writing = false;
          await tailing;

          expect(expectedIds.size).toBeGreaterThan(400);
          const seenIds = seen.map((e) => e.eventId);
          expect(new Set(seenIds).size).toBe(seenIds.length); // no duplicates
          expect(new Set(seenIds)).toEqual(expectedIds); // nothing missing
          const positions = seen.map((e) => e.globalPosition);
          const outOfOrder = positions.findIndex(
            (p, i) => i > 0 && compareGlobalPositions(positions[i - 1], p) >= 0,
          );
          expect(
            outOfOrder === -1 ? [] : [positions[outOfOrder - 1], positions[outOfOrder]],
          ).toEqual([]);
          const lastRevision = new Map<string, number>();
          for (const event of seen) {
            expect(event.streamRevision).toBe((lastRevision.get(event.streamId) ?? -1) + 1);
            lastRevision.set(event.streamId, event.streamRevision);
          }
        },
        LONG,
      );

      itWithConcurrentSessions(
        'does not pass a transaction that is still running, and delivers its events once it commits',
        async () => {
          const database = sqlDatabaseOf(subject);
          const from = await headOf(store);
          const streamId = aStream();
          let slowEventId = '';
          await database.transaction(async (tx) => {
            // A slow writer: takes its transaction id first, writes, and commits last.
            await tx.query('SELECT pg_current_xact_id()');
            slowEventId = randomUUID();
            await tx.query(
              `INSERT INTO es_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata)
             VALUES ($1::uuid, $2, 0, 'Slow', 1, '{}'::jsonb, '{}'::jsonb)`,
              [slowEventId, `${streamId}-slow`],
            );
            await store.append(streamId, [anEvent()], { expectedRevision: 'no_stream' });
            // The fast writer committed, but a reader must not move past the slow one's gap.
            const during = await store.readAll(from, 100);
            expect(during.events.filter((e) => e.streamId.startsWith(streamId))).toEqual([]);
          });
          const after = await store.readAll(from, 100);
          const mine = after.events.filter((e) => e.streamId.startsWith(streamId));
          expect(mine.map((e) => e.eventId)[0]).toBe(slowEventId); // older transaction first
          expect(mine).toHaveLength(2);
        },
      );
      it('knows the position of the newest committed event', async () => {
        const appended = await store.append(aStream(), [anEvent(), anEvent()], {
          expectedRevision: 'no_stream',
        });
        expect(await store.headPosition()).toEqual(appended.events[1].globalPosition);
      });
      it('knows the newest event of a transaction whose positions cross a power of ten', async () => {
        const appended = await store.append(
          aStream(),
          Array.from({ length: 120 }, () => anEvent()),
          { expectedRevision: 'no_stream' },
        );
        expect(await store.headPosition()).toEqual(appended.events[119].globalPosition);
      });
    });

    describe('waiting for events', () => {
      it('wakes a waiter when another store instance appends', async () => {
        const other = await openStore();
        await store.waitForEvents(1); // sets up LISTEN
        const started = Date.now();
        const waiting = store.waitForEvents(10_000);
        await sleepMs(100);
        await other.append(aStream(), [anEvent()], { expectedRevision: 'any' });
        await waiting;
        expect(Date.now() - started).toBeLessThan(5_000);
      });

      it('returns after the timeout when nothing happens, and at once when aborted', async () => {
        let started = Date.now();
        await store.waitForEvents(150);
        expect(Date.now() - started).toBeGreaterThanOrEqual(100);
        const abort = new AbortController();
        started = Date.now();
        const waiting = store.waitForEvents(10_000, abort.signal);
        abort.abort();
        await waiting;
        expect(Date.now() - started).toBeLessThan(1_000);
      });
    });

    describe('versioned events', () => {
      it('upcasts old versions on read and never rewrites what is stored', async () => {
        const upcasting: UpcasterRegistry = {
          upcasters: {
            SignalRecorded: {
              1: (data) => ({ ...(data as object), severity: 'medium' }),
              2: (data) => {
                const { gemeente, ...rest } = data as { gemeente: string };
                return { ...rest, municipality: gemeente };
              },
            },
          },
        };
        const upcastingStore = await openStore({ upcasting });
        const streamId = aStream();
        await store.append(
          streamId,
          [
            {
              eventId: randomUUID(),
              type: 'SignalRecorded',
              schemaVersion: 1,
              data: { gemeente: 'GM0363' },
            },
            {
              eventId: randomUUID(),
              type: 'SignalRecorded',
              schemaVersion: 3,
              data: { municipality: 'GM0518', severity: 'high' },
            },
            { eventId: randomUUID(), type: 'Other', schemaVersion: 1, data: { x: 1 } },
          ],
          { expectedRevision: 'no_stream' },
        );
        const upcast = await upcastingStore.readStream(streamId);
        expect(upcast.map((e) => [e.schemaVersion, e.data])).toEqual([
          [3, { municipality: 'GM0363', severity: 'medium' }],
          [3, { municipality: 'GM0518', severity: 'high' }],
          [1, { x: 1 }],
        ]);
        const fromLog = await upcastingStore.readAll(previous(upcast[0].globalPosition), 1);
        expect(fromLog.events[0].data).toEqual({ municipality: 'GM0363', severity: 'medium' });
        const raw = await store.readStream(streamId);
        expect(raw.map((e) => [e.schemaVersion, e.data])[0]).toEqual([1, { gemeente: 'GM0363' }]);
      });
    });

    describe('checkpoints and processors', () => {
      const checkpoints = new CheckpointStore();

      beforeAll(async () => {
        if (subject.database) {
          await CheckpointStore.ensureSchema(subject.database);
          await subject.database.query(
            'CREATE TABLE IF NOT EXISTS contract_projection (event_id uuid PRIMARY KEY, processor text NOT NULL)',
          );
        }
      }, LONG);

      it('moves a checkpoint only from where it is (compare-and-set)', async () => {
        const database = subject.database;
        if (!database) {
          return;
        }
        const name = `cas-${randomUUID()}`;
        const p1 = { transactionId: '10', position: '5' };
        const p2 = { transactionId: '11', position: '9' };
        expect(await checkpoints.load(database, name)).toEqual(START_OF_LOG);
        await database.transaction((tx) => checkpoints.compareAndSet(tx, name, START_OF_LOG, p1));
        await expect(
          database.transaction((tx) => checkpoints.compareAndSet(tx, name, START_OF_LOG, p2)),
        ).rejects.toBeInstanceOf(CheckpointConflictError);
        expect(await checkpoints.load(database, name)).toEqual(p1);
        await database.transaction((tx) => checkpoints.compareAndSet(tx, name, p1, p2));
        expect(await checkpoints.load(database, name)).toEqual(p2);
        // A CAS that fails inside the effect's transaction rolls the effect back too.
        const effectId = randomUUID();
        await expect(
          database.transaction(async (tx) => {
            await tx.query(
              'INSERT INTO contract_projection (event_id, processor) VALUES ($1, $2)',
              [effectId, name],
            );
            await checkpoints.compareAndSet(tx, name, p1, p2);
          }),
        ).rejects.toBeInstanceOf(CheckpointConflictError);
        expect(
          await database.query('SELECT 1 FROM contract_projection WHERE event_id = $1', [effectId]),
        ).toEqual([]);
      });

      it(
        'resumes after a stop without losing or repeating events, and survives a failing batch',
        async () => {
          const database = subject.database;
          if (!database) {
            return;
          }
          const name = `projector-${randomUUID()}`;
          const prefix = `proj-${randomUUID()}`;
          const logged: string[] = [];
          const logger: ProcessorLogger = {
            log: (m) => logged.push(m),
            warn: (m) => logged.push(m),
            error: (m) => logged.push(m),
          };
          let failuresToInject = 1;
          const makeProcessor = (): EventProcessor<SqlQueryable> =>
            new EventProcessor<SqlQueryable>({
              name,
              store,
              batchSize: 7,
              idleWaitMs: 50,
              logger,
              retry: { initialMs: 10, maxMs: 50 },
              lock: subject.makeLock?.(),
              transaction: (fn) => database.transaction((tx) => fn(tx, tx)),
              handle: async (events, tx) => {
                for (const event of events.filter((e) => e.streamId.startsWith(prefix))) {
                  // The primary key turns any duplicate delivery into a failure the test sees.
                  await tx.query(
                    'INSERT INTO contract_projection (event_id, processor) VALUES ($1, $2)',
                    [event.eventId, name],
                  );
                }
                if (events.some((e) => e.streamId.startsWith(prefix)) && failuresToInject > 0) {
                  failuresToInject -= 1;
                  throw new Error('injected failure');
                }
              },
            });
          const appendSome = async (count: number): Promise<string[]> => {
            const ids: string[] = [];
            for (let i = 0; i < count; i++) {
              const event = anEvent({ i });
              await store.append(`${prefix}-${i % 3}`, [event], { expectedRevision: 'any' });
              ids.push(event.eventId);
            }
            return ids;
          };
          const handledIds = async (): Promise<string[]> =>
            (
              await database.query<{ event_id: string }>(
                'SELECT event_id::text AS event_id FROM contract_projection WHERE processor = $1',
                [name],
              )
            ).map((row) => row.event_id);

          const first = makeProcessor();
          first.start();
          const batch1 = await appendSome(20);
          await eventually(async () => expect((await handledIds()).length).toBe(20));
          await first.stop();
          expect(logged.some((m) => m.includes('failed a batch'))).toBe(true);

          const batch2 = await appendSome(15); // appended while no processor runs
          const second = makeProcessor();
          second.start();
          const batch3 = await appendSome(5);
          await eventually(async () => expect((await handledIds()).length).toBe(40));
          await second.stop();
          const third = makeProcessor();
          await third.catchUp(); // nothing new: must not repeat anything
          expect(new Set(await handledIds())).toEqual(new Set([...batch1, ...batch2, ...batch3]));
          expect(await checkpoints.load(database, name)).toEqual(third.checkpoint);
        },
        LONG,
      );

      itWithConcurrentSessions(
        'catches up past a transaction that is still running only once it has committed',
        async () => {
          const database = sqlDatabaseOf(subject);
          const name = `catch-up-${randomUUID()}`;
          const prefix = `catch-up-${randomUUID()}`;
          const handled: string[] = [];
          const processor = new EventProcessor<SqlQueryable>({
            name,
            store,
            lock: subject.makeLock?.(),
            transaction: (fn) => database.transaction((tx) => fn(tx, tx)),
            handle: async (events) => {
              handled.push(
                ...events.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.eventId),
              );
            },
          });
          await processor.catchUp();
          let caughtUp = false;
          const slowEventId = randomUUID();
          const fast = anEvent();
          let catchingUp: Promise<void> | undefined;
          await database.transaction(async (tx) => {
            // A transaction elsewhere holds the log's horizon back while an append commits.
            await tx.query('SELECT pg_current_xact_id()');
            await tx.query(
              `INSERT INTO es_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata)
             VALUES ($1::uuid, $2, 0, 'Slow', 1, '{}'::jsonb, '{}'::jsonb)`,
              [slowEventId, `${prefix}-slow`],
            );
            await store.append(`${prefix}-fast`, [fast], { expectedRevision: 'no_stream' });
            catchingUp = processor.catchUp().then(() => {
              caughtUp = true;
            });
            await sleepMs(300);
            expect(caughtUp).toBe(false); // it must not report "caught up" short of the append
            expect(handled).toEqual([]);
          });
          await catchingUp;
          expect(handled).toEqual([slowEventId, fast.eventId]);
        },
      );

      it('catches up at once after start(), under the lock its loop takes', async () => {
        const database = sqlDatabaseOf(subject);
        const handled: string[] = [];
        const prefix = `started-${randomUUID()}`;
        const processor = new EventProcessor<SqlQueryable>({
          name: `started-${randomUUID()}`,
          store,
          lock: subject.makeLock?.(),
          transaction: (fn) => database.transaction((tx) => fn(tx, tx)),
          handle: async (events) => {
            handled.push(
              ...events.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.eventId),
            );
          },
        });
        const event = anEvent();
        await store.append(`${prefix}-1`, [event], { expectedRevision: 'no_stream' });
        processor.start();
        try {
          // Not a lock of its own: the loop's, which it keeps until stop().
          await processor.catchUp();
          expect(handled).toEqual([event.eventId]);
        } finally {
          await processor.stop();
        }
      });

      it('catches up from a checkpoint moved ahead under it, applying nothing at or below it', async () => {
        const database = sqlDatabaseOf(subject);
        const name = `moved-${randomUUID()}`;
        const prefix = `moved-${randomUUID()}`;
        const handled: string[] = [];
        const processor = new EventProcessor<SqlQueryable>({
          name,
          store,
          lock: subject.makeLock?.(),
          transaction: (fn) => database.transaction((tx) => fn(tx, tx)),
          handle: async (events) => {
            handled.push(
              ...events.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.eventId),
            );
          },
        });
        const appendOne = async () =>
          (
            await store.append(`${prefix}-${randomUUID()}`, [anEvent()], {
              expectedRevision: 'no_stream',
            })
          ).events[0];
        const before = await appendOne();
        await processor.catchUp();
        const skipped = await appendOne();
        const after = await appendOne();
        // Set ahead by someone else (a rebuild): this instance still holds the old position.
        await database.transaction((q) =>
          new CheckpointStore().compareAndSet(
            q,
            name,
            processor.checkpoint!,
            skipped.globalPosition,
          ),
        );
        await processor.catchUp();
        expect(handled).toEqual([before.eventId, after.eventId]);
      });

      it('lets only one instance hold a processor lock at a time', async () => {
        const lock = subject.makeLock?.();
        if (!lock) {
          return;
        }
        const name = `lock-${randomUUID()}`;
        const held = await lock.acquire(name);
        expect(held).toBeDefined();
        const otherLock = subject.makeLock?.() ?? lock;
        const waiting = new AbortController();
        const second = otherLock.acquire(name, waiting.signal);
        await sleepMs(300);
        waiting.abort();
        expect(await second).toBeUndefined();
        await held?.release();
        const third = await otherLock.acquire(name, AbortSignal.timeout(10_000));
        expect(third).toBeDefined();
        await third?.release();
      });
    });
  });
}

// ------------------------------------------------------------------ helpers

function sqlDatabaseOf(subject: EventStoreContractSubject): SqlDatabase {
  if (!subject.database) {
    throw new Error('This contract test needs the SQL database behind the store');
  }
  return subject.database;
}

function aStream(): string {
  return `contract-${randomUUID()}`;
}

function anEvent(data: unknown = { at: Date.now() }, metadata?: NewEvent['metadata']): NewEvent {
  return { eventId: randomUUID(), type: 'ContractTested', schemaVersion: 1, data, metadata };
}

async function expectConflict(
  append: Promise<unknown>,
  actual: number | 'no_stream',
): Promise<void> {
  const error = await append.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StreamRevisionConflictError);
  expect((error as StreamRevisionConflictError).actual).toBe(actual);
}

/** The position after everything readable now. */
async function headOf(store: EventStore): Promise<GlobalPosition> {
  let position = START_OF_LOG;
  for (;;) {
    const page = await store.readAll(position, 10_000);
    if (page.events.length === 0) {
      return position;
    }
    position = page.checkpoint;
  }
}

function previous(position: GlobalPosition): GlobalPosition {
  return {
    transactionId: position.transactionId,
    position: (BigInt(position.position) - 1n).toString(),
  };
}

function isStrictlyIncreasing(positions: GlobalPosition[]): boolean {
  return positions.every((p, i) => i === 0 || compareGlobalPositions(positions[i - 1], p) < 0);
}

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
