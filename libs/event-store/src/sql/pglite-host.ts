// Owns one embedded PostgreSQL (PGlite) and lends its single session to one user at a time, in
// arrival order, so event-store transactions, TypeORM transactions and plain queries never interleave.
import NodeModule from 'node:module';
import type { PGlite, PGliteOptions, Results } from '@electric-sql/pglite';

type PGliteModule = typeof import('@electric-sql/pglite');

/**
 * PGlite loads Node built-ins with dynamic import(), which Jest's module sandbox refuses without
 * --experimental-vm-modules. Jest's `node:module` is a subclass of Node's Module with its own
 * sandboxed createRequire; the real one further up the prototype chain loads PGlite with Node's
 * own loader, where import() works. Outside Jest this is plain `require`.
 */
function loadPGlite(): PGliteModule {
  let createRequire = NodeModule.createRequire;
  for (
    let candidate: unknown = Object.getPrototypeOf(NodeModule);
    typeof candidate === 'function' && candidate !== Function.prototype;
    candidate = Object.getPrototypeOf(candidate)
  ) {
    if (Object.hasOwn(candidate, 'createRequire')) {
      createRequire = (candidate as typeof NodeModule).createRequire;
    }
  }
  return createRequire(__filename)('@electric-sql/pglite') as PGliteModule;
}

/** The session as lent to the holder of a lease. */
export interface PGliteSession {
  /** One statement, extended protocol, `$1` placeholders. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Results<R>>;
  /** Several statements, simple protocol, no parameters. */
  exec(sql: string): Promise<Results[]>;
}

export interface PGliteLease {
  readonly session: PGliteSession;
  /** Gives the session back; a transaction left open is rolled back first. Idempotent. */
  release(): Promise<void>;
}

/**
 * node-postgres parses some types differently from PGlite; TypeORM and the read models expect
 * node-postgres' behaviour, and the same code must see the same values on both engines. Dates and
 * JSON are re-created here so that, when PGlite was loaded outside a test sandbox (loadPGlite),
 * callers still get their own realm's Date/Object/Array.
 */
function nodePostgresCompatibleParsers(
  pglite: PGliteModule,
): NonNullable<PGliteOptions['parsers']> {
  const dateParser =
    (oid: number) =>
    (value: string): unknown => {
      const parsed: unknown = pglite.types.parsers[oid](value, oid);
      return parsed !== null && typeof parsed === 'object' && 'getTime' in parsed
        ? new Date((parsed as Date).getTime())
        : parsed;
    };
  return {
    20: (value: string) => value, // int8 as a decimal string: no silent precision loss above 2^53
    17: (value: string) => Buffer.from(value.slice(2), 'hex'), // bytea as Buffer ('\x…' text format)
    114: (value: string): unknown => JSON.parse(value),
    3802: (value: string): unknown => JSON.parse(value),
    1082: dateParser(1082),
    1114: dateParser(1114),
    1184: dateParser(1184),
  };
}

/**
 * Dates as parameters, written as node-postgres writes them: toISOString's year 0 and negative
 * years mean nothing to PostgreSQL, which counts 1 BC, 2 BC, … (a risk picture as of early year 1
 * asks for its trend 90 days before). PGlite's own serializer recognises a Date with
 * `instanceof`, which fails for a Date from another realm (a test sandbox, see loadPGlite):
 * duck-type it instead.
 */
function dateSerializers(): NonNullable<PGliteOptions['serializers']> {
  const serialize = (value: unknown): string =>
    value !== null && typeof value === 'object' && 'toISOString' in value
      ? postgresTimestamp(value as Date)
      : String(value);
  return { 1082: serialize, 1114: serialize, 1184: serialize };
}

/** A UTC timestamp as PostgreSQL reads it, with the era for years before 1. */
function postgresTimestamp(date: Date): string {
  const year = date.getUTCFullYear();
  // Years of toISOString are 4 digits in 0000–9999 and signed 6 digits outside.
  const rest = date.toISOString().replace(/^[+-]?\d+/, '');
  if (year >= 1) return `${String(year).padStart(4, '0')}${rest}`;
  return `${String(1 - year).padStart(4, '0')}${rest} BC`;
}

export class PGliteHost {
  private locked = false;
  private readonly waiters: Array<() => void> = [];
  private closing: Promise<void> | undefined;
  private readonly session: PGliteSession;

  private constructor(private readonly pglite: PGlite) {
    this.session = {
      query: <R>(sql: string, params?: unknown[]) => this.pglite.query<R>(sql, params),
      exec: (sql: string) => this.pglite.exec(sql),
    };
  }

  /** Opens (creating when needed) the database in `dataDir`, or an in-memory one without it. */
  static async open(
    dataDir?: string,
    options: Omit<PGliteOptions, 'dataDir'> = {},
  ): Promise<PGliteHost> {
    const module = loadPGlite();
    const pglite = await module.PGlite.create({
      ...options,
      ...(dataDir === undefined ? {} : { dataDir }),
      parsers: { ...nodePostgresCompatibleParsers(module), ...options.parsers },
      serializers: { ...dateSerializers(), ...options.serializers },
    });
    return new PGliteHost(pglite);
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Waits for the session and holds it until the lease is released. */
  async acquire(): Promise<PGliteLease> {
    if (this.closing) {
      throw new Error('PGliteHost is closed');
    }
    // Whoever queued before close() is still served: close() queues behind them.
    await this.lock();
    let released = false;
    return {
      session: this.session,
      release: async () => {
        if (released) {
          return;
        }
        released = true;
        try {
          if (this.pglite.isInTransaction()) {
            await this.pglite.query('ROLLBACK');
          }
        } finally {
          this.unlock();
        }
      },
    };
  }

  /** Runs `fn` holding the session. */
  async withSession<T>(fn: (session: PGliteSession) => Promise<T>): Promise<T> {
    const lease = await this.acquire();
    try {
      return await fn(lease.session);
    } finally {
      await lease.release();
    }
  }

  /**
   * LISTEN on this session. Taken through the queue: LISTEN issued inside someone else's open
   * transaction would only take effect at its commit, and be lost on its rollback.
   */
  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.withSession(() => this.pglite.listen(channel, onNotify));
    return async () => {
      if (!this.closed) {
        await this.withSession(() => unlisten());
      }
    };
  }

  /** Waits for the current holder and everyone queued before, then closes the database. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.lock();
      await this.pglite.close();
    })();
    return this.closing;
  }

  private async lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private unlock(): void {
    const next = this.waiters.shift();
    if (next) {
      next(); // hand over without unlocking, so nobody can slip in between
    } else {
      this.locked = false;
    }
  }
}
