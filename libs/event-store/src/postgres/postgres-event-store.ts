// The EventStore on PostgreSQL, the same code on a server (node-postgres) and embedded (PGlite):
// per-stream optimistic concurrency, idempotent append by event id, a global log ordered by
// (xid8, position) that readers tail below the oldest running transaction, and group commit.
import {
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type NewEvent,
  type NewStreamAppend,
  type ReadAllResult,
  type RecordedEvent,
  START_OF_LOG,
} from '../event-store.port';
import { EventIdConflictError, InvalidAppendError, StreamRevisionConflictError } from '../errors';
import {
  constraintOf,
  SqlState,
  sqlStateOf,
  type SqlDatabase,
  type SqlQueryable,
} from '../sql/sql-database';
import { Upcasting, type UpcasterRegistry } from '../upcasting';
import { ensureEventStoreSchema } from './schema';

export interface PostgresEventStoreOptions {
  /** Upcasters applied on every read; stored events are never rewritten. */
  upcasting?: UpcasterRegistry;
  /**
   * Group statements in flight at once (default 2 on a server, 1 on PGlite, which has one
   * session). Appends that arrive while groups run are gathered into the next group.
   */
  maxConcurrentGroups?: number;
  /**
   * A further group starts while one is in flight only when at least this many events wait
   * (default 256). Small appends are latency-bound: on a busy 2-core server one group of 16
   * beats two of 8, each statement having the same fixed cost. Bulk imports are CPU-bound and
   * gain from a second core.
   */
  parallelGroupMinEvents?: number;
  /** Events per group transaction; one larger append still goes alone (default 5,000). */
  maxGroupEvents?: number;
  /**
   * Channel NOTIFYed on every committed append (default `weerbaar_events`); '' sends none, and
   * readers in other processes then only poll.
   */
  notifyChannel?: string;
  /** Close the SqlDatabase when the store is closed (default false: it belongs to the caller). */
  ownsDatabase?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_NOTIFY_CHANNEL = 'weerbaar_events';
const MAX_WRITE_ATTEMPTS = 6;

interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

interface PendingAppend {
  streamId: string;
  expected: ExpectedRevision;
  events: PreparedEvent[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type GroupOutcome =
  { kind: 'written'; result: AppendResult } | { kind: 'conflict'; actual: number | 'no_stream' };

interface EventRow {
  position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_revision: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata | null;
  recorded_at: Date | string;
}

const EVENT_COLUMNS = `position::text AS position, transaction_id::text AS transaction_id,
  event_id::text AS event_id, stream_id, stream_revision::text AS stream_revision, type,
  schema_version, data, metadata, recorded_at`;

// One statement appends a whole group, so a group costs one round trip and one commit (it runs
// as its own transaction). Per append: lock its stream row (in stream-id order, so two groups
// never deadlock), check the expectation against the latest committed revision, and only for
// those that pass create or advance the stream and insert the events. A failed expectation is a
// row in the result, not an error, so it never aborts the other appends of the group.
// Values travel as text/number arrays cast in SQL, and data and metadata as one JSON array each
// (one string per group, nothing to escape twice), so node-postgres and PGlite serialise them the
// same way; ROWS FROM zips them by ordinal and ORDER BY ord makes positions follow append order.
// The result is one row per append (its positions as an array: the transaction id and the clock
// are the statement's own), which keeps a 1,000-event import from shipping 1,000 rows back. The
// NOTIFY is delivered at commit.
const APPEND_GROUP_SQL = `WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::integer[])
      WITH ORDINALITY AS i(stream_id, kind, expected, n, ord)
  ), locked AS (
    SELECT s.stream_id, s.revision FROM es_streams AS s
    WHERE s.stream_id = ANY($1::text[]) ORDER BY s.stream_id FOR UPDATE
  ), decided AS (
    SELECT i.ord, i.stream_id, i.n, l.revision AS current,
      CASE i.kind
        WHEN 'any' THEN true
        WHEN 'no_stream' THEN l.revision IS NULL
        WHEN 'exists' THEN l.revision IS NOT NULL
        ELSE l.revision IS NOT DISTINCT FROM i.expected
      END AS ok
    FROM input AS i LEFT JOIN locked AS l ON l.stream_id = i.stream_id
  ), created AS (
    INSERT INTO es_streams (stream_id, revision)
    SELECT d.stream_id, d.n - 1 FROM decided AS d WHERE d.ok AND d.current IS NULL ORDER BY d.stream_id
  ), advanced AS (
    UPDATE es_streams AS s SET revision = d.current + d.n
    FROM decided AS d WHERE d.ok AND d.current IS NOT NULL AND s.stream_id = d.stream_id
  ), appended AS (
    INSERT INTO es_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata)
    SELECT e.event_id::uuid, d.stream_id, coalesce(d.current, -1) + e.offs, e.type,
           e.schema_version, e.data, e.metadata
    FROM ROWS FROM (
        unnest($5::integer[]), unnest($6::integer[]), unnest($7::text[]), unnest($8::text[]),
        unnest($9::integer[]), jsonb_array_elements($10::text::jsonb),
        jsonb_array_elements($11::text::jsonb)
      ) WITH ORDINALITY AS e(append_ord, offs, event_id, type, schema_version, data, metadata, ord)
    JOIN decided AS d ON d.ord = e.append_ord
    WHERE d.ok
    ORDER BY e.ord
    RETURNING stream_id, stream_revision, position
  ), notified AS (
    SELECT pg_notify($12, '') WHERE $12 <> '' AND EXISTS (SELECT 1 FROM decided WHERE ok)
  ), positions AS (
    SELECT a.stream_id, array_agg(a.position ORDER BY a.stream_revision) AS positions
    FROM appended AS a GROUP BY a.stream_id
  )
  SELECT d.ord::integer AS ord, d.ok, d.current::text AS current,
         CASE WHEN d.ok THEN pg_current_xact_id()::text END AS transaction_id,
         CASE WHEN d.ok THEN now() END AS recorded_at,
         p.positions::text[] AS positions
  FROM decided AS d
  LEFT JOIN positions AS p ON p.stream_id = d.stream_id
  LEFT JOIN notified ON true`;

// The bulk path for new streams (appendNewStreams): one statement, its own transaction, creates
// every stream of the batch that does not exist yet (in stream-id order, like the group
// statement's locks, so concurrent writers cannot deadlock on them) and inserts the events of
// exactly those, positions in the batch's order. A stream that exists, or that a concurrent
// transaction creates first, is left out (ON CONFLICT waits for that transaction and then does
// nothing): it is answered by the usual append path, which tells a repeat from a conflict. One
// row comes back: the transaction id and clock, and per inserted event its entry's ordinal and
// its position.
const APPEND_NEW_STREAMS_SQL = `WITH input AS (
    SELECT * FROM unnest($1::text[], $2::integer[]) WITH ORDINALITY AS i(stream_id, n, ord)
  ), created AS (
    INSERT INTO es_streams (stream_id, revision)
    SELECT i.stream_id, i.n - 1 FROM input AS i ORDER BY i.stream_id
    ON CONFLICT (stream_id) DO NOTHING
    RETURNING stream_id
  ), appended AS (
    INSERT INTO es_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata)
    SELECT e.event_id::uuid, i.stream_id, e.offs - 1, e.type, e.schema_version, e.data, e.metadata
    FROM ROWS FROM (
        unnest($3::integer[]), unnest($4::integer[]), unnest($5::text[]), unnest($6::text[]),
        unnest($7::integer[]), jsonb_array_elements($8::text::jsonb),
        jsonb_array_elements($9::text::jsonb)
      ) WITH ORDINALITY AS e(append_ord, offs, event_id, type, schema_version, data, metadata, ord)
    JOIN input AS i ON i.ord = e.append_ord
    JOIN created AS c ON c.stream_id = i.stream_id
    ORDER BY e.ord
    RETURNING stream_id, stream_revision, position
  ), notified AS (
    SELECT pg_notify($10, '') WHERE $10 <> '' AND EXISTS (SELECT 1 FROM created)
  )
  SELECT pg_current_xact_id()::text AS transaction_id, now() AS recorded_at,
    (SELECT array_agg(i.ord ORDER BY a.position) FROM appended AS a JOIN input AS i USING (stream_id))::integer[] AS ords,
    (SELECT array_agg(a.position ORDER BY a.position) FROM appended AS a)::text[] AS positions
  FROM (SELECT 1) AS one LEFT JOIN notified ON true`;

// The stored counterparts of an append's events, in the append's order, and whether each one
// has the same content (stream, type, version, data, metadata; jsonb equality ignores key order).
const FIND_STORED_SQL = `SELECT n.ord::integer AS ord, e.position::text AS position,
    e.transaction_id::text AS transaction_id, e.event_id::text AS event_id, e.stream_id,
    e.stream_revision::text AS stream_revision, e.type, e.schema_version, e.data, e.metadata,
    e.recorded_at,
    (e.stream_id = $2 AND e.type = n.type AND e.schema_version = n.schema_version
      AND e.data = n.data::jsonb AND e.metadata = n.metadata::jsonb) AS same
  FROM unnest($1::text[], $3::text[], $4::integer[], $5::text[], $6::text[])
    WITH ORDINALITY AS n(event_id, type, schema_version, data, metadata, ord)
  LEFT JOIN es_events AS e ON e.event_id = n.event_id::uuid
  ORDER BY n.ord`;

// Only below the oldest transaction still running: everything there has committed or aborted,
// so no event can later appear before a position a reader has passed.
const READ_ALL_SQL = `SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE (es_events.transaction_id, es_events.position) > ($1::text::xid8, $2::text::bigint)
    AND es_events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY es_events.transaction_id, es_events.position
  LIMIT $3`;

// The table's columns again (see READ_STREAM_SQL): ordered by the text alias, the newest event
// of a transaction that crosses a power of ten was missed ('99' > '100'), and the sort read every
// event instead of one index entry.
const HEAD_POSITION_SQL = `SELECT transaction_id::text AS "transactionId", position::text AS position
  FROM es_events ORDER BY es_events.transaction_id DESC, es_events.position DESC LIMIT 1`;

// ORDER BY names the table's columns: the select list has text aliases of the same names, and
// ORDER BY would otherwise sort by those (as text: '100' before '89').
const READ_STREAM_SQL = `SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE stream_id = $1 AND es_events.stream_revision >= $2 ORDER BY es_events.stream_revision`;

export class PostgresEventStore implements EventStore {
  private readonly upcasting: Upcasting;
  private readonly maxConcurrentGroups: number;
  private readonly maxGroupEvents: number;
  private readonly parallelGroupMinEvents: number;
  private readonly notifyChannel: string;

  private readonly queue: PendingAppend[] = [];
  private queuedEvents = 0;
  private readonly streamsInFlight = new Set<string>();
  private groupsInFlight = 0;
  private drained: (() => void) | undefined;

  private readonly waiters = new Set<() => void>();
  private listening: Promise<(() => Promise<void>) | undefined> | undefined;
  private closed = false;

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.upcasting = new Upcasting(options.upcasting);
    this.maxConcurrentGroups = options.maxConcurrentGroups ?? (db.kind === 'pglite' ? 1 : 2);
    this.parallelGroupMinEvents = options.parallelGroupMinEvents ?? 256;
    this.maxGroupEvents = options.maxGroupEvents ?? 5_000;
    this.notifyChannel = options.notifyChannel ?? DEFAULT_NOTIFY_CHANNEL;
  }

  /** Creates or upgrades the tables; idempotent. */
  ensureSchema(): Promise<void> {
    return ensureEventStoreSchema(this.db);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.closed) {
      throw new Error('The event store is closed');
    }
    validateExpectedRevision(options.expectedRevision);
    const prepared = prepareEvents(streamId, events);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({
        streamId,
        expected: options.expectedRevision,
        events: prepared,
        resolve,
        reject,
      });
      this.queuedEvents += prepared.length;
      this.pump();
    });
  }

  async appendNewStreams(
    appends: readonly NewStreamAppend[],
  ): Promise<Array<AppendResult | Error>> {
    if (this.closed) {
      throw new Error('The event store is closed');
    }
    const outcomes: Array<AppendResult | Error | undefined> = new Array<
      AppendResult | Error | undefined
    >(appends.length);
    // Entries the bulk statement takes: valid, the first of their stream in this call.
    const bulk: Array<{ index: number; streamId: string; events: PreparedEvent[] }> = [];
    // Entries the usual append path answers, after the bulk statement (later entries of a
    // stream, and the streams that turn out to exist): as concurrent no_stream appends would be.
    const usual: number[] = [];
    const streams = new Set<string>();
    appends.forEach(({ streamId, events }, index) => {
      try {
        const prepared = prepareEvents(streamId, events);
        if (streams.has(streamId)) {
          usual.push(index);
        } else {
          streams.add(streamId);
          bulk.push({ index, streamId, events: prepared });
        }
      } catch (error) {
        outcomes[index] = error instanceof Error ? error : new Error(String(error));
      }
    });
    for (let from = 0; from < bulk.length;) {
      let to = from;
      let events = 0;
      while (
        to < bulk.length &&
        (to === from || events + bulk[to].events.length <= this.maxGroupEvents)
      ) {
        events += bulk[to].events.length;
        to += 1;
      }
      const chunk = bulk.slice(from, to);
      const written = await this.writeNewStreams(chunk);
      chunk.forEach((entry, offset) => {
        const result = written[offset];
        if (result === undefined) usual.push(entry.index);
        else outcomes[entry.index] = result;
      });
      from = to;
    }
    usual.sort((a, b) => a - b);
    await Promise.all(
      usual.map((index) =>
        this.append(appends[index].streamId, appends[index].events, {
          expectedRevision: 'no_stream',
        }).then(
          (result) => (outcomes[index] = result),
          (error: unknown) =>
            (outcomes[index] = error instanceof Error ? error : new Error(String(error))),
        ),
      ),
    );
    return outcomes as Array<AppendResult | Error>;
  }

  /**
   * One bulk statement: the results of the entries whose streams it created, undefined for the
   * others (the stream exists), or undefined for all when the statement failed on something
   * the usual path sorts out per append (an event id stored in another stream, a deadlock).
   */
  private async writeNewStreams(
    chunk: ReadonlyArray<{ streamId: string; events: PreparedEvent[] }>,
  ): Promise<Array<AppendResult | undefined>> {
    const streamIds: string[] = [];
    const counts: number[] = [];
    const appendOrds: number[] = [];
    const offsets: number[] = [];
    const eventIds: string[] = [];
    const types: string[] = [];
    const versions: number[] = [];
    const data: unknown[] = [];
    const metadata: unknown[] = [];
    chunk.forEach((entry, index) => {
      streamIds.push(entry.streamId);
      counts.push(entry.events.length);
      entry.events.forEach((event, offset) => {
        appendOrds.push(index + 1);
        offsets.push(offset + 1);
        eventIds.push(event.eventId);
        types.push(event.type);
        versions.push(event.schemaVersion);
        data.push(event.data);
        metadata.push(event.metadata);
      });
    });
    this.groupsInFlight += 1; // close() waits for it like for a group
    let row: {
      transaction_id: string;
      recorded_at: Date | string;
      ords: number[] | null;
      positions: string[] | null;
    };
    try {
      [row] = await this.db.query(APPEND_NEW_STREAMS_SQL, [
        streamIds,
        counts,
        appendOrds,
        offsets,
        eventIds,
        types,
        versions,
        JSON.stringify(data),
        JSON.stringify(metadata),
        this.notifyChannel,
      ]);
    } catch (error) {
      const state = sqlStateOf(error);
      if (
        state === SqlState.uniqueViolation ||
        state === SqlState.deadlockDetected ||
        state === SqlState.serializationFailure
      ) {
        return chunk.map(() => undefined);
      }
      throw error;
    } finally {
      this.groupsInFlight -= 1;
      this.pump();
      if (this.drained && this.groupsInFlight === 0 && this.queue.length === 0) {
        this.drained();
      }
    }
    const ords = row.ords ?? [];
    const positions = row.positions ?? [];
    if (ords.length > 0) this.wakeWaiters();
    const recordedAt = toDate(row.recorded_at);
    const results: Array<AppendResult | undefined> = new Array<AppendResult | undefined>(
      chunk.length,
    );
    // Events come back in position order, which is the chunk's order: an entry's events are
    // consecutive, in revision order.
    for (let at = 0; at < ords.length;) {
      const index = Number(ords[at]) - 1;
      const entry = chunk[index];
      const events = this.recordedEvents(
        entry.streamId,
        entry.events,
        0,
        row.transaction_id,
        positions.slice(at, at + entry.events.length),
        recordedAt,
      );
      results[index] = { nextExpectedRevision: events.length - 1, alreadyStored: false, events };
      at += entry.events.length;
    }
    return results;
  }

  /** The events of one append as stored: upcast, with their revisions and positions. */
  private recordedEvents(
    streamId: string,
    events: readonly PreparedEvent[],
    firstRevision: number,
    transactionId: string,
    positions: readonly unknown[],
    recordedAt: Date,
  ): RecordedEvent[] {
    return events.map((event, offset): RecordedEvent => {
      const upcast = this.upcasting.upcast(
        event.type,
        event.schemaVersion,
        event.data,
        event.metadata,
      );
      return {
        eventId: event.eventId,
        streamId,
        streamRevision: firstRevision + offset,
        globalPosition: { transactionId, position: String(positions[offset]) },
        type: event.type,
        schemaVersion: upcast.schemaVersion,
        data: upcast.data,
        metadata: event.metadata,
        recordedAt,
      };
    });
  }

  /** How many events the log holds (progress of rebuilds; not part of the port). */
  async countEvents(): Promise<number> {
    const [row] = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM es_events');
    return Number(row.n);
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    const rows = await this.db.query<EventRow>(READ_STREAM_SQL, [streamId, fromRevision]);
    return rows.map((row) => this.toRecorded(row));
  }

  async readAll(from: GlobalPosition, limit: number): Promise<ReadAllResult> {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`readAll limit must be a positive integer, got ${limit}`);
    }
    const rows = await this.db.query<EventRow>(READ_ALL_SQL, [
      from.transactionId,
      from.position,
      limit,
    ]);
    const events = rows.map((row) => this.toRecorded(row));
    const last = events[events.length - 1];
    return { events, checkpoint: last ? last.globalPosition : from };
  }

  async headPosition(): Promise<GlobalPosition> {
    const [head] = await this.db.query<GlobalPosition>(HEAD_POSITION_SQL);
    return head ?? START_OF_LOG;
  }

  async waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || this.closed) {
      return;
    }
    await this.ensureListening();
    if (signal?.aborted || this.closed) {
      return; // aborted while LISTEN was being set up: the abort event has already fired
    }
    await new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(finish);
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.waiters.add(finish);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  /** Stops taking appends, lets those already taken finish, stops listening. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    if (this.groupsInFlight > 0 || this.queue.length > 0) {
      await new Promise<void>((resolve) => (this.drained = resolve));
    }
    this.wakeWaiters();
    const unlisten = await this.listening;
    this.listening = undefined;
    await unlisten?.().catch(() => undefined);
    if (this.options.ownsDatabase) {
      await this.db.close();
    }
  }

  // ---------------------------------------------------------------- group commit

  /** Starts group transactions while there is room and something to do. */
  private pump(): void {
    if (this.db.withSession) {
      this.pumpOnSession(this.db.withSession.bind(this.db));
      return;
    }
    while (this.groupsInFlight < this.maxConcurrentGroups && this.queue.length > 0) {
      if (this.groupsInFlight > 0 && this.queuedEvents < this.parallelGroupMinEvents) {
        break; // small appends wait for the running group and go together in the next one
      }
      const group = this.takeGroup();
      if (group.length === 0) {
        break; // everything queued waits for a stream that is being written
      }
      this.groupsInFlight += 1;
      for (const append of group) {
        this.streamsInFlight.add(append.streamId);
      }
      void this.commitGroup(group).finally(() => {
        this.groupsInFlight -= 1;
        for (const append of group) {
          this.streamsInFlight.delete(append.streamId);
        }
        this.pump();
        if (this.drained && this.groupsInFlight === 0 && this.queue.length === 0) {
          this.drained();
        }
      });
    }
  }

  /**
   * Group commit on a single-session engine (PGlite): the group is taken once the session is
   * ours, not when it is asked for. Everything the session does (the processors' transactions,
   * the reads) runs on this thread, so appends arrive while the group waits for the session;
   * taken earlier, the group would hold only the appends of the moment it was asked for, and
   * everything else would wait for a further turn. One group at a time.
   */
  private pumpOnSession(withSession: NonNullable<SqlDatabase['withSession']>): void {
    if (this.groupsInFlight > 0 || this.queue.length === 0) return;
    this.groupsInFlight += 1;
    let group: PendingAppend[] = [];
    type Written = { outcomes: GroupOutcome[] } | { error: unknown } | undefined;
    void withSession(async (q): Promise<Written> => {
      // One turn of the event loop: requests whose bytes are already here reach append() first.
      await new Promise((resolve) => setImmediate(resolve));
      group = this.takeGroup();
      if (group.length === 0) return undefined;
      try {
        return { outcomes: await this.writeGroup(group, q) };
      } catch (error) {
        return { error };
      }
    })
      .then(async (written) => {
        if (written === undefined) return;
        // Settling may read the store (an idempotent retry): only after the session is free.
        if ('outcomes' in written) {
          await Promise.all(group.map((append, i) => this.settle(append, written.outcomes[i])));
        } else {
          await this.recoverGroup(group, written.error);
        }
      })
      .catch((error: unknown) => {
        for (const append of group) append.reject(error);
      })
      .finally(() => {
        this.groupsInFlight -= 1;
        this.pump();
        if (this.drained && this.groupsInFlight === 0 && this.queue.length === 0) {
          this.drained();
        }
      });
  }

  /**
   * The next group: queued appends in arrival order, at most one per stream, none for a stream
   * a running group writes (appends to one stream stay in their order and never wait on each
   * other's row lock), within the event budget.
   */
  private takeGroup(): PendingAppend[] {
    const group: PendingAppend[] = [];
    const remaining: PendingAppend[] = [];
    const blocked = new Set(this.streamsInFlight);
    let events = 0;
    for (const append of this.queue) {
      const fits = group.length === 0 || events + append.events.length <= this.maxGroupEvents;
      if (blocked.has(append.streamId) || !fits) {
        blocked.add(append.streamId);
        remaining.push(append);
        continue;
      }
      blocked.add(append.streamId);
      group.push(append);
      events += append.events.length;
    }
    this.queuedEvents -= events;
    this.queue.splice(0, this.queue.length, ...remaining);
    return group;
  }

  private async commitGroup(group: PendingAppend[]): Promise<void> {
    let outcomes: GroupOutcome[];
    try {
      outcomes = await this.writeGroup(group);
    } catch (error) {
      await this.recoverGroup(group, error);
      return;
    }
    await Promise.all(group.map((append, index) => this.settle(append, outcomes[index])));
  }

  private async recoverGroup(group: PendingAppend[], error: unknown): Promise<void> {
    // Something no lock can rule out (a racing writer created the same new stream, or stored
    // the same event id): the whole group rolled back. Retry each append alone, so only the
    // affected one sees the error.
    if (group.length === 1) {
      await this.recover(group[0], error, 1);
    } else {
      for (const append of group) {
        await this.commitAlone(append, 1);
      }
    }
  }

  private async commitAlone(append: PendingAppend, attempt: number): Promise<void> {
    let outcome: GroupOutcome;
    try {
      [outcome] = await this.writeGroup([append]);
    } catch (error) {
      await this.recover(append, error, attempt);
      return;
    }
    await this.settle(append, outcome);
  }

  private async recover(append: PendingAppend, error: unknown, attempt: number): Promise<void> {
    try {
      const state = sqlStateOf(error);
      if (state === SqlState.uniqueViolation && constraintOf(error) === 'es_events_event_id_key') {
        if (await this.settleIfStored(append)) {
          return;
        }
      }
      const retryable =
        state === SqlState.uniqueViolation ||
        state === SqlState.deadlockDetected ||
        state === SqlState.serializationFailure;
      if (retryable && attempt < MAX_WRITE_ATTEMPTS) {
        await delay(attempt * 2);
        await this.commitAlone(append, attempt + 1);
        return;
      }
      append.reject(error);
    } catch (recoveryError) {
      append.reject(recoveryError);
    }
  }

  private async settle(append: PendingAppend, outcome: GroupOutcome): Promise<void> {
    try {
      if (outcome.kind === 'written') {
        append.resolve(outcome.result);
        this.wakeWaiters(); // local readers need not wait for the NOTIFY round trip
        return;
      }
      // An idempotent retry meets its own earlier append as a revision conflict: look first.
      if (await this.settleIfStored(append)) {
        return;
      }
      append.reject(
        new StreamRevisionConflictError(append.streamId, String(append.expected), outcome.actual),
      );
    } catch (error) {
      append.reject(error);
    }
  }

  /** Runs one group statement (its own transaction) and maps its rows back to the appends. */
  private async writeGroup(
    group: PendingAppend[],
    q: SqlQueryable = this.db,
  ): Promise<GroupOutcome[]> {
    const params = {
      streamIds: [] as string[],
      kinds: [] as string[],
      expected: [] as Array<string | null>,
      counts: [] as number[],
      appendOrds: [] as number[],
      offsets: [] as number[],
      eventIds: [] as string[],
      types: [] as string[],
      versions: [] as number[],
      data: [] as unknown[],
      metadata: [] as unknown[],
    };
    group.forEach((append, index) => {
      params.streamIds.push(append.streamId);
      params.kinds.push(typeof append.expected === 'number' ? 'exact' : append.expected);
      params.expected.push(typeof append.expected === 'number' ? String(append.expected) : null);
      params.counts.push(append.events.length);
      append.events.forEach((event, offset) => {
        params.appendOrds.push(index + 1);
        params.offsets.push(offset + 1);
        params.eventIds.push(event.eventId);
        params.types.push(event.type);
        params.versions.push(event.schemaVersion);
        params.data.push(event.data);
        params.metadata.push(event.metadata);
      });
    });
    const rows = await q.query<{
      ord: number;
      ok: boolean;
      current: string | null;
      transaction_id: string | null;
      recorded_at: Date | string | null;
      positions: string[] | null;
    }>(APPEND_GROUP_SQL, [
      params.streamIds,
      params.kinds,
      params.expected,
      params.counts,
      params.appendOrds,
      params.offsets,
      params.eventIds,
      params.types,
      params.versions,
      // Data and metadata go as one JSON array each rather than as arrays of JSON strings:
      // no per-event string to escape and copy again, which on a bulk import was most of the
      // client's work (collecting the garbage of those copies).
      JSON.stringify(params.data),
      JSON.stringify(params.metadata),
      this.notifyChannel,
    ]);
    const byOrd = new Map(rows.map((row) => [Number(row.ord), row]));

    return group.map((append, index): GroupOutcome => {
      const row = byOrd.get(index + 1);
      if (!row) {
        throw new Error(`Append ${index + 1} of the group is missing from its result`);
      }
      const current = row.current === null ? undefined : Number(row.current);
      if (row.ok !== true) {
        return { kind: 'conflict', actual: current ?? 'no_stream' };
      }
      const positions = row.positions ?? [];
      if (
        positions.length !== append.events.length ||
        row.transaction_id === null ||
        row.recorded_at === null
      ) {
        throw new Error(
          `Append to ${append.streamId} stored ${positions.length} of ${append.events.length} events`,
        );
      }
      const transactionId = row.transaction_id;
      const recordedAt = toDate(row.recorded_at);
      const first = (current ?? -1) + 1;
      const events = this.recordedEvents(
        append.streamId,
        append.events,
        first,
        transactionId,
        positions,
        recordedAt,
      );
      return {
        kind: 'written',
        result: {
          nextExpectedRevision: first + append.events.length - 1,
          alreadyStored: false,
          events,
        },
      };
    });
  }

  /**
   * Settles an append whose event ids are (some of them) already stored: the same append again
   * resolves with the original result; anything else is an EventIdConflictError. Returns false
   * when none of its events is stored.
   */
  private async settleIfStored(append: PendingAppend): Promise<boolean> {
    const rows = await this.db.query<Partial<EventRow> & { ord: number; same: boolean | null }>(
      FIND_STORED_SQL,
      [
        append.events.map((event) => event.eventId),
        append.streamId,
        append.events.map((event) => event.type),
        append.events.map((event) => event.schemaVersion),
        append.events.map((event) => JSON.stringify(event.data)),
        append.events.map((event) => JSON.stringify(event.metadata)),
      ],
    );
    const stored = rows.filter((row) => row.event_id !== null && row.event_id !== undefined);
    if (stored.length === 0) {
      return false;
    }
    const firstRevision = Number(rows[0].stream_revision);
    const identical =
      stored.length === rows.length &&
      rows.every(
        (row, index) => row.same === true && Number(row.stream_revision) === firstRevision + index,
      );
    if (!identical) {
      const offending = rows.find((row) => row.event_id && row.same !== true) ?? stored[0];
      append.reject(new EventIdConflictError(String(offending.event_id)));
      return true;
    }
    const events = rows.map((row) => this.toRecorded(row as EventRow));
    append.resolve({
      nextExpectedRevision: events[events.length - 1].streamRevision,
      alreadyStored: true,
      events,
    });
    return true;
  }

  // ---------------------------------------------------------------- reading and waking

  private toRecorded(row: EventRow): RecordedEvent {
    const metadata = row.metadata ?? {};
    const upcast = this.upcasting.upcast(row.type, Number(row.schema_version), row.data, metadata);
    return {
      eventId: row.event_id,
      streamId: row.stream_id,
      streamRevision: Number(row.stream_revision),
      globalPosition: { transactionId: row.transaction_id, position: row.position },
      type: row.type,
      schemaVersion: upcast.schemaVersion,
      data: upcast.data,
      metadata,
      recordedAt: toDate(row.recorded_at),
    };
  }

  private ensureListening(): Promise<unknown> {
    // LISTEN is only a hint: when it cannot be set up, waiting falls back to the timeout (polling).
    this.listening ??= this.db
      .listen(this.notifyChannel, () => this.wakeWaiters())
      .catch(() => {
        this.listening = undefined;
        return undefined;
      });
    return this.listening;
  }

  private wakeWaiters(): void {
    for (const wake of [...this.waiters]) {
      wake();
    }
  }
}

function validateExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(
      `expectedRevision must be a non-negative integer, got ${expected}`,
    );
  }
  if (typeof expected === 'string' && !['any', 'no_stream', 'exists'].includes(expected)) {
    throw new InvalidAppendError(`Unknown expectedRevision ${String(expected)}`);
  }
}

function prepareEvents(streamId: string, events: readonly NewEvent[]): PreparedEvent[] {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidAppendError('streamId must be a non-empty string');
  }
  if (events.length === 0) {
    throw new InvalidAppendError(`Append to ${streamId} without events`);
  }
  const seen = new Set<string>();
  return events.map((event) => {
    if (!UUID.test(event.eventId)) {
      throw new InvalidAppendError(`eventId must be a UUID, got ${event.eventId}`);
    }
    const id = event.eventId.toLowerCase();
    if (seen.has(id)) {
      throw new InvalidAppendError(`Event ${event.eventId} appears twice in one append`);
    }
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppendError(`Event ${event.eventId} has no type`);
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(
        `Event ${event.eventId} has schemaVersion ${event.schemaVersion}`,
      );
    }
    // The append's result carries the caller's objects as given (not re-parsed from JSON: that
    // would double the JSON work of every append); reads return them as stored.
    const data = event.data ?? null;
    const metadata = event.metadata ?? {};
    return {
      eventId: id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data,
      metadata,
    };
  });
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
