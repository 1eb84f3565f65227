// The one contract every MessageBus adapter must pass (ADR 0009: the in-process bus and the Kafka
// bus "pass one contract suite"): a subscriber applies every event of the log exactly once, in
// its own transaction, in order per stream and per municipality, independently of the other
// subscribers, across stops, restarts and failing handlers; idempotent effects run outside that
// transaction and lose nothing; a checkpoint set ahead of the subscriber (a rebuild's floor) is
// respected. Only what both adapters promise is asserted here: the Kafka bus keeps no order
// across municipalities, so nothing relies on one. Imported by specs only.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { eventually } from '@weerbaar/testing';
import {
  compareGlobalPositions,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
  type SqlDatabase,
  type SqlQueryable,
} from '@weerbaar/event-store';
import type { BusSubscription, MessageBus } from '../message-bus.port';

/** A fresh world for one test: an empty log, its database, and buses over it. */
export interface MessageBusContractEnvironment {
  /** The event store the bus carries; its log is empty. */
  store: EventStore;
  /** The store's database, where subscribers keep their effects and checkpoints. */
  database: SqlDatabase;
  /** A bus over the store: every call a new instance, as a restarted process would build it. */
  bus(): MessageBus;
  /** Releases what setup made; every subscription of the test is stopped before. */
  teardown(): Promise<void>;
}

export interface MessageBusContractOptions {
  /** Per test (default 60 s). */
  timeoutMs?: number;
}

const MUNICIPALITIES = ['GM0363', 'GM0599', 'GM0518', 'GM0344'] as const;

/** What a subscriber writes with: the transaction the bus opened through `transaction`. */
interface Tx {
  readonly id: number;
  readonly q: SqlQueryable;
}

interface AppliedRow {
  eventId: string;
  streamId: string;
  call: number;
}

/** A subscriber that records each event it applies, in the transaction it was handed. */
interface Subscriber {
  readonly name: string;
  readonly subscription: BusSubscription;
  /** Handler calls that failed (threw after writing their effect). */
  failures: number;
  /** Handler calls not inside a transaction of this subscriber: must stay 0. */
  outsideTransaction: number;
  /** Handler calls running right now. */
  inFlight: number;
  /** Every event handed to the handler, in order, including attempts that rolled back. */
  readonly handed: RecordedEvent[];
}

interface SubscriberOptions {
  /** Default: the test's bus. */
  bus?: MessageBus;
  batchSize?: number;
  /** Runs in the transaction after the batch's effect was written: throw to fail the batch. */
  afterWrite?: (events: RecordedEvent[]) => Promise<void>;
}

/**
 * Appends to a few streams per municipality (the first event of each names it, as a signal's
 * facts do; later ones do not, as amendments) and to streams that name none, sometimes two events
 * in one append; every few appends a new stream begins.
 */
class TestLog {
  readonly events: RecordedEvent[] = [];
  private readonly streams: { id: string; municipality?: string; revision?: number }[] = [];
  private readonly municipalityOf = new Map<string, string | undefined>();
  private appends = 0;

  constructor(private readonly store: EventStore) {
    for (const municipality of [...MUNICIPALITIES, ...MUNICIPALITIES])
      this.openStream(municipality);
    this.openStream(undefined);
    this.openStream(undefined);
  }

  /** The municipality an event's stream is about (named by its first event), if any. */
  municipality(event: RecordedEvent): string | undefined {
    return this.municipalityOf.get(event.streamId);
  }

  /** The `n` of the next append's events: each append's events carry the number of the append. */
  get nextAppend(): number {
    return this.appends;
  }

  async append(count: number): Promise<RecordedEvent[]> {
    const appended: RecordedEvent[] = [];
    while (appended.length < count) {
      const i = this.appends++;
      if (i % 5 === 4) this.openStream(MUNICIPALITIES[i % MUNICIPALITIES.length]);
      const stream = this.streams[i % this.streams.length];
      const size = Math.min(i % 3 === 0 ? 2 : 1, count - appended.length);
      const events: NewEvent[] = [];
      for (let k = 0; k < size; k++) {
        const revision = (stream.revision ?? -1) + 1 + k;
        events.push({
          eventId: randomUUID(),
          type: revision === 0 ? 'ContractStreamOpened' : 'ContractStreamAmended',
          schemaVersion: 1,
          data:
            revision === 0 && stream.municipality
              ? { municipality: stream.municipality, n: i }
              : { n: i },
          metadata: { actor: 'contract', correlationId: `c-${i}` },
        });
      }
      const result = await this.store.append(stream.id, events, {
        expectedRevision: stream.revision ?? 'no_stream',
      });
      stream.revision = result.nextExpectedRevision;
      appended.push(...result.events);
    }
    this.events.push(...appended);
    return appended;
  }

  private openStream(municipality: string | undefined): void {
    const id = `${municipality ? 'case' : 'note'}-${randomUUID()}`;
    this.streams.push({ id, municipality });
    this.municipalityOf.set(id, municipality);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Which append of the TestLog an event came from. */
const appendOf = (event: RecordedEvent) => (event.data as { n: number }).n;

const byPosition = (a: RecordedEvent, b: RecordedEvent) =>
  compareGlobalPositions(a.globalPosition, b.globalPosition);

export function describeMessageBusContract(
  adapterName: string,
  setup: () => Promise<MessageBusContractEnvironment>,
  options: MessageBusContractOptions = {},
): void {
  const timeout = options.timeoutMs ?? 60_000;

  describe(`MessageBus contract: ${adapterName}`, () => {
    let env: MessageBusContractEnvironment;
    let teardown: (() => Promise<void>) | undefined;
    let bus: MessageBus;
    let log: TestLog;
    let subscriptions: BusSubscription[] = [];
    const openTransactions = new Set<number>();
    let transactions = 0;
    let calls = 0;

    beforeEach(async () => {
      teardown = undefined;
      subscriptions = [];
      env = await setup();
      teardown = () => env.teardown();
      bus = env.bus();
      log = new TestLog(env.store);
      await env.database.query(`CREATE TABLE bus_contract_applied (
        seq bigserial PRIMARY KEY,
        subscriber text NOT NULL,
        event_id uuid NOT NULL,
        stream_id text NOT NULL,
        call integer NOT NULL,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id()
      )`);
      await env.database.query(`CREATE TABLE bus_contract_effects (
        subscriber text NOT NULL,
        event_id uuid NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        PRIMARY KEY (subscriber, event_id)
      )`);
    }, timeout);

    afterEach(async () => {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await teardown?.();
    }, timeout);

    /** The subscriber's `transaction`: a transaction of the database, known open while it runs. */
    const transaction = <T>(fn: (tx: Tx, q: SqlQueryable) => Promise<T>): Promise<T> =>
      env.database.transaction(async (q) => {
        const tx: Tx = { id: ++transactions, q };
        openTransactions.add(tx.id);
        try {
          return await fn(tx, q);
        } finally {
          openTransactions.delete(tx.id);
        }
      });

    const uniqueName = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

    function subscriber(name: string, options: SubscriberOptions = {}): Subscriber {
      const state = {
        name,
        failures: 0,
        outsideTransaction: 0,
        inFlight: 0,
        handed: [] as RecordedEvent[],
      };
      const subscription = (options.bus ?? bus).subscribe<Tx>({
        name,
        transaction,
        batchSize: options.batchSize ?? 7,
        handle: async (events, tx) => {
          state.inFlight++;
          try {
            state.handed.push(...events);
            if (!tx || !openTransactions.has(tx.id)) {
              state.outsideTransaction++;
              throw new Error(`${name} was handed a batch outside its transaction`);
            }
            const call = ++calls;
            for (const event of events) {
              await tx.q.query(
                `INSERT INTO bus_contract_applied (subscriber, event_id, stream_id, call)
                 VALUES ($1, $2, $3, $4)`,
                [name, event.eventId, event.streamId, call],
              );
            }
            try {
              await options.afterWrite?.(events);
            } catch (error) {
              state.failures++;
              throw error;
            }
          } finally {
            state.inFlight--;
          }
        },
      });
      subscriptions.push(subscription);
      return Object.assign(state, { subscription });
    }

    async function applied(name: string): Promise<AppliedRow[]> {
      return env.database.query<AppliedRow>(
        `SELECT event_id::text AS "eventId", stream_id AS "streamId", call
         FROM bus_contract_applied WHERE subscriber = $1 ORDER BY seq`,
        [name],
      );
    }

    /** Exactly `expected` applied, each once (the lists say what is wrong otherwise). */
    async function expectAppliedOnce(name: string, expected: RecordedEvent[]): Promise<void> {
      const ids = (await applied(name)).map((row) => row.eventId);
      const times = new Map<string, number>();
      for (const id of ids) times.set(id, (times.get(id) ?? 0) + 1);
      const wanted = new Set(expected.map((event) => event.eventId));
      expect({
        twice: [...times].filter(([, n]) => n > 1).map(([id]) => id),
        missing: [...wanted].filter((id) => !times.has(id)),
        unexpected: [...times.keys()].filter((id) => !wanted.has(id)),
      }).toEqual({ twice: [], missing: [], unexpected: [] });
    }

    /** Sets a subscriber's own checkpoint (its floor), as a rebuild of its tables does. */
    async function setCheckpoint(name: string, position: GlobalPosition): Promise<void> {
      await env.database.query(
        `INSERT INTO processor_checkpoints (name, transaction_id, position)
         VALUES ($1, $2::text::xid8, $3::text::bigint)
         ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
           position = EXCLUDED.position, updated_at = now()`,
        [name, position.transactionId, position.position],
      );
    }

    /**
     * catchUp() until it resolves: while a handler fails, an adapter may reject it (the in-process
     * bus does) or keep waiting (the Kafka bus does); either is fine, a wrong result is not.
     */
    async function catchUpDespiteFailures(subscription: BusSubscription): Promise<void> {
      const deadline = Date.now() + timeout / 2;
      for (;;) {
        try {
          await subscription.catchUp();
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await sleep(50);
        }
      }
    }

    it(
      'applies every event exactly once, in the handler’s transaction; catchUp() waits for all appended before it',
      async () => {
        const name = uniqueName('projector');
        // A slow handler: a catchUp() that returned before its events were applied would show.
        const s = subscriber(name, { afterWrite: () => sleep(10) });
        const first = await log.append(30);
        await s.subscription.catchUp(); // not started: catchUp() alone applies them
        await expectAppliedOnce(name, first);

        const second = await log.append(10);
        s.subscription.start();
        await s.subscription.catchUp(); // at once after start()
        await expectAppliedOnce(name, [...first, ...second]);

        await log.append(12);
        await s.subscription.catchUp(); // while running
        await expectAppliedOnce(name, log.events);
        await s.subscription.catchUp(); // nothing new: nothing repeated
        await expectAppliedOnce(name, log.events);

        // Handed as recorded, each once, each batch in one transaction of the subscriber.
        expect([...s.handed].sort(byPosition)).toEqual([...log.events].sort(byPosition));
        expect(s.outsideTransaction).toBe(0);
        const transactionsPerCall = await env.database.query<{ call: number; n: string }>(
          `SELECT call, count(DISTINCT xid)::text AS n FROM bus_contract_applied
           WHERE subscriber = $1 GROUP BY call HAVING count(DISTINCT xid) <> 1`,
          [name],
        );
        expect(transactionsPerCall).toEqual([]);
      },
      timeout,
    );

    it(
      'applies the events of a stream, and of the streams of a municipality, in append order',
      async () => {
        const name = uniqueName('ordered');
        const s = subscriber(name, { batchSize: 5 });
        await log.append(25);
        s.subscription.start();
        await log.append(25); // appended while it runs
        await s.subscription.catchUp();
        await expectAppliedOnce(name, log.events);

        const rows = await applied(name);
        const event = new Map(log.events.map((e) => [e.eventId, e]));
        const appliedEvents = rows.map((row) => event.get(row.eventId)!);
        const inLogOrder = [...log.events].sort(byPosition);
        const streams = new Set(log.events.map((e) => e.streamId));
        expect(streams.size).toBeGreaterThan(MUNICIPALITIES.length + 2);
        for (const stream of streams) {
          const order = (events: RecordedEvent[]) =>
            events.filter((e) => e.streamId === stream).map((e) => e.streamRevision);
          expect({ stream, order: order(appliedEvents) }).toEqual({
            stream,
            order: order(inLogOrder),
          });
        }
        for (const municipality of MUNICIPALITIES) {
          const order = (events: RecordedEvent[]) =>
            events.filter((e) => log.municipality(e) === municipality).map((e) => e.eventId);
          const ofMunicipality = new Set(order(inLogOrder).map((id) => event.get(id)!.streamId));
          expect(ofMunicipality.size).toBeGreaterThanOrEqual(2);
          expect({ municipality, order: order(appliedEvents) }).toEqual({
            municipality,
            order: order(inLogOrder),
          });
        }
      },
      timeout,
    );

    it(
      'gives two subscribers with different names everything, each on its own',
      async () => {
        const broken = { value: true };
        const failing = subscriber(uniqueName('notifier'), {
          afterWrite: async () => {
            if (broken.value) throw new Error('notifier is down');
          },
        });
        const other = subscriber(uniqueName('projector'));
        failing.subscription.start();
        const first = await log.append(20);
        // One subscriber failing holds the other back in nothing.
        await other.subscription.catchUp();
        await expectAppliedOnce(other.name, first);
        await eventually(async () => expect(failing.failures).toBeGreaterThan(0));
        await expectAppliedOnce(failing.name, []);

        broken.value = false;
        await catchUpDespiteFailures(failing.subscription);
        await expectAppliedOnce(failing.name, first);
        await expectAppliedOnce(other.name, first);

        other.subscription.start();
        await log.append(10);
        await Promise.all([failing.subscription.catchUp(), other.subscription.catchUp()]);
        await expectAppliedOnce(failing.name, log.events);
        await expectAppliedOnce(other.name, log.events);
      },
      timeout,
    );

    it(
      'resumes after stop() and start(), and after a restart, without repeating or skipping',
      async () => {
        const name = uniqueName('restarting');
        const s = subscriber(name, { batchSize: 3, afterWrite: () => sleep(15) });
        s.subscription.start();
        await log.append(15);
        await s.subscription.catchUp();
        await expectAppliedOnce(name, log.events);

        await s.subscription.stop();
        await log.append(10);
        await sleep(500); // a stopped subscription applies nothing
        expect(await applied(name)).toHaveLength(15);
        s.subscription.start();
        await log.append(5);
        await s.subscription.catchUp();
        await expectAppliedOnce(name, log.events);

        // Stopped in the middle of the work: stop() waits for the batch in hand, then nothing.
        await log.append(30);
        await eventually(async () => expect((await applied(name)).length).toBeGreaterThan(30));
        await s.subscription.stop();
        expect(s.inFlight).toBe(0);
        const atStop = (await applied(name)).length;
        await sleep(300);
        expect(await applied(name)).toHaveLength(atStop);

        // A new process: a new bus, a new subscription under the same name.
        await log.append(5);
        const restarted = subscriber(name, { bus: env.bus(), batchSize: 3 });
        restarted.subscription.start();
        await log.append(5);
        await restarted.subscription.catchUp();
        await expectAppliedOnce(name, log.events);
      },
      timeout,
    );

    it(
      'rolls back a failing handler’s effect and position, and applies its events once after it recovers',
      async () => {
        const name = uniqueName('flaky');
        const broken = { value: true };
        const poisonAppend = log.nextAppend + 8;
        const isPoison = (event: RecordedEvent) => appendOf(event) === poisonAppend;
        const s = subscriber(name, {
          afterWrite: async (events) => {
            if (broken.value && events.some(isPoison)) {
              throw new Error('the handler fails on this event');
            }
          },
        });
        s.subscription.start();
        await log.append(20);
        const poison = log.events.filter(isPoison).map((e) => e.eventId);
        expect(poison.length).toBeGreaterThan(0);
        await eventually(async () => expect(s.failures).toBeGreaterThanOrEqual(2));
        // It wrote the poison's effect before it threw, twice at least: none of it stayed.
        expect(s.handed.filter(isPoison).length).toBeGreaterThan(poison.length);
        const before = (await applied(name)).map((row) => row.eventId);
        expect(poison.filter((id) => before.includes(id))).toEqual([]);

        broken.value = false;
        await catchUpDespiteFailures(s.subscription);
        await expectAppliedOnce(name, log.events);
        await log.append(5);
        await s.subscription.catchUp();
        await expectAppliedOnce(name, log.events);
      },
      timeout,
    );

    it(
      'with idempotentEffects, runs the handler outside the transaction and commits its after-effects with the position, losing nothing',
      async () => {
        const name = uniqueName('rules');
        const broken = { value: true };
        const poisonAppend = log.nextAppend + 9;
        const isPoison = (event: RecordedEvent) => appendOf(event) === poisonAppend;
        const handledOutside: boolean[] = [];
        let afterEffectFailures = 0;
        const subscribe = (on: MessageBus) =>
          on.subscribe<Tx>({
            name,
            transaction,
            batchSize: 6,
            idempotentEffects: true,
            handle: async (events, tx) => {
              handledOutside.push(tx === undefined && openTransactions.size === 0);
              // The idempotent effect: committed at once, on its own, however often it runs.
              for (const event of events) {
                await env.database.query(
                  `INSERT INTO bus_contract_effects (subscriber, event_id) VALUES ($1, $2)
                   ON CONFLICT (subscriber, event_id)
                   DO UPDATE SET attempts = bus_contract_effects.attempts + 1`,
                  [name, event.eventId],
                );
              }
              const call = ++calls;
              // State that must move with the position, exactly once.
              return async (after: Tx) => {
                if (!openTransactions.has(after.id)) throw new Error('after-effect outside');
                for (const event of events) {
                  await after.q.query(
                    `INSERT INTO bus_contract_applied (subscriber, event_id, stream_id, call)
                     VALUES ($1, $2, $3, $4)`,
                    [name, event.eventId, event.streamId, call],
                  );
                }
                if (broken.value && events.some(isPoison)) {
                  afterEffectFailures++;
                  throw new Error('the after-effect fails on this event');
                }
              };
            },
          });
        const s = subscribe(bus);
        subscriptions.push(s);
        s.start();
        await log.append(20);
        const poison = log.events.filter(isPoison).map((e) => e.eventId);
        expect(poison.length).toBeGreaterThan(0);
        await eventually(async () => expect(afterEffectFailures).toBeGreaterThanOrEqual(2));
        const effects = async () =>
          new Map(
            (
              await env.database.query<{ event_id: string; attempts: number }>(
                `SELECT event_id::text AS event_id, attempts FROM bus_contract_effects
                 WHERE subscriber = $1`,
                [name],
              )
            ).map((row) => [row.event_id, row.attempts]),
          );
        // The effect ran, outside the transaction that failed; the state did not stay.
        const effectsWhileBroken = await effects();
        expect(Math.min(...poison.map((id) => effectsWhileBroken.get(id) ?? 0))).toBeGreaterThan(1);
        const stateWhileBroken = (await applied(name)).map((row) => row.eventId);
        expect(poison.filter((id) => stateWhileBroken.includes(id))).toEqual([]);

        broken.value = false;
        await catchUpDespiteFailures(s);
        await expectAppliedOnce(name, log.events);

        // After a restart too.
        await s.stop();
        await log.append(8);
        const restarted = subscribe(env.bus());
        subscriptions.push(restarted);
        await restarted.catchUp();
        await expectAppliedOnce(name, log.events);
        const done = await effects();
        expect(log.events.filter((e) => !done.has(e.eventId)).map((e) => e.eventId)).toEqual([]);
        expect(handledOutside.length).toBeGreaterThan(0);
        expect(handledOutside.filter((outside) => !outside)).toEqual([]);
      },
      timeout,
    );

    it(
      'applies nothing at or below its own checkpoint set ahead (a rebuild’s floor)',
      async () => {
        const name = uniqueName('rebuilt');
        const appendInOrder = async (count: number) =>
          [...(await log.append(count))].sort(byPosition);
        const first = await appendInOrder(20);
        await setCheckpoint(name, first[7].globalPosition);
        const s = subscriber(name);
        await s.subscription.catchUp();
        await expectAppliedOnce(name, first.slice(8));

        // Moved ahead under the same subscription, after it applied some: it goes on from there.
        const second = await appendInOrder(10);
        await setCheckpoint(name, second[4].globalPosition);
        await s.subscription.catchUp();
        await expectAppliedOnce(name, [...first.slice(8), ...second.slice(5)]);

        // Moved ahead again while no instance runs; a new one starts after it.
        const third = await appendInOrder(10);
        await setCheckpoint(name, third[6].globalPosition);
        const restarted = subscriber(name, { bus: env.bus() });
        restarted.subscription.start();
        await restarted.subscription.catchUp();
        await expectAppliedOnce(name, [...first.slice(8), ...second.slice(5), ...third.slice(7)]);
      },
      timeout,
    );
  });
}
