// The tunable numbers of the risk picture (SPEC §4), with the defaults of the specification and
// a check that a configured set makes sense before the projector starts with it.
import { CATEGORIES, Category } from '../signal/signal.values';

export const RISK_LEVELS = ['LOW', 'ELEVATED', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const TREND_DIRECTIONS = ['RISING', 'STABLE', 'FALLING'] as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];

/** Counting windows in days, measured back from the moment of the picture. */
export const RISK_WINDOWS = { d30: 30, d90: 90, d365: 365 } as const;
export type RiskWindow = keyof typeof RISK_WINDOWS;

export interface RiskConfig {
  categoryWeights: Record<Category, number>;
  /** The lowest score of each level above LOW. */
  levelThresholds: { ELEVATED: number; HIGH: number; CRITICAL: number };
  /** After this many days a signal weighs half as much. */
  halfLifeDays: number;
  trend: {
    /** The trend compares the score now with the score this many days earlier. */
    lookbackDays: number;
    /**
     * A change counts as RISING or FALLING only when it exceeds
     * max(absolute, relative × previous score): a single old signal decaying a little, or one
     * low-severity signal in a busy municipality, is not a trend.
     */
    tolerance: { absolute: number; relative: number };
  };
}

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  categoryWeights: { THREAT: 1, BRIBERY: 1.5, INFILTRATION: 2 },
  levelThresholds: { ELEVATED: 5, HIGH: 15, CRITICAL: 30 },
  halfLifeDays: 90,
  trend: { lookbackDays: 90, tolerance: { absolute: 0.5, relative: 0.1 } },
};

/** The problems of a configuration, empty when it is usable. */
export function riskConfigProblems(config: RiskConfig): string[] {
  const problems: string[] = [];
  const finiteAtLeast = (value: number, min: number): boolean =>
    Number.isFinite(value) && value >= min;
  for (const category of CATEGORIES) {
    if (!finiteAtLeast(config.categoryWeights[category], 0)) {
      problems.push(`categoryWeights.${category} must be a number ≥ 0`);
    }
  }
  const { ELEVATED, HIGH, CRITICAL } = config.levelThresholds;
  if (!(
    finiteAtLeast(ELEVATED, 0) &&
    ELEVATED < HIGH &&
    HIGH < CRITICAL &&
    Number.isFinite(CRITICAL)
  )) {
    problems.push('levelThresholds must satisfy 0 ≤ ELEVATED < HIGH < CRITICAL');
  }
  if (!(Number.isFinite(config.halfLifeDays) && config.halfLifeDays > 0)) {
    problems.push('halfLifeDays must be a number > 0');
  }
  if (!(Number.isFinite(config.trend.lookbackDays) && config.trend.lookbackDays > 0)) {
    problems.push('trend.lookbackDays must be a number > 0');
  }
  if (!finiteAtLeast(config.trend.tolerance.absolute, 0)) {
    problems.push('trend.tolerance.absolute must be a number ≥ 0');
  }
  if (!finiteAtLeast(config.trend.tolerance.relative, 0)) {
    problems.push('trend.tolerance.relative must be a number ≥ 0');
  }
  return problems;
}
