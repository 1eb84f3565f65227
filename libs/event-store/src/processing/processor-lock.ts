// One active instance per processor name: a PostgreSQL advisory lock held by a dedicated session
// (released by the server when the process dies, because its session ends), or, for the embedded
// single-process shape, an in-process lock.
import type { Client } from 'pg';
import type { PgDatabase } from '../sql/pg-database';

export interface ProcessorLockLease {
  /** Aborts when the lock is lost (its session died): the holder must stop and acquire again. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export interface ProcessorLock {
  /** Waits until this instance holds the lock for `name`; undefined when `signal` aborts first. */
  acquire(name: string, signal?: AbortSignal): Promise<ProcessorLockLease | undefined>;
}

/** Arbitrary constant first key of the two-key advisory lock: the class "processor". */
const PROCESSOR_LOCK_CLASS = 730_220;

export interface PgAdvisoryProcessorLockOptions {
  /** How often a standby instance tries again (default 2 s). */
  retryMs?: number;
  /** How often the holder checks that its session is alive (default 5 s). */
  keepAliveMs?: number;
}

export class PgAdvisoryProcessorLock implements ProcessorLock {
  constructor(
    private readonly db: Pick<PgDatabase, 'openDedicatedClient'>,
    private readonly options: PgAdvisoryProcessorLockOptions = {},
  ) {}

  async acquire(name: string, signal?: AbortSignal): Promise<ProcessorLockLease | undefined> {
    let client: Client | undefined;
    try {
      while (!signal?.aborted) {
        try {
          client ??= await this.openWaitingClient();
          const rows = await client.query<{ locked: boolean }>(
            'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
            [PROCESSOR_LOCK_CLASS, name],
          );
          if (rows.rows[0]?.locked) {
            const lease = this.lease(client, name);
            client = undefined; // the lease owns it now
            return lease;
          }
        } catch {
          // The server is unreachable or the session died: start over with a new session.
          await client?.end().catch(() => undefined);
          client = undefined;
        }
        await sleep(this.options.retryMs ?? 2_000, signal);
      }
      return undefined;
    } finally {
      await client?.end().catch(() => undefined);
    }
  }

  private async openWaitingClient(): Promise<Client> {
    const client = await this.db.openDedicatedClient();
    // Between tries the session is idle: when it dies (the server restarts, an administrator
    // ends it) node-postgres emits 'error', which unheard would crash the process. The next try's
    // query fails instead, and acquire starts over with a new session.
    client.on('error', () => undefined);
    return client;
  }

  private lease(client: Client, name: string): ProcessorLockLease {
    const lost = new AbortController();
    let released = false;
    const markLost = (): void => {
      clearInterval(keepAlive);
      if (!released) {
        lost.abort(new Error(`Lost the advisory lock of processor ${name}`));
      }
    };
    client.on('error', markLost);
    client.on('end', markLost);
    // A session can die without an event until the next query (network gone): check regularly.
    const keepAlive = setInterval(() => {
      client.query('SELECT 1').catch(() => {
        markLost();
        client.end().catch(() => undefined);
      });
    }, this.options.keepAliveMs ?? 5_000);
    keepAlive.unref();
    return {
      lost: lost.signal,
      release: async () => {
        if (released) {
          return;
        }
        released = true;
        clearInterval(keepAlive);
        try {
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
            PROCESSOR_LOCK_CLASS,
            name,
          ]);
        } catch {
          // Ending the session below releases the lock anyway.
        }
        await client.end().catch(() => undefined);
      },
    };
  }
}

/**
 * For the embedded shape (one process, PGlite): one holder per name within this process; a second
 * acquirer waits for the first to release.
 */
export class InProcessProcessorLock implements ProcessorLock {
  private readonly holders = new Map<string, Promise<void>>();

  async acquire(name: string, signal?: AbortSignal): Promise<ProcessorLockLease | undefined> {
    while (this.holders.has(name)) {
      if (signal?.aborted) {
        return undefined;
      }
      await Promise.race([this.holders.get(name), abortPromise(signal)]);
    }
    if (signal?.aborted) {
      return undefined;
    }
    let free: () => void = () => undefined;
    this.holders.set(name, new Promise<void>((resolve) => (free = resolve)));
    let released = false;
    return {
      lost: new AbortController().signal, // an in-process lock cannot be lost
      release: async () => {
        if (!released) {
          released = true;
          this.holders.delete(name);
          free();
        }
      },
    };
  }
}

function abortPromise(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) =>
    signal?.addEventListener('abort', () => resolve(), { once: true }),
  );
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
