// The data keys (table `data_keys`): one per owner — a signal, a subject, an escalation, a contact
// list — kept only wrapped by a key-encryption key, never in events or on the bus. Destroying a
// key (erasure, retention) clears its wrapped bytes: whatever was sealed with it is unreadable
// from then on, wherever a copy of the ciphertext lives. An owner whose key was destroyed gets a
// new one when new data about it comes in; the old data stays unreadable.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  applySqlMigrations,
  type SqlDatabase,
  type SqlMigration,
  type SqlQueryable,
} from '@weerbaar/event-store';
import { UUID_PATTERN } from '@weerbaar/domain';
import { type KeyEncryptionKeys, UnknownKekError } from './key-encryption-keys';

const DATA_KEYS_SCHEMA_LOCK_KEY = 7_302_201_010;

export const DATA_KEY_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    description: 'data keys, wrapped by a key-encryption key, destroyed to erase',
    statements: [
      `CREATE TABLE data_keys (
         id uuid PRIMARY KEY,
         owner text NOT NULL,
         kek_id text,
         wrapped bytea,
         created_at timestamptz NOT NULL,
         destroyed_at timestamptz,
         destroyed_reason text,
         CONSTRAINT data_keys_wrapped_until_destroyed
           CHECK ((destroyed_at IS NULL) = (wrapped IS NOT NULL AND kek_id IS NOT NULL))
       )`,
      // One live key per owner; erased owners keep their destroyed rows (when, why).
      `CREATE UNIQUE INDEX data_keys_live_owner ON data_keys (owner) WHERE destroyed_at IS NULL`,
      `CREATE INDEX data_keys_owner ON data_keys (owner)`,
      // Retention looks for the live keys of signals by age.
      `CREATE INDEX data_keys_signal_age ON data_keys (created_at)
         WHERE destroyed_at IS NULL AND owner LIKE 'signal:%'`,
      `CREATE INDEX data_keys_kek ON data_keys (kek_id) WHERE destroyed_at IS NULL`,
    ],
  },
];

export async function ensureDataKeySchema(db: SqlDatabase): Promise<void> {
  await applySqlMigrations(db, {
    table: 'data_keys_schema_migrations',
    lockKey: DATA_KEYS_SCHEMA_LOCK_KEY,
    migrations: DATA_KEY_MIGRATIONS,
  });
}

export interface DataKey {
  id: string;
  key: Buffer;
}

export type DestroyReason = 'ERASURE' | 'RETENTION';

interface KeyRow {
  id: string;
  owner: string;
  kek_id: string | null;
  wrapped: Uint8Array | null;
}

/** The owners of the appends that came while the previous key statement ran: one statement. */
interface KeyBatch {
  owners: Set<string>;
  keys: Promise<Map<string, DataKey>>;
}

export class DataKeys {
  /** The batch still taking owners; it starts when the statement before it is done. */
  private open: KeyBatch | undefined;
  private previous: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: SqlQueryable,
    private readonly keks: KeyEncryptionKeys,
  ) {}

  /** The same keys, read and written through `q` (a transaction that holds the connection). */
  on(q: SqlQueryable): DataKeys {
    return new DataKeys(q, this.keks);
  }

  /**
   * The live key of each owner, made where there is none. Every append needs this before it is
   * stored: callers that come while a statement runs share the next one, as the event store
   * groups their appends, so concurrent intake costs one statement per group, not per signal.
   */
  async liveKeys(owners: readonly string[], now: Date): Promise<Map<string, DataKey>> {
    let batch = this.open;
    if (batch === undefined) {
      const waiting = new Set<string>();
      const opened: KeyBatch = {
        owners: waiting,
        keys: this.previous.then(() => {
          if (this.open === opened) this.open = undefined;
          return this.makeOrRead([...waiting], now);
        }),
      };
      this.previous = opened.keys.catch(() => undefined);
      this.open = batch = opened;
    }
    for (const owner of owners) batch.owners.add(owner);
    const keys = await batch.keys;
    return new Map(owners.map((owner) => [owner, keys.get(owner)!]));
  }

  /** One statement in the usual case: makes the keys the owners lack, reads the others. */
  private async makeOrRead(owners: readonly string[], now: Date): Promise<Map<string, DataKey>> {
    const wanted = [...new Set(owners)];
    const found = new Map<string, DataKey>();
    // A concurrent writer may create an owner's key after this statement's snapshot: the insert
    // then yields to it and the select does not see it yet; the next round does.
    for (let round = 0; round < 3 && found.size < wanted.length; round++) {
      const missing = wanted.filter((owner) => !found.has(owner));
      const fresh = missing.map((owner) => {
        const id = randomUUID();
        const { kekId, wrapped } = this.keks.wrap(id, randomBytes(32));
        return { id, owner, kekId, wrapped: wrapped.toString('hex') };
      });
      const rows = await this.db.query<KeyRow>(
        `WITH fresh AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
             AS f(id, owner, kek_id, wrapped_hex)
         ), inserted AS (
           INSERT INTO data_keys (id, owner, kek_id, wrapped, created_at)
           SELECT id, owner, kek_id, decode(wrapped_hex, 'hex'), $5 FROM fresh
           ON CONFLICT (owner) WHERE destroyed_at IS NULL DO NOTHING
           RETURNING id, owner, kek_id, wrapped
         )
         SELECT id, owner, kek_id, wrapped FROM inserted
         UNION ALL
         SELECT id, owner, kek_id, wrapped FROM data_keys
          WHERE owner = ANY($2::text[]) AND destroyed_at IS NULL`,
        [
          fresh.map((f) => f.id),
          fresh.map((f) => f.owner),
          fresh.map((f) => f.kekId),
          fresh.map((f) => f.wrapped),
          now.toISOString(),
        ],
      );
      for (const row of rows) found.set(row.owner, { id: row.id, key: this.unwrap(row) });
    }
    if (found.size < wanted.length) throw new Error('no live data key could be made');
    return found;
  }

  /** The keys of these ids that are live; a destroyed or unknown id is absent. */
  async byIds(ids: readonly string[]): Promise<Map<string, Buffer>> {
    const valid = [...new Set(ids)].filter((id) => UUID_PATTERN.test(id));
    if (valid.length === 0) return new Map();
    const rows = await this.db.query<KeyRow>(
      `SELECT id, owner, kek_id, wrapped FROM data_keys
        WHERE id = ANY($1::uuid[]) AND destroyed_at IS NULL`,
      [valid],
    );
    return new Map(rows.map((row) => [row.id, this.unwrap(row)]));
  }

  /** Destroys the owner's live key; the number destroyed (0 when it had none). */
  async destroy(owner: string, reason: DestroyReason, now: Date): Promise<number> {
    const rows = await this.db.query(
      `UPDATE data_keys SET wrapped = NULL, kek_id = NULL, destroyed_at = $2, destroyed_reason = $3
        WHERE owner = $1 AND destroyed_at IS NULL RETURNING id`,
      [owner, now.toISOString(), reason],
    );
    return rows.length;
  }

  /**
   * Destroys up to `limit` live keys of signals made before `before`, oldest first; how many. A
   * signal's key is made when it is recorded.
   */
  async destroySignalKeysBefore(before: Date, now: Date, limit: number): Promise<number> {
    const rows = await this.db.query(
      `UPDATE data_keys SET wrapped = NULL, kek_id = NULL, destroyed_at = $2,
              destroyed_reason = 'RETENTION'
        WHERE id IN (SELECT id FROM data_keys
                      WHERE destroyed_at IS NULL AND owner LIKE 'signal:%' AND created_at < $1
                      ORDER BY created_at LIMIT $3)
          AND destroyed_at IS NULL
        RETURNING id`,
      [before.toISOString(), now.toISOString(), limit],
    );
    return rows.length;
  }

  /** Whether the owner ever had a key, and when the last one was destroyed while none is live. */
  async ownerStatus(
    owner: string,
  ): Promise<{ known: boolean; live: boolean; erasedAt: Date | undefined }> {
    const [row] = await this.db.query<{ keys: number; live: number; erased_at: Date | null }>(
      `SELECT count(*)::int AS keys, count(*) FILTER (WHERE destroyed_at IS NULL)::int AS live,
              max(destroyed_at) AS erased_at
         FROM data_keys WHERE owner = $1`,
      [owner],
    );
    const live = Number(row.live) > 0;
    return {
      known: Number(row.keys) > 0,
      live,
      erasedAt: live || row.erased_at === null ? undefined : new Date(row.erased_at),
    };
  }

  /**
   * Fails when a live key is wrapped by a KEK this process was not given. Runs at every start:
   * it skips through the KEK index from one id to the next (a handful), never over the keys.
   */
  async assertKeksKnown(): Promise<void> {
    const rows = await this.db.query<{ kek_id: string }>(
      `WITH RECURSIVE used AS (
         (SELECT kek_id FROM data_keys WHERE destroyed_at IS NULL ORDER BY kek_id LIMIT 1)
         UNION ALL
         SELECT (SELECT d.kek_id FROM data_keys d
                  WHERE d.destroyed_at IS NULL AND d.kek_id > used.kek_id
                  ORDER BY d.kek_id LIMIT 1)
           FROM used WHERE used.kek_id IS NOT NULL
       )
       SELECT kek_id FROM used WHERE kek_id IS NOT NULL AND NOT (kek_id = ANY($1::text[]))`,
      [this.keks.ids],
    );
    if (rows.length > 0) throw new UnknownKekError(rows.map((row) => row.kek_id));
  }

  /**
   * Wraps every live key again with the current KEK, `batch` at a time; the number re-wrapped.
   * Afterwards the previous KEKs open nothing and can be dropped from the configuration.
   */
  async rewrapAll(batch = 1_000): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.db.query<KeyRow>(
        `SELECT id, owner, kek_id, wrapped FROM data_keys
          WHERE destroyed_at IS NULL AND kek_id <> $1 LIMIT $2`,
        [this.keks.current.id, batch],
      );
      if (rows.length === 0) return total;
      const rewrapped = rows.map((row) => {
        const { kekId, wrapped } = this.keks.wrap(row.id, this.unwrap(row));
        return { id: row.id, kekId, wrapped: wrapped.toString('hex') };
      });
      await this.db.query(
        `UPDATE data_keys d SET kek_id = r.kek_id, wrapped = decode(r.wrapped_hex, 'hex')
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(id, kek_id, wrapped_hex)
          WHERE d.id = r.id AND d.destroyed_at IS NULL`,
        [
          rewrapped.map((r) => r.id),
          rewrapped.map((r) => r.kekId),
          rewrapped.map((r) => r.wrapped),
        ],
      );
      total += rows.length;
    }
  }

  private unwrap(row: KeyRow): Buffer {
    if (row.wrapped === null || row.kek_id === null)
      throw new Error(`data key ${row.id} is destroyed`);
    return this.keks.unwrap(row.id, row.kek_id, Buffer.from(row.wrapped));
  }
}
