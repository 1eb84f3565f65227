// The I/O of `weerbaar import`: streams the CSV, validates each row (import-row.ts) and appends
// its events through the event store with many appends in flight, which the store's group
// commit turns into few statements. Rows of one signal are applied one after the other, in file
// order; rows of different signals overlap. Every event id is deterministic, so importing a row
// again appends nothing: that, and the count of leading rows done, make an import resumable.
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import {
  ConflictError,
  type FieldError,
  type MunicipalityRegistry,
  NotFoundError,
  signalDecider,
  type SignalEvent,
  type SignalState,
  signalStreamId,
  ValidationError,
  WHOLE_BODY,
} from '@weerbaar/domain';
import {
  asDomainEvent,
  EventIdConflictError,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  StreamRevisionConflictError,
} from '@weerbaar/event-store';
import { subjectFingerprint } from '@weerbaar/security';
import { recordedEventIdOf } from '../../../signal-intake/src/signals/shared/signal-stream';
import {
  type AmendRow,
  IMPORT_ACTOR,
  type ImportHeader,
  readHeader,
  type RecordRow,
  type RejectedRow,
  type RetractRow,
  toValidRow,
} from './import-row';

export interface ImportSignalsOptions {
  input: Readable;
  store: EventStore;
  fingerprintKey: string;
  municipalities: MunicipalityRegistry;
  clock: () => Date;
  /** Rows (after the header) an earlier run completed: validated and counted, not applied. */
  skipRows?: number;
  /** Stops reading at the next row; the rows in flight still finish. */
  signal?: AbortSignal;
  /** Stops reading after this many rows, as an abort would (tests, trials). */
  stopAfterRows?: number;
  /** Rows being applied at once (default 20,000): the store groups their appends. */
  maxInFlight?: number;
  /**
   * Records gathered into one bulk append of new streams (default 2,000), when the store has
   * `appendNewStreams`; fewer when reading pauses.
   */
  bulkSize?: number;
  /** Signals whose folded state is kept for their later rows (default 50,000). */
  stateCacheSize?: number;
  onRejected?: (row: RejectedRow) => void;
}

export interface ImportSummary {
  /** Data rows read (the header not counted). */
  rows: number;
  recorded: number;
  amended: number;
  retracted: number;
  /** Rows whose event the store already held, or that change nothing. */
  unchanged: number;
  rejected: number;
  /** Rows an earlier, interrupted run completed (see skipRows). */
  skipped: number;
  /** Leading rows that are done: where a run after an interruption may start. */
  rowsDone: number;
  /** Bytes of the file the parser has consumed. */
  bytes: number;
  interrupted: boolean;
}

interface StreamEntry {
  state: SignalState;
  revision: number;
  eventIds: Set<string>;
}

const METADATA = { actor: IMPORT_ACTOR };

/** Rows read ahead of the appends: enough for full bulk statements, few enough to keep memory low. */
export const DEFAULT_ROWS_IN_FLIGHT = 4_000;

export class SignalImport {
  readonly summary: ImportSummary = {
    rows: 0,
    recorded: 0,
    amended: 0,
    retracted: 0,
    unchanged: 0,
    rejected: 0,
    skipped: 0,
    rowsDone: 0,
    bytes: 0,
    interrupted: false,
  };

  private readonly maxInFlight: number;
  private readonly states: GenerationalCache<StreamEntry>;
  /** The last operation of each signal with rows in flight: its next row waits for it. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Rows beyond `rowsDone` that are done, waiting for the ones before them. */
  private readonly doneAhead = new Set<number>();
  private inFlight = 0;
  private readonly bulkSize: number;
  /** Records waiting for the next bulk append of new streams. */
  private bulk: PendingRecord[] = [];
  private bulkScheduled = false;
  private slot: (() => void) | undefined;
  private failure: Error | undefined;

  /**
   * Subjects recur across signals: their HMAC is computed once per import (per 100,000 distinct
   * subjects), with the same function as the API's.
   */
  private readonly fingerprints = (subjects: readonly { kind: string; identifier: string }[]) =>
    subjects.map(({ kind, identifier }) => {
      const key = `${kind}\u0000${identifier}`;
      let fingerprint = this.fingerprintCache.get(key);
      if (fingerprint === undefined) {
        if (this.fingerprintCache.size >= 100_000) this.fingerprintCache.clear();
        fingerprint = subjectFingerprint(this.options.fingerprintKey, kind, identifier);
        this.fingerprintCache.set(key, fingerprint);
      }
      return fingerprint;
    });
  private readonly fingerprintCache = new Map<string, string>();

  constructor(private readonly options: ImportSignalsOptions) {
    this.maxInFlight = options.maxInFlight ?? DEFAULT_ROWS_IN_FLIGHT;
    this.bulkSize = options.bulkSize ?? 2_000;
    this.states = new GenerationalCache(options.stateCacheSize ?? 50_000);
  }

  async run(): Promise<ImportSummary> {
    const { input, signal } = this.options;
    const skipRows = this.options.skipRows ?? 0;
    const parser = parse({
      info: true,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // A row the parser cannot read (a stray quote) is a bad row, not the end of the import.
      skip_records_with_error: true,
    });
    parser.on('skip', (error: CsvError) => {
      this.reject({
        kind: 'rejected',
        line: Number(error.lines),
        errors: [{ field: WHOLE_BODY, message: `is not valid CSV (${error.code})` }],
      });
    });
    input.pipe(parser);
    input.on('error', (error) => parser.destroy(error));
    let header: ImportHeader | undefined;
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number; bytes: number };
      }>) {
        this.summary.bytes = info.bytes;
        const line = info.lines - newlinesIn(record);
        if (header === undefined) {
          header = readHeader(record);
          continue;
        }
        if (this.failure !== undefined) throw this.failure;
        const { stopAfterRows } = this.options;
        if (
          signal?.aborted ||
          (stopAfterRows !== undefined && this.summary.rows >= stopAfterRows)
        ) {
          this.summary.interrupted = true;
          break;
        }
        const ordinal = ++this.summary.rows;
        const row = toValidRow(record, header, line, {
          now: this.options.clock(),
          municipalities: this.options.municipalities,
          fingerprintKey: this.options.fingerprintKey,
          fingerprints: this.fingerprints,
        });
        if (row.kind === 'rejected') {
          this.reject(row);
          this.done(ordinal);
        } else if (ordinal <= skipRows) {
          this.summary.skipped += 1;
          this.done(ordinal);
        } else {
          await this.start(ordinal, row);
        }
      }
    } catch (error) {
      // The parser's messages quote the offending text; only its code and line are reported.
      if (error instanceof CsvError) {
        throw new Error(
          `The file cannot be read as CSV at line ${Number(error.lines)} (${error.code})`,
        );
      }
      throw error;
    } finally {
      input.unpipe(parser);
      if (signal?.aborted || this.failure !== undefined) input.destroy();
      await this.drain();
    }
    if (this.failure !== undefined) throw this.failure;
    return this.summary;
  }

  /** Starts applying a row, after the rows of its signal that are still in flight. */
  private async start(ordinal: number, row: RecordRow | AmendRow | RetractRow): Promise<void> {
    while (this.inFlight >= this.maxInFlight) {
      await new Promise<void>((resolve) => (this.slot = resolve));
    }
    this.inFlight += 1;
    const before = this.tails.get(row.signalId);
    const apply = (): Promise<void> => this.apply(row);
    const tail = (before ? before.then(apply) : apply())
      .catch((error: unknown) => {
        // Not the row's fault (the database went away): stop the import.
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => {
        if (this.tails.get(row.signalId) === tail) this.tails.delete(row.signalId);
        this.inFlight -= 1;
        this.done(ordinal);
        const slot = this.slot;
        this.slot = undefined;
        slot?.();
      });
    this.tails.set(row.signalId, tail);
  }

  private async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  private done(ordinal: number): void {
    if (ordinal !== this.summary.rowsDone + 1) {
      this.doneAhead.add(ordinal);
      return;
    }
    this.summary.rowsDone = ordinal;
    while (this.doneAhead.delete(this.summary.rowsDone + 1)) this.summary.rowsDone += 1;
  }

  private reject(row: RejectedRow): void {
    this.summary.rejected += 1;
    this.options.onRejected?.(row);
  }

  private async apply(row: RecordRow | AmendRow | RetractRow): Promise<void> {
    const outcome = row.kind === 'record' ? await this.record(row) : await this.change(row);
    if (Array.isArray(outcome)) {
      this.reject({ kind: 'rejected', line: row.line, errors: outcome });
    } else {
      this.summary[outcome] += 1;
    }
  }

  /**
   * A record is appended blindly as the stream's first event: an import mostly brings new
   * signals, and the store answers a repeat of the same event as already stored. Only when the
   * stream holds something else is it read, and the decider says what the row then means.
   */
  private async record(row: RecordRow): Promise<Outcome> {
    const eventId = recordedEventIdOf(row.signalId);
    const streamId = signalStreamId(row.signalId);
    const events = signalDecider.decide(row.command, signalDecider.initialState());
    try {
      const result = await this.appendNew(streamId, toNewEvents(events, eventId));
      if (result.alreadyStored) return 'unchanged';
      this.states.set(row.signalId, {
        state: fold(signalDecider.initialState(), result.events),
        revision: result.nextExpectedRevision,
        eventIds: new Set([eventId]),
      });
      return 'recorded';
    } catch (error) {
      if (!(
        error instanceof StreamRevisionConflictError || error instanceof EventIdConflictError
      )) {
        throw error;
      }
    }
    const entry = await this.load(row.signalId);
    let again: SignalEvent[];
    try {
      again = signalDecider.decide(row.command, entry.state);
    } catch (error) {
      return rejection(error);
    }
    // The decider answers a record of the same content (by the API, say) with no events.
    if (again.length === 0) return 'unchanged';
    throw new Error(`The stream of signal ${row.signalId} exists but records no signal`);
  }

  /**
   * Appends a record as a new stream: gathered with other records into one bulk append when
   * the store has one (flushed at `bulkSize`, or once the current turn of reading is over, so a
   * record never waits for rows that are not coming), else as an append of its own.
   */
  private appendNew(streamId: string, events: NewEvent[]): Promise<AppendResult> {
    const { store } = this.options;
    if (store.appendNewStreams === undefined) {
      return store.append(streamId, events, { expectedRevision: 'no_stream' });
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.bulk.push({ streamId, events, resolve, reject });
      if (this.bulk.length >= this.bulkSize) {
        this.flushBulk();
      } else if (!this.bulkScheduled) {
        this.bulkScheduled = true;
        setImmediate(() => {
          this.bulkScheduled = false;
          this.flushBulk();
        });
      }
    });
  }

  private flushBulk(): void {
    const batch = this.bulk;
    if (batch.length === 0) return;
    this.bulk = [];
    const { store } = this.options;
    if (store.appendNewStreams === undefined) return;
    store.appendNewStreams(batch).then(
      (outcomes) =>
        batch.forEach((pending, index) => {
          const outcome = outcomes[index];
          if (outcome instanceof Error) pending.reject(outcome);
          else pending.resolve(outcome);
        }),
      (error: unknown) => batch.forEach((pending) => pending.reject(error)),
    );
  }

  /** An amendment or retraction: decided on the signal's current state, appended at its revision. */
  private async change(row: AmendRow | RetractRow): Promise<Outcome> {
    for (let attempt = 0; ; attempt += 1) {
      const entry = this.states.get(row.signalId) ?? (await this.load(row.signalId));
      if (entry.eventIds.has(row.eventId)) return 'unchanged';
      const state = entry.state;
      if (
        row.kind === 'amend' &&
        row.municipality !== undefined &&
        state.status !== 'NOT_RECORDED' &&
        row.municipality !== state.facts.municipality
      ) {
        return [
          {
            field: 'municipality',
            message: 'cannot be amended: retract the signal and record it anew',
          },
        ];
      }
      let events: SignalEvent[];
      try {
        events = signalDecider.decide(row.command, state);
      } catch (error) {
        if (error instanceof ValidationError && error.errors.every(isWholeBody)) {
          return 'unchanged'; // the row gives the values the signal already has
        }
        return rejection(error);
      }
      try {
        const result = await this.options.store.append(
          signalStreamId(row.signalId),
          toNewEvents(events, row.eventId),
          { expectedRevision: entry.revision },
        );
        if (result.alreadyStored) return 'unchanged';
        entry.state = fold(state, result.events);
        entry.revision = result.nextExpectedRevision;
        entry.eventIds.add(row.eventId);
        this.states.set(row.signalId, entry);
        return row.kind === 'amend' ? 'amended' : 'retracted';
      } catch (error) {
        // Someone else (the API) wrote to the signal meanwhile: read it again and decide anew.
        if (!(error instanceof StreamRevisionConflictError) || attempt >= 2) throw error;
        this.states.delete(row.signalId);
      }
    }
  }

  private async load(signalId: string): Promise<StreamEntry> {
    const events = await this.options.store.readStream(signalStreamId(signalId));
    const entry: StreamEntry = {
      state: fold(signalDecider.initialState(), events),
      revision: events.length - 1,
      eventIds: new Set(events.map((event) => event.eventId)),
    };
    this.states.set(signalId, entry);
    return entry;
  }
}

interface PendingRecord {
  streamId: string;
  events: NewEvent[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = 'recorded' | 'amended' | 'retracted' | 'unchanged' | FieldError[];

function toNewEvents(events: SignalEvent[], eventId: string): NewEvent[] {
  if (events.length !== 1)
    throw new Error(`Expected one event from the decider, got ${events.length}`);
  return [
    { eventId, type: events[0].type, schemaVersion: 1, data: events[0].data, metadata: METADATA },
  ];
}

function fold(state: SignalState, events: readonly RecordedEvent[]): SignalState {
  return events.reduce(
    (current, event) => signalDecider.evolve(current, asDomainEvent<SignalEvent>(event)),
    state,
  );
}

const isWholeBody = (error: FieldError): boolean => error.field === WHOLE_BODY;

/** What the decider refuses, as the row's field errors; anything else is not the row's fault. */
function rejection(error: unknown): FieldError[] {
  if (error instanceof ValidationError) return error.errors;
  if (error instanceof NotFoundError) {
    return [{ field: 'signalId', message: 'is not recorded: no earlier row or event records it' }];
  }
  if (error instanceof ConflictError) {
    return [
      {
        field: 'signalId',
        message:
          error.reason === 'SIGNAL_RETRACTED'
            ? 'is retracted and can no longer be changed'
            : 'is already recorded with other content',
      },
    ];
  }
  throw error;
}

/** Newlines inside the record's quoted cells: the parser counts lines to the record's end. */
function newlinesIn(record: readonly string[]): number {
  let count = 0;
  for (const cell of record) {
    for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) count += 1;
  }
  return count;
}

/**
 * Keeps about the `capacity` most recently used entries in two generations: when the young one is
 * full it becomes the old one and the old one is dropped. Nothing is deleted one by one: V8's Map
 * keeps deleted slots until it rehashes, so a Map that drops its oldest key on every insert (an
 * LRU) scans ever more of them to find that key, which made the import quadratic.
 */
class GenerationalCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: string, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= this.capacity / 2) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  delete(key: string): void {
    this.young.delete(key);
    this.old.delete(key);
  }
}
