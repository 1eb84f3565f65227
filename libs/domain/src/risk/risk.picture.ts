// The risk picture of one municipality at one moment (SPEC §4): counts per window, score, level,
// trend and aangifte rate, from the signals as they were known at that moment.
import {
  CATEGORIES,
  Category,
  Severity,
  SignalStatus,
  Subcategory,
  SUBCATEGORIES,
  SubcategoryOf,
} from '../signal/signal.values';
import { addDays, daysBetween } from '../shared/time';
import {
  DEFAULT_RISK_CONFIG,
  RISK_WINDOWS,
  RiskConfig,
  RiskLevel,
  RiskWindow,
  TrendDirection,
} from './risk.config';
import { riskLevelFor, scoreContribution, sumContributions, trendDirection } from './risk.score';

/** What the risk maths needs of a signal: no personal data. */
export interface RiskSignal {
  signalId: string;
  municipality: string;
  category: Category;
  subcategory: Subcategory;
  severity: Severity;
  occurredAt: Date;
  /** When the store recorded the signal: knowledge starts here. */
  recordedAt: Date;
  policeReportFiled: boolean;
  status: SignalStatus;
}

export type CategoryCounts = Record<Category, number>;
export type SubcategoryCounts = { [C in Category]: Record<SubcategoryOf<C>, number> };
export type WindowCounts<T> = Record<RiskWindow, T>;

export interface RiskTrend {
  /** The moment the score is compared with: `lookbackDays` before asOf. */
  previousAsOf: Date;
  /** The score at previousAsOf with the knowledge of then. */
  previousScore: number;
  previousLevel: RiskLevel;
  direction: TrendDirection;
}

export interface AangifteRate {
  /** Live THREAT and BRIBERY signals with a police report filed. */
  filed: number;
  /** Live THREAT and BRIBERY signals. */
  eligible: number;
  /** filed / eligible, or null when there is no such signal (no rate rather than 0 %). */
  rate: number | null;
}

export interface MunicipalityRisk {
  municipality: string;
  asOf: Date;
  /** Unrounded; round with roundScore at the edge. */
  score: number;
  level: RiskLevel;
  trend: RiskTrend;
  counts: WindowCounts<CategoryCounts>;
  subcategoryCounts: WindowCounts<SubcategoryCounts>;
  aangifte: AangifteRate;
  /** The latest occurredAt of a live signal, or null when there is none. */
  lastSignalAt: Date | null;
  /** Live signals known at asOf that occurred up to asOf. */
  liveSignals: number;
}

export interface MunicipalityRiskInput {
  municipality: string;
  /** The signals of the municipality (others are ignored), each in its state as known at asOf. */
  signals: readonly RiskSignal[];
  asOf: Date;
  config?: RiskConfig;
  /**
   * The signals in their state as known at the trend's previous moment (riskSignalsAsKnownAt
   * builds them from the events). Without it, `signals` recorded by then stand in, in their
   * state at asOf: a retraction or amendment recorded between the two moments then counts as
   * if it had been known earlier.
   */
  previousSignals?: readonly RiskSignal[];
}

/**
 * Whether a signal counts at `moment`: live, recorded by then (the picture as it was known),
 * and occurred by then (ages and windows are measured back from the moment).
 */
export const countsAt = (signal: RiskSignal, moment: Date): boolean =>
  signal.status === 'LIVE' &&
  signal.recordedAt.getTime() <= moment.getTime() &&
  signal.occurredAt.getTime() <= moment.getTime();

/** Σ weight × severity × 0.5^(age / half-life) over the signals that count at `moment`. */
export function riskScoreAt(
  signals: readonly RiskSignal[],
  moment: Date,
  config: Pick<RiskConfig, 'categoryWeights' | 'halfLifeDays'> = DEFAULT_RISK_CONFIG,
): number {
  return sumContributions(
    signals
      .filter((signal) => countsAt(signal, moment))
      .map((signal) =>
        scoreContribution(
          signal.category,
          signal.severity,
          daysBetween(signal.occurredAt, moment),
          config,
        ),
      ),
  );
}

export function computeMunicipalityRisk(input: MunicipalityRiskInput): MunicipalityRisk {
  const { municipality, asOf } = input;
  const config = input.config ?? DEFAULT_RISK_CONFIG;
  const own = (list: readonly RiskSignal[]): RiskSignal[] =>
    list.filter((signal) => signal.municipality === municipality);
  const counting = own(input.signals).filter((signal) => countsAt(signal, asOf));
  const eligible = counting.filter((signal) => AANGIFTE_CATEGORIES.includes(signal.category));
  return assembleMunicipalityRisk({
    municipality,
    asOf,
    config,
    score: riskScoreAt(counting, asOf, config),
    previousScore: riskScoreAt(
      own(input.previousSignals ?? input.signals),
      addDays(asOf, -config.trend.lookbackDays),
      config,
    ),
    subcategoryCounts: mapWindows((days) => countPerSubcategory(inWindow(counting, asOf, days))),
    aangifte: {
      filed: eligible.filter((signal) => signal.policeReportFiled).length,
      eligible: eligible.length,
    },
    lastSignalAt: latestOccurrence(counting),
    liveSignals: counting.length,
  });
}

/** What a picture is made of; a read model keeps these, the rest follows from them. */
export interface MunicipalityRiskParts {
  municipality: string;
  asOf: Date;
  config: RiskConfig;
  /** The score at asOf, and at asOf − lookback as known then. */
  score: number;
  previousScore: number;
  subcategoryCounts: WindowCounts<SubcategoryCounts>;
  aangifte: Pick<AangifteRate, 'filed' | 'eligible'>;
  lastSignalAt: Date | null;
  liveSignals: number;
}

/** The picture from its parts: level, trend, per-category counts and the aangifte rate. */
export function assembleMunicipalityRisk(parts: MunicipalityRiskParts): MunicipalityRisk {
  const { config, score, previousScore, aangifte } = parts;
  return {
    municipality: parts.municipality,
    asOf: parts.asOf,
    score,
    level: riskLevelFor(score, config.levelThresholds),
    trend: {
      previousAsOf: addDays(parts.asOf, -config.trend.lookbackDays),
      previousScore,
      previousLevel: riskLevelFor(previousScore, config.levelThresholds),
      direction: trendDirection(score, previousScore, config.trend.tolerance),
    },
    counts: mapWindows((_, window) => categoryTotals(parts.subcategoryCounts[window])),
    subcategoryCounts: parts.subcategoryCounts,
    aangifte: {
      ...aangifte,
      rate: aangifte.eligible === 0 ? null : aangifte.filed / aangifte.eligible,
    },
    lastSignalAt: parts.lastSignalAt === null ? null : new Date(parts.lastSignalAt.getTime()),
    liveSignals: parts.liveSignals,
  };
}

/** Signals that occurred in the `days` up to `moment`, both ends included. */
export function inWindow(signals: readonly RiskSignal[], moment: Date, days: number): RiskSignal[] {
  const from = addDays(moment, -days).getTime();
  const to = moment.getTime();
  return signals.filter((s) => s.occurredAt.getTime() >= from && s.occurredAt.getTime() <= to);
}

export function emptyCategoryCounts(): CategoryCounts {
  return { THREAT: 0, BRIBERY: 0, INFILTRATION: 0 };
}

export function emptySubcategoryCounts(): SubcategoryCounts {
  const zeroes = <C extends Category>(category: C): Record<SubcategoryOf<C>, number> =>
    Object.fromEntries(SUBCATEGORIES[category].map((sub) => [sub, 0])) as Record<
      SubcategoryOf<C>,
      number
    >;
  return {
    THREAT: zeroes('THREAT'),
    BRIBERY: zeroes('BRIBERY'),
    INFILTRATION: zeroes('INFILTRATION'),
  };
}

export function mapWindows<T>(make: (days: number, window: RiskWindow) => T): WindowCounts<T> {
  return {
    d30: make(RISK_WINDOWS.d30, 'd30'),
    d90: make(RISK_WINDOWS.d90, 'd90'),
    d365: make(RISK_WINDOWS.d365, 'd365'),
  };
}

function categoryTotals(counts: SubcategoryCounts): CategoryCounts {
  const totals = emptyCategoryCounts();
  for (const category of CATEGORIES) {
    for (const count of Object.values<number>(counts[category])) totals[category] += count;
  }
  return totals;
}

function countPerSubcategory(signals: readonly RiskSignal[]): SubcategoryCounts {
  const counts = emptySubcategoryCounts();
  for (const signal of signals) {
    const perSubcategory: Partial<Record<Subcategory, number>> = counts[signal.category];
    perSubcategory[signal.subcategory] = (perSubcategory[signal.subcategory] ?? 0) + 1;
  }
  return counts;
}

// The VNG asks members to report every threat and bribery attempt; infiltration is usually
// found by investigation rather than reported by its target, so it is not part of the rate.
export const AANGIFTE_CATEGORIES: readonly Category[] = ['THREAT', 'BRIBERY'];

function latestOccurrence(signals: readonly RiskSignal[]): Date | null {
  let latest: Date | null = null;
  for (const signal of signals) {
    if (latest === null || signal.occurredAt.getTime() > latest.getTime())
      latest = signal.occurredAt;
  }
  return latest;
}
