// The risk ledger's changes of one batch (ADR 0006). A live signal version counts from the moment
// it is both known and has occurred, max(recordedAt, occurredAt), until the moment it is
// superseded; each start and stop is a change of the municipality's totals at that moment. Each
// ledger row holds the totals of every change up to and including its moment, so whichever batches
// the events come in, the rows are the same: the sums are exact integers, and a change that lands
// before rows already written (a signal that occurs a few minutes after it was recorded, or
// writers whose clocks and commits interleave) is added to every later row too.
import type { EntityManager } from 'typeorm';
import {
  AANGIFTE_CATEGORIES,
  type Category,
  exactDecayedTerm,
  type ExactSumConfig,
} from '@weerbaar/domain';

/** What of a signal version the ledger needs. */
export interface LedgerVersion {
  municipality: string;
  category: string;
  severity: number;
  occurredAt: Date;
  policeReportFiled: boolean;
  withheldFromMayor: boolean;
  /** When the event that produced this version was recorded. */
  recordedAt: Date;
  /** Only LIVE versions count. */
  status: string;
}

interface Totals {
  scoreSum: bigint;
  live: number;
  eligible: number;
  filed: number;
}

interface Change extends Totals {
  municipality: string;
  withheld: boolean;
  atMs: number;
}

const zero = (): Totals => ({ scoreSum: 0n, live: 0, eligible: 0, filed: 0 });

/** From when a version counts: once it is known and has occurred. */
export const countsFrom = (version: LedgerVersion): number =>
  Math.max(version.recordedAt.getTime(), version.occurredAt.getTime());

export class RiskLedgerChanges {
  private readonly changes = new Map<string, Change>();
  private readonly heads = new Map<string, string>();

  constructor(private readonly config: ExactSumConfig) {}

  /** A new version: it counts from countsFrom if it is live. */
  start(version: LedgerVersion): void {
    if (version.status === 'LIVE') this.change(version, countsFrom(version), +1);
  }

  /** A version superseded at `supersededAt`: it stops counting then, or never counted at all. */
  stop(version: LedgerVersion, supersededAt: Date): void {
    if (version.status !== 'LIVE') return;
    this.change(version, Math.max(countsFrom(version), supersededAt.getTime()), -1);
  }

  /** Marks the municipality's picture as changed by the event. */
  touch(municipality: string, eventId: string): void {
    this.heads.set(municipality, eventId);
  }

  private change(version: LedgerVersion, atMs: number, sign: 1 | -1): void {
    const key = `${version.municipality}|${version.withheldFromMayor}|${atMs}`;
    const change = this.changes.get(key) ?? {
      municipality: version.municipality,
      withheld: version.withheldFromMayor,
      atMs,
      ...zero(),
    };
    const weight = this.config.categoryWeights[version.category as Category] * version.severity;
    const term = exactDecayedTerm(weight, version.occurredAt.getTime(), this.config.halfLifeDays);
    const eligible = AANGIFTE_CATEGORIES.includes(version.category as Category);
    change.scoreSum += sign > 0 ? term : -term;
    change.live += sign;
    change.eligible += eligible ? sign : 0;
    change.filed += eligible && version.policeReportFiled ? sign : 0;
    this.changes.set(key, change);
  }

  async flush(em: EntityManager): Promise<void> {
    await this.flushLedger(em);
    if (this.heads.size > 0) {
      await em.query(
        `INSERT INTO municipality_risk_heads (municipality, last_event_id)
         SELECT * FROM unnest($1::varchar[], $2::uuid[])
         ON CONFLICT (municipality) DO UPDATE SET last_event_id = EXCLUDED.last_event_id`,
        [[...this.heads.keys()], [...this.heads.values()]],
      );
    }
  }

  private async flushLedger(em: EntityManager): Promise<void> {
    if (this.changes.size === 0) return;
    const perKey = new Map<string, Change[]>();
    for (const change of this.changes.values()) {
      const key = `${change.municipality}|${change.withheld}`;
      const list = perKey.get(key);
      if (list) list.push(change);
      else perKey.set(key, [change]);
    }
    const latest = await latestRows(
      em,
      [...perKey.values()].map((list) => list[0]),
    );
    const appended: Change[] = [];
    const late: Change[] = [];
    for (const [key, list] of perKey) {
      list.sort((a, b) => a.atMs - b.atMs);
      const last = latest.get(key);
      const running = zero();
      if (last) addTo(running, last);
      for (const change of list) {
        const beforeLast = last !== undefined && change.atMs <= last.atMs;
        if (beforeLast) late.push(change);
        addTo(running, change);
        if (!beforeLast) appended.push({ ...change, ...running, atMs: change.atMs });
      }
    }
    await addBeforeLast(em, late);
    if (appended.length === 0) return;
    await em.query(
      `INSERT INTO risk_ledger (municipality, withheld, at, score_sum, live, eligible, filed)
       SELECT * FROM unnest($1::varchar[], $2::boolean[], $3::timestamptz[], $4::numeric[],
         $5::int[], $6::int[], $7::int[])`,
      [
        appended.map((c) => c.municipality),
        appended.map((c) => c.withheld),
        appended.map((c) => new Date(c.atMs).toISOString()),
        appended.map((c) => c.scoreSum.toString()),
        appended.map((c) => c.live),
        appended.map((c) => c.eligible),
        appended.map((c) => c.filed),
      ],
    );
  }
}

function addTo(totals: Totals, change: Totals): void {
  totals.scoreSum += change.scoreSum;
  totals.live += change.live;
  totals.eligible += change.eligible;
  totals.filed += change.filed;
}

/** The last row of each municipality and partition, keyed `municipality|withheld`. */
async function latestRows(
  em: EntityManager,
  keys: readonly Change[],
): Promise<Map<string, Totals & { atMs: number }>> {
  const rows = await em.query<
    {
      municipality: string;
      withheld: boolean;
      at: Date;
      score_sum: string;
      live: number;
      eligible: number;
      filed: number;
    }[]
  >(
    `SELECT k.m AS municipality, k.w AS withheld, l.at, l.score_sum::text AS score_sum, l.live,
            l.eligible, l.filed
       FROM unnest($1::varchar[], $2::boolean[]) AS k(m, w)
       CROSS JOIN LATERAL (
         SELECT at, score_sum, live, eligible, filed FROM risk_ledger
          WHERE municipality = k.m AND withheld = k.w ORDER BY at DESC LIMIT 1) l`,
    [keys.map((k) => k.municipality), keys.map((k) => k.withheld)],
  );
  return new Map(
    rows.map((row) => [
      `${row.municipality}|${row.withheld}`,
      {
        atMs: new Date(row.at).getTime(),
        scoreSum: BigInt(row.score_sum),
        live: Number(row.live),
        eligible: Number(row.eligible),
        filed: Number(row.filed),
      },
    ]),
  );
}

/**
 * Changes at or before rows already written: each gets a row of its own (when there is none at
 * its moment yet, starting from the totals before it), and every row at or after a change's
 * moment gets the change added. Two statements for all of them.
 */
async function addBeforeLast(em: EntityManager, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return;
  const keys = [
    changes.map((c) => c.municipality),
    changes.map((c) => c.withheld),
    changes.map((c) => new Date(c.atMs).toISOString()),
  ];
  // The copied totals are those before any of these changes (a statement does not see its own
  // rows); the update below then adds to every row the changes at or before it.
  await em.query(
    `INSERT INTO risk_ledger (municipality, withheld, at, score_sum, live, eligible, filed)
     SELECT c.m, c.w, c.at, COALESCE(p.score_sum, 0), COALESCE(p.live, 0),
            COALESCE(p.eligible, 0), COALESCE(p.filed, 0)
       FROM unnest($1::varchar[], $2::boolean[], $3::timestamptz[]) AS c(m, w, at)
       LEFT JOIN LATERAL (
         SELECT score_sum, live, eligible, filed FROM risk_ledger
          WHERE municipality = c.m AND withheld = c.w AND at < c.at ORDER BY at DESC LIMIT 1) p
         ON true
     ON CONFLICT (municipality, withheld, at) DO NOTHING`,
    keys,
  );
  await em.query(
    `UPDATE risk_ledger l SET score_sum = l.score_sum + d.score_sum, live = l.live + d.live,
            eligible = l.eligible + d.eligible, filed = l.filed + d.filed
       FROM (SELECT r.municipality, r.withheld, r.at, sum(c.score_sum) AS score_sum,
                    sum(c.live)::int AS live, sum(c.eligible)::int AS eligible,
                    sum(c.filed)::int AS filed
               FROM unnest($1::varchar[], $2::boolean[], $3::timestamptz[], $4::numeric[],
                      $5::int[], $6::int[], $7::int[])
                    AS c(m, w, at, score_sum, live, eligible, filed)
               JOIN risk_ledger r ON r.municipality = c.m AND r.withheld = c.w AND r.at >= c.at
              GROUP BY r.municipality, r.withheld, r.at) d
      WHERE l.municipality = d.municipality AND l.withheld = d.withheld AND l.at = d.at`,
    [
      ...keys,
      changes.map((c) => c.scoreSum.toString()),
      changes.map((c) => c.live),
      changes.map((c) => c.eligible),
      changes.map((c) => c.filed),
    ],
  );
}
