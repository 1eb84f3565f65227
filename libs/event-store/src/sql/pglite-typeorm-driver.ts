// A node-postgres look-alike over a PGliteHost, given to TypeORM as the `driver` of a
// `type: 'postgres'` DataSource, so the read models run on the embedded database unchanged.
// A client from `pool.connect()` holds the host's session until released: TypeORM transactions
// never interleave with each other, with the event store or with anyone else on the host.
import { EventEmitter } from 'node:events';
import type { Results } from '@electric-sql/pglite';
import type { PGliteHost, PGliteLease, PGliteSession } from './pglite-host';
import { asError } from './sql-database';

/** What node-postgres' `client.query()` resolves to (the parts TypeORM reads). */
export interface PgCompatibleResult {
  command: string;
  rowCount: number | null;
  rows: Record<string, unknown>[];
  fields: Array<{ name: string; dataTypeID: number }>;
  oid: number;
}

type QueryCallback = (error: Error | null, result?: PgCompatibleResult) => void;
type QueryConfig = { text: string; values?: unknown[] };

async function run(
  session: PGliteSession,
  text: string,
  values?: unknown[],
): Promise<PgCompatibleResult> {
  // node-postgres sends a query without parameters as a simple query, which may hold several
  // statements (migrations do that) and then answers with the last statement's result.
  const result: Results =
    values === undefined || values.length === 0
      ? lastOf(await session.exec(text))
      : await session.query(text, values);
  return {
    command: result.command ?? '',
    rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
    rows: result.rows,
    fields: result.fields,
    oid: 0,
  };
}

function lastOf(results: Results[]): Results {
  return results[results.length - 1] ?? { rows: [], fields: [], command: '', rowCount: 0 };
}

function normalise(
  textOrConfig: string | QueryConfig,
  valuesOrCallback?: unknown[] | QueryCallback,
  callback?: QueryCallback,
): { text: string; values?: unknown[]; callback?: QueryCallback } {
  const text = typeof textOrConfig === 'string' ? textOrConfig : textOrConfig.text;
  if (typeof valuesOrCallback === 'function') {
    return {
      text,
      values: typeof textOrConfig === 'string' ? undefined : textOrConfig.values,
      callback: valuesOrCallback,
    };
  }
  return {
    text,
    values:
      valuesOrCallback ?? (typeof textOrConfig === 'string' ? undefined : textOrConfig.values),
    callback,
  };
}

function settle<T>(
  promise: Promise<T>,
  callback?: (error: Error | null, value?: T) => void,
): Promise<T> | undefined {
  if (!callback) {
    return promise;
  }
  promise.then(
    (value) => callback(null, value),
    (error: unknown) => callback(asError(error)),
  );
  return undefined;
}

/** A pooled client: the holder of one lease on the host's session. */
export class PGlitePoolClient extends EventEmitter {
  private released = false;

  constructor(
    private readonly lease: PGliteLease,
    private readonly onRelease: (client: PGlitePoolClient) => void,
  ) {
    super();
  }

  query(
    textOrConfig: string | QueryConfig,
    valuesOrCallback?: unknown[] | QueryCallback,
    callback?: QueryCallback,
  ): Promise<PgCompatibleResult> | undefined {
    const query = normalise(textOrConfig, valuesOrCallback, callback);
    const result = this.released
      ? Promise.reject(new Error('Client was released to the pool and cannot be used'))
      : run(this.lease.session, query.text, query.values);
    return settle(result, query.callback);
  }

  /** Gives the session back (a transaction left open is rolled back by the host). */
  release(_error?: Error | boolean): void {
    if (this.released) {
      return;
    }
    this.released = true;
    this.onRelease(this);
    void this.lease.release();
  }
}

/** The `Pool` TypeORM constructs with its connection options (which mean nothing here). */
export class PGlitePool extends EventEmitter {
  private ended = false;
  private readonly clients = new Set<PGlitePoolClient>();

  constructor(
    private readonly host: PGliteHost,
    readonly options: Record<string, unknown> = {},
  ) {
    super();
  }

  get totalCount(): number {
    return this.clients.size;
  }

  get idleCount(): number {
    return 0;
  }

  get waitingCount(): number {
    return 0;
  }

  connect(
    callback?: (
      error: Error | null,
      client?: PGlitePoolClient,
      done?: (release?: unknown) => void,
    ) => void,
  ): Promise<PGlitePoolClient> | undefined {
    const connecting = this.checkout();
    if (!callback) {
      return connecting;
    }
    connecting.then(
      (client) => callback(null, client, () => client.release()),
      (error: unknown) => callback(asError(error)),
    );
    return undefined;
  }

  /** A one-off query: holds the session for this statement only. */
  query(
    textOrConfig: string | QueryConfig,
    valuesOrCallback?: unknown[] | QueryCallback,
    callback?: QueryCallback,
  ): Promise<PgCompatibleResult> | undefined {
    const query = normalise(textOrConfig, valuesOrCallback, callback);
    const result = this.ended
      ? Promise.reject(new Error('Pool is ended'))
      : this.host.withSession((session) => run(session, query.text, query.values));
    return settle(result, query.callback);
  }

  /** Ends the pool; the host (and its database) stays open: it belongs to whoever opened it. */
  end(callback?: (error?: Error) => void): Promise<void> | undefined {
    this.ended = true;
    if (callback) {
      queueMicrotask(() => callback());
      return undefined;
    }
    return Promise.resolve();
  }

  private async checkout(): Promise<PGlitePoolClient> {
    if (this.ended) {
      throw new Error('Pool is ended');
    }
    const lease = await this.host.acquire();
    const client = new PGlitePoolClient(lease, (released) => this.clients.delete(released));
    this.clients.add(client);
    return client;
  }
}

/** The members of the `pg` module that TypeORM's PostgresDriver touches. */
export interface PGliteTypeOrmDriver {
  Pool: new (options?: Record<string, unknown>) => PGlitePool;
  Client: new () => never;
  defaults: Record<string, unknown>;
  types: {
    setTypeParser(oid: number, ...rest: unknown[]): void;
    getTypeParser(oid: number): (value: string) => unknown;
  };
}

/**
 * Use as `new DataSource({ type: 'postgres', driver: createPGliteTypeOrmDriver(host), … })`.
 * Type parsers are fixed by the host (node-postgres compatible); `setTypeParser` is not supported.
 */
export function createPGliteTypeOrmDriver(host: PGliteHost): PGliteTypeOrmDriver {
  return {
    Pool: class extends PGlitePool {
      constructor(options: Record<string, unknown> = {}) {
        super(host, options);
      }
    },
    Client: class {
      constructor() {
        throw new Error('Use the Pool: a standalone Client is not available on PGlite');
      }
    } as unknown as new () => never,
    // A plain object: TypeORM only sets parseInt8 when `defaults` has a setter for it.
    defaults: {},
    types: {
      setTypeParser: () => {
        throw new Error('Custom type parsers are not supported on PGlite; the host fixes them');
      },
      getTypeParser: () => (value: string) => value,
    },
  };
}
