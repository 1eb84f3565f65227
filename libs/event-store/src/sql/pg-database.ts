// SqlDatabase over a PostgreSQL server through a node-postgres pool, plus one dedicated session
// for LISTEN (a pooled connection cannot keep listening between queries).
import {
  Client,
  Pool,
  type ClientConfig,
  type PoolClient,
  type PoolConfig,
  type QueryResult,
} from 'pg';
import { asError, type SqlDatabase, type SqlQueryable } from './sql-database';

export interface PgDatabaseOptions {
  connectionString: string;
  /** Pool size (default 10). */
  max?: number;
  /**
   * A session left idle inside a transaction holds back `pg_snapshot_xmin` and so stalls every
   * reader of the global log; PostgreSQL ends such sessions after this long (default 60 s).
   */
  idleInTransactionTimeoutMs?: number;
  applicationName?: string;
  /** Errors of idle pooled connections and of the LISTEN session (default: ignored, they reconnect). */
  onError?: (error: Error) => void;
  /**
   * Parameterised statements are prepared once per connection under a name (saves parsing and
   * planning on every call: the event store's group append is one large statement). Only the
   * first this-many distinct texts get a name, so generated SQL cannot grow the server's
   * statement cache without bound (default 200; 0 turns it off).
   */
  preparedStatementLimit?: number;
  /** Extra node-postgres pool settings (ssl, timeouts…). */
  pool?: Omit<PoolConfig, 'connectionString' | 'max'>;
}

const LISTEN_RECONNECT_MIN_MS = 250;
const LISTEN_RECONNECT_MAX_MS = 10_000;

export class PgDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly clientConfig: ClientConfig;
  private readonly statements: PreparedStatements;
  private readonly channels = new Map<string, Set<(payload: string) => void>>();
  private listener: Promise<Client> | undefined;
  private activeListener: Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelayMs = LISTEN_RECONNECT_MIN_MS;
  private closed = false;

  constructor(private readonly options: PgDatabaseOptions) {
    this.clientConfig = {
      ...options.pool,
      connectionString: options.connectionString,
      application_name: options.applicationName ?? 'weerbaar',
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
    };
    this.pool = new Pool({ ...this.clientConfig, max: options.max ?? 10 });
    this.statements = { names: new Map(), limit: options.preparedStatementLimit ?? 200, issued: 0 };
    // Without a listener an idle client's error (server restart) would crash the process; the
    // pool drops that client by itself and the next query gets a fresh one.
    this.pool.on('error', (error) => this.options.onError?.(error));
  }

  async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]> {
    return rowsOf<R>(await runQuery(this.pool, this.statements, sql, params));
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(queryableOf(client, this.statements));
      const committed = await client.query('COMMIT');
      // COMMIT of a transaction that had an error answers ROLLBACK instead of failing.
      if (committed.command === 'ROLLBACK') {
        throw new Error('Transaction was rolled back instead of committed');
      }
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: release it with the error so the pool destroys it.
        broken = asError(rollbackError);
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    let callbacks = this.channels.get(channel);
    if (!callbacks) {
      callbacks = new Set();
      this.channels.set(channel, callbacks);
    }
    callbacks.add(onNotify);
    const client = await this.listenerClient();
    await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    return async () => {
      const current = this.channels.get(channel);
      current?.delete(onNotify);
      if (current && current.size === 0) {
        this.channels.delete(channel);
        const listening = this.listener;
        if (listening && !this.closed) {
          try {
            await (await listening).query(`UNLISTEN ${quoteIdentifier(channel)}`);
          } catch {
            // The session is gone: nothing is listening any more anyway.
          }
        }
      }
    };
  }

  /**
   * A connection outside the pool, with the same settings, for a session that must live on its
   * own (advisory locks held for a processor's lifetime). The caller ends it.
   */
  async openDedicatedClient(): Promise<Client> {
    const client = new Client(this.clientConfig);
    await client.connect();
    return client;
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const listening = this.listener;
    this.listener = undefined;
    this.activeListener = undefined;
    if (listening) {
      try {
        await (await listening).end();
      } catch {
        // It failed to connect or died already.
      }
    }
    await this.pool.end();
  }

  private listenerClient(): Promise<Client> {
    if (this.closed) {
      return Promise.reject(new Error('PgDatabase is closed'));
    }
    if (!this.listener) {
      const connecting = this.connectListener();
      this.listener = connecting;
      connecting.catch(() => {
        if (this.listener === connecting) {
          this.listener = undefined;
        }
      });
    }
    return this.listener;
  }

  private async connectListener(): Promise<Client> {
    const client = new Client(this.clientConfig);
    client.on('notification', (message) => {
      for (const callback of this.channels.get(message.channel) ?? []) {
        callback(message.payload ?? '');
      }
    });
    client.on('error', (error) => {
      this.options.onError?.(error);
      this.dropListener(client);
    });
    client.on('end', () => this.dropListener(client));
    await client.connect();
    this.activeListener = client;
    this.reconnectDelayMs = LISTEN_RECONNECT_MIN_MS;
    return client;
  }

  /** The LISTEN session died: notifications are only a hint, so reconnect in the background. */
  private dropListener(client: Client): void {
    if (this.activeListener !== client) {
      return; // already dropped ('error' and 'end' both arrive)
    }
    this.activeListener = undefined;
    this.listener = undefined;
    client.end().catch(() => undefined);
    this.scheduleRelisten();
  }

  private scheduleRelisten(): void {
    if (this.closed || this.channels.size === 0 || this.reconnectTimer) {
      return;
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.relisten();
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, LISTEN_RECONNECT_MAX_MS);
  }

  private async relisten(): Promise<void> {
    try {
      const client = await this.listenerClient();
      for (const channel of this.channels.keys()) {
        await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      }
    } catch (error) {
      this.options.onError?.(asError(error));
      this.scheduleRelisten();
    }
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface PreparedStatements {
  names: Map<string, string>;
  limit: number;
  issued: number;
}

/** SQLSTATE 0A000 with this message: a prepared statement whose result shape a migration changed. */
const STALE_PLAN = /cached plan must not change result type/;

async function runQuery(
  runner: Pool | PoolClient,
  statements: PreparedStatements,
  sql: string,
  params?: unknown[],
): Promise<QueryResult | QueryResult[]> {
  if (params === undefined || params.length === 0) {
    return runner.query(sql);
  }
  let name = statements.names.get(sql);
  if (name === undefined && statements.names.size < statements.limit) {
    statements.issued += 1;
    name = `weerbaar_${statements.issued}`;
    statements.names.set(sql, name);
  }
  if (name === undefined) {
    return runner.query(sql, params);
  }
  try {
    return await runner.query({ name, text: sql, values: params });
  } catch (error) {
    if (STALE_PLAN.test(asError(error).message)) {
      // The name stays stale on every connection that prepared it: forget it, so the text is
      // prepared afresh under a new name, and run this call unnamed.
      statements.names.delete(sql);
      return runner.query(sql, params);
    }
    throw error;
  }
}

function queryableOf(client: PoolClient, statements: PreparedStatements): SqlQueryable {
  return {
    query: async <R>(sql: string, params?: unknown[]) =>
      rowsOf<R>(await runQuery(client, statements, sql, params)),
  };
}

/** A simple-protocol query with several statements yields one result per statement: keep the last. */
function rowsOf<R>(result: { rows: unknown[] } | Array<{ rows: unknown[] }>): R[] {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return (last?.rows ?? []) as R[];
}
