// handleCommand with kept states: it reads only what came after the kept revision, and decides
// exactly as it would after reading the whole stream — also when someone else wrote meanwhile.
import { randomUUID } from 'node:crypto';
import type { EventStore } from './event-store.port';
import { handleCommand, LruStateCache } from './handle-command';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { PGliteDatabase } from './sql/pglite-database';
import { PGliteHost } from './sql/pglite-host';

/** A counter: each command adds one to the total it read. */
type Event = { type: 'Added'; data: { total: number } };
const counter = {
  initialState: () => 0,
  evolve: (_total: number, event: Event) => event.data.total,
  decide: (_command: 'add', total: number): Event[] => [
    { type: 'Added', data: { total: total + 1 } },
  ],
};

describe('handleCommand with kept states', () => {
  let database: PGliteDatabase;
  let store: EventStore;

  beforeAll(async () => {
    database = new PGliteDatabase(await PGliteHost.open(), { ownsHost: true });
    store = new PostgresEventStore(database);
    await (store as PostgresEventStore).ensureSchema();
  });
  afterAll(() => database.close());

  it('reads only the events after the kept revision, and counts as a full read would', async () => {
    const streamId = `counter-${randomUUID()}`;
    const states = new LruStateCache<number>(10);
    const reads: number[] = [];
    const spying: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: async (id: string, from?: number) => {
        reads.push(from ?? 0);
        return store.readStream(id, from);
      },
    });
    const add = () =>
      handleCommand(spying, streamId, counter, 'add', {
        metadata: {},
        states,
        retriesOnConflict: 3,
      });
    await add();
    await add();
    // Someone without the cache writes in between: the next command reads that event only.
    await handleCommand(store, streamId, counter, 'add', { metadata: {} });
    const result = await add();
    expect(result.state).toBe(4);
    expect(reads).toEqual([0, 1, 2]);
    expect(
      (await store.readStream(streamId)).map((e) => (e.data as { total: number }).total),
    ).toEqual([1, 2, 3, 4]);
  });

  it('forgets the least recently used stream beyond its capacity', () => {
    const states = new LruStateCache<number>(2);
    states.set('a', { state: 1, revision: 0 });
    states.set('b', { state: 1, revision: 0 });
    states.get('a');
    states.set('c', { state: 1, revision: 0 });
    expect([states.get('a'), states.get('b'), states.get('c')].map((e) => e !== undefined)).toEqual(
      [true, false, true],
    );
  });
});
