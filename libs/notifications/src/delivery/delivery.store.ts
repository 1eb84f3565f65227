// The delivery queue in SQL: deliveries are enqueued once (their id is derived from what they
// carry), claimed by a worker for a lease, and their attempts recorded. A worker that dies while
// holding a lease leaves the delivery to be tried again when the lease ends: a delivery may be
// repeated, never skipped.
import type { GlobalPosition, SqlQueryable } from '@weerbaar/event-store';

export const DELIVERY_KINDS = [
  'RIEC_EMAIL',
  'RIEC_WEBHOOK',
  'MAYOR_SUMMARY',
  'MAYOR_DIGEST',
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export interface NewDelivery {
  deliveryId: string;
  kind: DeliveryKind;
  channel: 'EMAIL' | 'WEBHOOK';
  /** An e-mail address or a webhook URL. Secrets are looked up when sending, never stored here. */
  recipient: string;
  escalationId: string | null;
  revision: number | null;
  municipality: string | null;
  /** What the message is made of: facts without personal data of subjects. */
  payload: Record<string, unknown>;
  /** The read models must have projected this far before the message is written (summaries). */
  waitForReadModels: GlobalPosition | null;
}

export interface Delivery extends NewDelivery {
  status: 'PENDING' | 'DELIVERED' | 'FAILED' | 'SKIPPED';
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface DeliveryAttempt {
  attempt: number;
  at: Date;
  outcome: 'DELIVERED' | 'FAILED';
  detail: string;
}

interface DeliveryRow {
  delivery_id: string;
  kind: DeliveryKind;
  channel: 'EMAIL' | 'WEBHOOK';
  recipient: string;
  escalation_id: string | null;
  revision: number | null;
  municipality: string | null;
  payload: Record<string, unknown> | string;
  wait_for_read_models: GlobalPosition | string | null;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: Date | string;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const COLUMNS = `delivery_id::text AS delivery_id, kind, channel, recipient,
  escalation_id::text AS escalation_id, revision, municipality, payload, wait_for_read_models,
  status, attempts, next_attempt_at, created_at, finished_at`;

export class DeliveryStore {
  /** Queues deliveries; one already queued (same id) is left as it is. */
  async enqueue(q: SqlQueryable, deliveries: readonly NewDelivery[], now: Date): Promise<void> {
    if (deliveries.length === 0) return;
    await q.query(
      `INSERT INTO notification_deliveries (delivery_id, kind, channel, recipient, escalation_id,
              revision, municipality, payload, wait_for_read_models, status, attempts,
              next_attempt_at, created_at)
       SELECT delivery_id, kind, channel, recipient, escalation_id, revision, municipality,
              payload, wait_for_read_models, 'PENDING', 0, $2::timestamptz, $2::timestamptz
         FROM jsonb_to_recordset($1::jsonb) AS x(delivery_id uuid, kind varchar, channel varchar,
              recipient text, escalation_id uuid, revision integer, municipality varchar,
              payload jsonb, wait_for_read_models jsonb)
       ON CONFLICT (delivery_id) DO NOTHING`,
      [
        JSON.stringify(
          deliveries.map((d) => ({
            delivery_id: d.deliveryId,
            kind: d.kind,
            channel: d.channel,
            recipient: d.recipient,
            escalation_id: d.escalationId,
            revision: d.revision,
            municipality: d.municipality,
            payload: d.payload,
            wait_for_read_models: d.waitForReadModels,
          })),
        ),
        now.toISOString(),
      ],
    );
  }

  /**
   * Claims up to `limit` deliveries that are due, for `leaseMs`: until then no other worker
   * takes them. SKIP LOCKED lets workers of several processes share the queue.
   */
  async claimDue(q: SqlQueryable, now: Date, limit: number, leaseMs: number): Promise<Delivery[]> {
    const rows = await q.query<DeliveryRow>(
      `UPDATE notification_deliveries SET locked_until = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
        WHERE delivery_id IN (
          SELECT delivery_id FROM notification_deliveries
           WHERE status = 'PENDING' AND next_attempt_at <= $2::timestamptz
             AND (locked_until IS NULL OR locked_until <= $2::timestamptz)
           ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
      [limit, now.toISOString(), leaseMs],
    );
    return rows
      .map(toDelivery)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
  }

  /** When the next pending delivery is due (undefined when none is pending). */
  async nextDueAt(q: SqlQueryable): Promise<Date | undefined> {
    const [row] = await q.query<{ due: Date | string | null }>(
      `SELECT min(greatest(next_attempt_at, coalesce(locked_until, next_attempt_at))) AS due
         FROM notification_deliveries WHERE status = 'PENDING'`,
    );
    return row?.due === null || row?.due === undefined ? undefined : new Date(row.due);
  }

  /** Puts a claimed delivery back without counting an attempt (it could not be written yet). */
  async postpone(q: SqlQueryable, deliveryId: string, until: Date): Promise<void> {
    await q.query(
      `UPDATE notification_deliveries SET next_attempt_at = $2::timestamptz, locked_until = NULL
        WHERE delivery_id = $1::uuid`,
      [deliveryId, until.toISOString()],
    );
  }

  /**
   * Records one attempt; `next` says what follows: another try at that moment, or the final
   * status. Returns the number of attempts made.
   */
  async recordAttempt(
    q: SqlQueryable,
    deliveryId: string,
    attempt: Omit<DeliveryAttempt, 'attempt'>,
    next: { retryAt: Date } | { status: 'DELIVERED' | 'FAILED' },
  ): Promise<number> {
    const [{ attempts }] = await q.query<{ attempts: number }>(
      `UPDATE notification_deliveries
          SET attempts = attempts + 1, locked_until = NULL,
              next_attempt_at = coalesce($3::timestamptz, next_attempt_at),
              status = coalesce($4, status),
              finished_at = CASE WHEN $4::text IS NULL THEN NULL ELSE $2::timestamptz END
        WHERE delivery_id = $1::uuid RETURNING attempts`,
      [
        deliveryId,
        attempt.at.toISOString(),
        'retryAt' in next ? next.retryAt.toISOString() : null,
        'status' in next ? next.status : null,
      ],
    );
    await q.query(
      `INSERT INTO notification_attempts (delivery_id, attempt, at, outcome, detail)
       VALUES ($1::uuid, $2, $3::timestamptz, $4, $5) ON CONFLICT DO NOTHING`,
      [deliveryId, attempts, attempt.at.toISOString(), attempt.outcome, attempt.detail],
    );
    return Number(attempts);
  }

  /** A delivery that turned out to have nothing to say (e.g. everything withheld). */
  async skip(q: SqlQueryable, deliveryId: string, now: Date): Promise<void> {
    await q.query(
      `UPDATE notification_deliveries SET status = 'SKIPPED', locked_until = NULL,
              finished_at = $2::timestamptz WHERE delivery_id = $1::uuid`,
      [deliveryId, now.toISOString()],
    );
  }

  /** The deliveries of an escalation with their attempts, oldest first. */
  async ofEscalation(
    q: SqlQueryable,
    escalationId: string,
  ): Promise<(Delivery & { attemptLog: DeliveryAttempt[] })[]> {
    const rows = await q.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE escalation_id = $1::uuid
        ORDER BY created_at, kind, recipient`,
      [escalationId],
    );
    if (rows.length === 0) return [];
    const attempts = await q.query<{
      delivery_id: string;
      attempt: number;
      at: Date | string;
      outcome: DeliveryAttempt['outcome'];
      detail: string;
    }>(
      `SELECT delivery_id::text AS delivery_id, attempt, at, outcome, detail
         FROM notification_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY attempt`,
      [rows.map((row) => row.delivery_id)],
    );
    return rows.map((row) => ({
      ...toDelivery(row),
      attemptLog: attempts
        .filter((a) => a.delivery_id === row.delivery_id)
        .map((a) => ({
          attempt: Number(a.attempt),
          at: new Date(a.at),
          outcome: a.outcome,
          detail: a.detail,
        })),
    }));
  }

  async isDigestWeekClaimed(q: SqlQueryable, week: string): Promise<boolean> {
    const rows = await q.query(`SELECT 1 FROM notification_digests WHERE week = $1`, [week]);
    return rows.length > 0;
  }

  /** Marks the digest of a week as queued; false when it was already (the week is done). */
  async claimDigestWeek(
    q: SqlQueryable,
    week: string,
    scheduledAt: Date,
    now: Date,
  ): Promise<boolean> {
    const rows = await q.query<{ week: string }>(
      `INSERT INTO notification_digests (week, scheduled_at, created_at)
       VALUES ($1, $2::timestamptz, $3::timestamptz) ON CONFLICT (week) DO NOTHING RETURNING week`,
      [week, scheduledAt.toISOString(), now.toISOString()],
    );
    return rows.length > 0;
  }
}

const json = <T>(value: T | string): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

function toDelivery(row: DeliveryRow): Delivery {
  return {
    deliveryId: row.delivery_id,
    kind: row.kind,
    channel: row.channel,
    recipient: row.recipient,
    escalationId: row.escalation_id,
    revision: row.revision === null ? null : Number(row.revision),
    municipality: row.municipality,
    payload: json(row.payload),
    waitForReadModels: row.wait_for_read_models === null ? null : json(row.wait_for_read_models),
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(row.next_attempt_at),
    createdAt: new Date(row.created_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}
