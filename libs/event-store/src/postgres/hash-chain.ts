// Tamper evidence (ADR 0010): every event's hash covers its content and its predecessor's hash in
// the stream (es_events_chain, a trigger of the schema, so nothing is appended without one). This
// walks the chains in the database itself and reports the first broken link in global order, and
// digests the log up to a position: a digest recorded elsewhere (an anchor) later proves that
// nothing up to there was changed, removed or slipped in, whole streams included.
import type { GlobalPosition } from '../event-store.port';
import type { SqlQueryable } from '../sql/sql-database';

export interface BrokenLink {
  streamId: string;
  revision: number;
  eventId?: string;
  /** hash: the event's content or its predecessor changed; gap: an event is missing before it;
   * tail: events are missing at the stream's end; orphan: an event of no stream. */
  reason: 'hash' | 'gap' | 'tail' | 'orphan';
}

export interface HashChainReport {
  events: number;
  streams: number;
  broken: BrokenLink | undefined;
}

/** An anchor: the digest of the log up to and including a position. */
export interface LogDigest {
  position: GlobalPosition;
  events: number;
  digest: string;
}

const FIRST_BROKEN_EVENT_SQL = `
  SELECT stream_id, stream_revision::text AS revision, event_id::text AS event_id,
         CASE WHEN stream_revision <> coalesce(previous_revision + 1, 0) THEN 'gap' ELSE 'hash' END
           AS reason
    FROM (SELECT e.stream_id, e.stream_revision, e.event_id, e.hash, e.transaction_id, e.position,
                 lag(e.stream_revision) OVER w AS previous_revision,
                 es_event_hash(lag(e.hash) OVER w, e) AS expected
            FROM es_events e
          WINDOW w AS (PARTITION BY e.stream_id ORDER BY e.stream_revision)) AS x
   WHERE hash IS DISTINCT FROM expected OR stream_revision <> coalesce(previous_revision + 1, 0)
   ORDER BY transaction_id, position
   LIMIT 1`;

// A stream's revision is that of its last event: fewer events means its end was cut off.
const FIRST_BROKEN_STREAM_SQL = `
  SELECT s.stream_id, s.revision::text AS revision, 'tail' AS reason
    FROM es_streams s
    LEFT JOIN (SELECT stream_id, max(stream_revision) AS last FROM es_events GROUP BY stream_id) e
      ON e.stream_id = s.stream_id
   WHERE coalesce(e.last, -1) <> s.revision
  UNION ALL
  SELECT e.stream_id, e.stream_revision::text, 'orphan'
    FROM es_events e WHERE NOT EXISTS (SELECT 1 FROM es_streams s WHERE s.stream_id = e.stream_id)
   ORDER BY 1
   LIMIT 1`;

export async function verifyHashChain(db: SqlQueryable): Promise<HashChainReport> {
  const [counts] = await db.query<{ events: string; streams: string }>(
    `SELECT count(*)::text AS events, count(DISTINCT stream_id)::text AS streams FROM es_events`,
  );
  const [event] = await db.query<{
    stream_id: string;
    revision: string;
    event_id: string;
    reason: 'hash' | 'gap';
  }>(FIRST_BROKEN_EVENT_SQL);
  const [stream] = event
    ? []
    : await db.query<{ stream_id: string; revision: string; reason: 'tail' | 'orphan' }>(
        FIRST_BROKEN_STREAM_SQL,
      );
  const row = event ?? stream;
  return {
    events: Number(counts.events),
    streams: Number(counts.streams),
    broken: row && {
      streamId: row.stream_id,
      revision: Number(row.revision),
      ...(event ? { eventId: event.event_id } : {}),
      reason: row.reason,
    },
  };
}

/** The digest of the log's event hashes in global order, up to and including `position`. */
export async function digestLog(db: SqlQueryable, position: GlobalPosition): Promise<LogDigest> {
  const [row] = await db.query<{ events: string; digest: string }>(
    `SELECT count(*)::text AS events,
            encode(sha256(coalesce(string_agg(hash, ''::bytea ORDER BY transaction_id, position),
                                   ''::bytea)), 'hex') AS digest
       FROM es_events
      WHERE (transaction_id, position) <= ($1::text::xid8, $2::text::bigint)`,
    [position.transactionId, position.position],
  );
  return { position, events: Number(row.events), digest: row.digest };
}
