// The narrow SQL access the event store and its processors need, so the same code runs on a
// PostgreSQL server (node-postgres) and on the embedded engine (PGlite).

export interface SqlQueryable {
  /** Runs one statement; `$1`… placeholders. Returns the rows (empty for statements without rows). */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface SqlDatabase extends SqlQueryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction (READ COMMITTED): committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` holding the one session of a single-session engine (PGlite), each statement its
   * own transaction; resolves once the session is free for `fn`. Absent where connections are
   * pooled.
   */
  withSession?<T>(fn: (q: SqlQueryable) => Promise<T>): Promise<T>;
  /** LISTENs on `channel`; resolves once listening, with a function that stops it. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** SQLSTATE codes the event store reacts to. */
export const SqlState = {
  uniqueViolation: '23505',
  deadlockDetected: '40P01',
  serializationFailure: '40001',
  lockNotAvailable: '55P03',
} as const;

/** The SQLSTATE of a database error, from node-postgres, PGlite or TypeORM's QueryFailedError. */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return code;
  }
  const driverError = (error as { driverError?: unknown }).driverError;
  return driverError === undefined ? undefined : sqlStateOf(driverError);
}

/** The constraint a database error names (unique violations), from either driver. */
export function constraintOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const constraint = (error as { constraint?: unknown }).constraint;
  if (typeof constraint === 'string') {
    return constraint;
  }
  const driverError = (error as { driverError?: unknown }).driverError;
  return driverError === undefined ? undefined : constraintOf(driverError);
}

/**
 * An Error as is; anything else wrapped. Duck-typed rather than `instanceof Error`: errors from
 * PGlite may come from another realm (see PGliteHost) and must keep their SQLSTATE.
 */
export function asError(error: unknown): Error {
  if (error !== null && typeof error === 'object' && 'message' in error) {
    return error as Error;
  }
  return new Error(String(error));
}
