// Risk pictures as known at a moment (ADR 0006), from the read models without touching history:
// the score, live signals and aangifte counts (now and at the trend's moment) are one indexed
// lookup each in the risk ledger; the windows and the last signal are counted by SQL over the
// signal versions that occurred within the longest window, and for the current picture kept in
// memory for as long as they cannot have changed.
import type { DataSource } from 'typeorm';
import {
  addDays,
  aggregateRegionRisk,
  assembleMunicipalityRisk,
  DAY_MS,
  emptySubcategoryCounts,
  exactSumScoreAt,
  mapWindows,
  type MunicipalityRisk,
  RISK_WINDOWS,
  type RegionRisk,
  type RiskConfig,
  type SubcategoryCounts,
  type WindowCounts,
} from '@weerbaar/domain';
import { SHOWN_TO_MAYOR } from './mayor-view';

// PostgreSQL has no year 0: a window or trend moment before year 1 (asked for a picture as of the
// earliest moment) is taken as year 1, before which nothing can have occurred or been recorded.
const FIRST_INSTANT_MS = Date.parse('0001-01-01T00:00:00.000Z');
const sqlInstant = (moment: Date): string =>
  new Date(Math.max(moment.getTime(), FIRST_INSTANT_MS)).toISOString();

/** Whose picture it is: the burgemeester's leaves out signals withheld from them. */
export interface PictureViewer {
  forMayor?: boolean;
}

export interface RiskPictures {
  pictures: MunicipalityRisk[];
  openEscalations: Map<string, number>;
}

/** The pictures of several municipalities as of one moment, with their trend's knowledge. */
export async function riskPicturesAsOf(
  dataSource: DataSource,
  municipalities: readonly string[],
  asOf: Date,
  config: RiskConfig,
  viewer: PictureViewer = {},
): Promise<RiskPictures> {
  const openEscalations = new Map<string, number>();
  if (municipalities.length === 0) return { pictures: [], openEscalations };
  const forMayor = viewer.forMayor === true;
  const previousAsOf = addDays(asOf, -config.trend.lookbackDays);
  const totals = await ledgerTotals(dataSource, municipalities, asOf, previousAsOf, forMayor);
  const windows = await windowsOf(dataSource, totals, asOf, forMayor);
  const h = config.halfLifeDays;
  const pictures = totals.map((row) => {
    openEscalations.set(row.municipality, row.openEscalations);
    const parts = windows.get(row.municipality)!;
    return assembleMunicipalityRisk({
      municipality: row.municipality,
      asOf,
      config,
      score: exactSumScoreAt(row.scoreSum, asOf.getTime(), h),
      previousScore: exactSumScoreAt(row.previousScoreSum, previousAsOf.getTime(), h),
      subcategoryCounts: parts.subcategoryCounts,
      aangifte: { filed: row.filed, eligible: row.eligible },
      lastSignalAt: parts.lastSignalAt,
      liveSignals: row.live,
    });
  });
  return { pictures, openEscalations };
}

export async function regionRiskAsOf(
  dataSource: DataSource,
  riecRegion: string,
  municipalities: readonly string[],
  asOf: Date,
  config: RiskConfig,
): Promise<RiskPictures & { region: RegionRisk }> {
  const result = await riskPicturesAsOf(dataSource, municipalities, asOf, config);
  const region = aggregateRegionRisk({ riecRegion, asOf, municipalities: result.pictures, config });
  return { ...result, region };
}

interface LedgerTotals {
  municipality: string;
  /** The last event that changed the picture (null before the first). */
  head: string | null;
  scoreSum: bigint;
  previousScoreSum: bigint;
  live: number;
  eligible: number;
  filed: number;
  openEscalations: number;
}

/**
 * The ledger's totals of each municipality as known at `asOf` and at `previousAsOf`, its head,
 * and its escalations open at `asOf`: one statement, a few index probes per municipality.
 */
async function ledgerTotals(
  dataSource: DataSource,
  municipalities: readonly string[],
  asOf: Date,
  previousAsOf: Date,
  forMayor: boolean,
): Promise<LedgerTotals[]> {
  // The burgemeester's totals leave out the withheld partition of the ledger.
  const partitions = forMayor ? [false] : [false, true];
  const totalsAt = (moment: string) => `LEFT JOIN LATERAL (
      SELECT sum(l.score_sum)::text AS score_sum, sum(l.live)::int AS live,
             sum(l.eligible)::int AS eligible, sum(l.filed)::int AS filed
        FROM unnest($4::boolean[]) AS p(withheld)
        CROSS JOIN LATERAL (
          SELECT score_sum, live, eligible, filed FROM risk_ledger
           WHERE municipality = m.code AND withheld = p.withheld AND at <= ${moment}
           ORDER BY at DESC LIMIT 1) l) AS`;
  const rows = await dataSource.query<
    {
      municipality: string;
      head: string | null;
      score_sum: string | null;
      previous_score_sum: string | null;
      live: number | null;
      eligible: number | null;
      filed: number | null;
      open_escalations: number;
    }[]
  >(
    `SELECT m.code AS municipality, h.last_event_id AS head, t.score_sum, t.live, t.eligible,
            t.filed, previous.score_sum AS previous_score_sum,
            (SELECT count(*)::int FROM escalations e
              WHERE e.municipality = m.code AND e.recorded_at <= $2
                AND (e.closed_at IS NULL OR e.closed_at > $2)
                ${forMayor ? `AND ${SHOWN_TO_MAYOR}` : ''}) AS open_escalations
       FROM unnest($1::varchar[]) WITH ORDINALITY AS m(code, n)
       LEFT JOIN municipality_risk_heads h ON h.municipality = m.code
       ${totalsAt('$2')} t ON true
       ${totalsAt('$3')} previous ON true
      ORDER BY m.n`,
    [municipalities, sqlInstant(asOf), sqlInstant(previousAsOf), partitions],
  );
  return rows.map((row) => ({
    municipality: row.municipality,
    head: row.head,
    scoreSum: BigInt(row.score_sum ?? 0),
    previousScoreSum: BigInt(row.previous_score_sum ?? 0),
    live: Number(row.live ?? 0),
    eligible: Number(row.eligible ?? 0),
    filed: Number(row.filed ?? 0),
    openEscalations: Number(row.open_escalations),
  }));
}

/** The parts of a picture that depend on when signals occurred, not only on what is known. */
interface WindowParts {
  subcategoryCounts: WindowCounts<SubcategoryCounts>;
  lastSignalAt: Date | null;
}

interface CachedWindows {
  head: string | null;
  fromMs: number;
  /** The first moment at which a signal leaves a window, occurs or becomes known. */
  untilMs: number;
  parts: WindowParts;
}

// Per data source, per municipality and viewer: the windows of the latest picture asked for.
// They stay right until the municipality's head moves (a new event) or `untilMs` passes.
const windowCaches = new WeakMap<DataSource, Map<string, CachedWindows>>();

async function windowsOf(
  dataSource: DataSource,
  totals: readonly LedgerTotals[],
  asOf: Date,
  forMayor: boolean,
): Promise<Map<string, WindowParts>> {
  let cache = windowCaches.get(dataSource);
  if (!cache) windowCaches.set(dataSource, (cache = new Map<string, CachedWindows>()));
  const moment = asOf.getTime();
  const result = new Map<string, WindowParts>();
  const missing: LedgerTotals[] = [];
  for (const row of totals) {
    const cached = cache.get(`${row.municipality}|${forMayor}`);
    const fresh =
      cached !== undefined &&
      cached.head === row.head &&
      cached.fromMs <= moment &&
      moment < cached.untilMs;
    if (fresh) result.set(row.municipality, cached.parts);
    else missing.push(row);
  }
  if (missing.length === 0) return result;
  const computed = await countWindows(
    dataSource,
    missing.map((row) => row.municipality),
    asOf,
    forMayor,
  );
  for (const row of missing) {
    const windows = computed.get(row.municipality)!;
    result.set(row.municipality, windows.parts);
    const key = `${row.municipality}|${forMayor}`;
    const previous = cache.get(key);
    // Keep the newest moment: the current picture is the one asked for again and again.
    if (previous === undefined || previous.fromMs <= moment) {
      cache.set(key, { head: row.head, fromMs: moment, ...windows });
    }
  }
  return result;
}

/**
 * Counts per window and subcategory, the last signal, and until when they hold, for signal
 * versions known at `asOf` that occurred within the longest window before it: set-based SQL over
 * the (municipality, occurred_at) index, bounded by the window whatever the length of history.
 */
async function countWindows(
  dataSource: DataSource,
  municipalities: readonly string[],
  asOf: Date,
  forMayor: boolean,
): Promise<Map<string, { untilMs: number; parts: WindowParts }>> {
  const visible = forMayor ? 'AND NOT v.withheld_from_mayor' : '';
  const countingAt = `v.recorded_at <= $2 AND (v.superseded_at IS NULL OR v.superseded_at > $2)
    AND v.status = 'LIVE' ${visible}`;
  const starts = mapWindows((days) => sqlInstant(addDays(asOf, -days)));
  const params = [municipalities, sqlInstant(asOf), starts.d30, starts.d90, starts.d365];
  const [counts, edges] = await Promise.all([
    dataSource.query<
      {
        municipality: string;
        category: string;
        subcategory: string;
        d30: number;
        d90: number;
        d365: number;
        first30: Date | null;
        first90: Date | null;
        first365: Date;
      }[]
    >(
      `SELECT v.municipality, v.category, v.subcategory,
              count(*) FILTER (WHERE v.occurred_at >= $3)::int AS d30,
              count(*) FILTER (WHERE v.occurred_at >= $4)::int AS d90,
              count(*)::int AS d365,
              min(v.occurred_at) FILTER (WHERE v.occurred_at >= $3) AS first30,
              min(v.occurred_at) FILTER (WHERE v.occurred_at >= $4) AS first90,
              min(v.occurred_at) AS first365
         FROM signal_versions v
        WHERE v.municipality = ANY($1::varchar[]) AND v.occurred_at >= $5 AND v.occurred_at <= $2
          AND ${countingAt}
        GROUP BY v.municipality, v.category, v.subcategory`,
      params,
    ),
    dataSource.query<
      {
        municipality: string;
        last_signal_at: Date | null;
        next_occurrence: Date | null;
        next_recording: Date | null;
      }[]
    >(
      `SELECT m.code AS municipality,
              (SELECT max(v.occurred_at) FROM signal_versions v
                WHERE v.municipality = m.code AND v.occurred_at <= $2 AND ${countingAt})
                AS last_signal_at,
              (SELECT min(v.occurred_at) FROM signal_versions v
                WHERE v.municipality = m.code AND v.occurred_at > $2) AS next_occurrence,
              (SELECT min(v.recorded_at) FROM signal_versions v
                WHERE v.municipality = m.code AND v.recorded_at > $2) AS next_recording
         FROM unnest($1::varchar[]) AS m(code)`,
      params.slice(0, 2),
    ),
  ]);
  const result = new Map<string, { untilMs: number; parts: WindowParts }>();
  for (const edge of edges) {
    const until = [edge.next_occurrence, edge.next_recording]
      .filter((at): at is Date => at !== null)
      .map((at) => new Date(at).getTime());
    result.set(edge.municipality, {
      untilMs: Math.min(Infinity, ...until),
      parts: {
        subcategoryCounts: mapWindows(() => emptySubcategoryCounts()),
        lastSignalAt: edge.last_signal_at === null ? null : new Date(edge.last_signal_at),
      },
    });
  }
  for (const row of counts) {
    const entry = result.get(row.municipality)!;
    for (const window of ['d30', 'd90', 'd365'] as const) {
      const perSubcategory: Record<string, number> =
        entry.parts.subcategoryCounts[window][row.category as keyof SubcategoryCounts];
      perSubcategory[row.subcategory] = (perSubcategory[row.subcategory] ?? 0) + row[window];
    }
    // A signal counts in a window while the moment is at most the window's length after it.
    const leaves = [
      [row.first30, RISK_WINDOWS.d30],
      [row.first90, RISK_WINDOWS.d90],
      [row.first365, RISK_WINDOWS.d365],
    ] as const;
    for (const [first, days] of leaves) {
      if (first !== null) {
        entry.untilMs = Math.min(entry.untilMs, new Date(first).getTime() + days * DAY_MS + 1);
      }
    }
  }
  return result;
}
