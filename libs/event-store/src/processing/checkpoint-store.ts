// Where each processor got to in the global log, written in the same transaction as the
// processor's effect, with compare-and-set so two instances can never both advance it.
import { START_OF_LOG, type GlobalPosition } from '../event-store.port';
import { SqlState, sqlStateOf, type SqlDatabase, type SqlQueryable } from '../sql/sql-database';

export class CheckpointConflictError extends Error {
  readonly code = 'CHECKPOINT_CONFLICT';
  constructor(
    readonly processor: string,
    readonly expected: GlobalPosition,
    readonly actual: GlobalPosition | undefined,
  ) {
    super(
      `Checkpoint of ${processor}: expected ${format(expected)}, found ${actual ? format(actual) : 'none'}`,
    );
    this.name = 'CheckpointConflictError';
  }
}

function format(position: GlobalPosition): string {
  return `(${position.transactionId}, ${position.position})`;
}

function samePosition(a: GlobalPosition, b: GlobalPosition): boolean {
  return a.transactionId === b.transactionId && a.position === b.position;
}

interface CheckpointRow {
  transaction_id: string;
  position: string;
}

/**
 * Works through any SqlQueryable, including TypeORM's `EntityManager.query`, which reliably
 * returns rows only for SELECT: so no statement here relies on an affected-row count.
 */
export class CheckpointStore {
  /** Creates `processor_checkpoints` when missing (idempotent, safe to run concurrently). */
  static async ensureSchema(db: SqlDatabase): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [7_302_201_002]);
      await tx.query(`CREATE TABLE IF NOT EXISTS processor_checkpoints (
        name text PRIMARY KEY,
        transaction_id xid8 NOT NULL,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    });
  }

  /** The stored checkpoint, or the start of the log for a processor that never ran. */
  /**
   * A checkpoint's position (the start of the log when there is none). `FOR SHARE` holds off
   * whoever would move it until the caller's transaction ends.
   */
  async load(q: SqlQueryable, name: string, lock: '' | 'FOR SHARE' = ''): Promise<GlobalPosition> {
    const rows = await q.query<CheckpointRow>(
      `SELECT transaction_id::text AS transaction_id, position::text AS position
       FROM processor_checkpoints WHERE name = $1 ${lock}`,
      [name],
    );
    return rows[0] ? toPosition(rows[0]) : START_OF_LOG;
  }

  /**
   * Moves the checkpoint from `expected` to `next`, or throws CheckpointConflictError when it is
   * not at `expected` (another instance got there first). Call it inside the transaction of the
   * effect: the row lock it takes holds off any other instance until that transaction ends.
   */
  async compareAndSet(
    q: SqlQueryable,
    name: string,
    expected: GlobalPosition,
    next: GlobalPosition,
  ): Promise<void> {
    const rows = await q.query<CheckpointRow>(
      `SELECT transaction_id::text AS transaction_id, position::text AS position
       FROM processor_checkpoints WHERE name = $1 FOR UPDATE`,
      [name],
    );
    const current = rows[0] ? toPosition(rows[0]) : undefined;
    if (current === undefined) {
      if (!samePosition(expected, START_OF_LOG)) {
        throw new CheckpointConflictError(name, expected, undefined);
      }
      try {
        await q.query(
          `INSERT INTO processor_checkpoints (name, transaction_id, position)
           VALUES ($1, $2::text::xid8, $3::text::bigint)`,
          [name, next.transactionId, next.position],
        );
      } catch (error) {
        // Another instance inserted the first checkpoint concurrently (there was no row to lock).
        if (sqlStateOf(error) === SqlState.uniqueViolation) {
          throw new CheckpointConflictError(name, expected, undefined);
        }
        throw error;
      }
      return;
    }
    if (!samePosition(current, expected)) {
      throw new CheckpointConflictError(name, expected, current);
    }
    await q.query(
      `UPDATE processor_checkpoints
       SET transaction_id = $2::text::xid8, position = $3::text::bigint, updated_at = now()
       WHERE name = $1`,
      [name, next.transactionId, next.position],
    );
  }
}

function toPosition(row: CheckpointRow): GlobalPosition {
  return { transactionId: String(row.transaction_id), position: String(row.position) };
}
