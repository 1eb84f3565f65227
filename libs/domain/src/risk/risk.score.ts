// The arithmetic of the risk score: exponential decay by age, weighted sum, level and trend.
// Scores stay unrounded in calculations; roundScore is for output only.
import type { Category, Severity } from '../signal/signal.values';
import type { RiskConfig, RiskLevel, TrendDirection } from './risk.config';

/** 0.5^(ageDays / halfLifeDays): 1 for a signal of this moment, ½ after one half-life. */
export function decayFactor(ageDays: number, halfLifeDays: number): number {
  return Math.pow(0.5, ageDays / halfLifeDays);
}

/** categoryWeight × severity × decay, for a signal `ageDays` old (fractional). */
export function scoreContribution(
  category: Category,
  severity: Severity,
  ageDays: number,
  config: Pick<RiskConfig, 'categoryWeights' | 'halfLifeDays'>,
): number {
  return config.categoryWeights[category] * severity * decayFactor(ageDays, config.halfLifeDays);
}

/**
 * The sum of contributions. Floating-point addition is not associative, so the terms are added
 * in one fixed order (smallest first, which also loses least precision): a rebuild that meets
 * the signals in another order still yields the identical number.
 */
export function sumContributions(contributions: readonly number[]): number {
  return [...contributions].sort((a, b) => a - b).reduce((sum, term) => sum + term, 0);
}

/**
 * A score counts as reaching a threshold within a relative 1e-12: scores are sums of powers of
 * two computed in different orders (the picture sums terms, the rule engine carries a running
 * sum), and three signals of 5 must be HIGH in both, not 14.999999999999998 in one of them.
 */
const THRESHOLD_TOLERANCE = 1e-12;

export function riskLevelFor(score: number, thresholds: RiskConfig['levelThresholds']): RiskLevel {
  const reaches = (threshold: number): boolean =>
    score >= threshold - Math.abs(threshold) * THRESHOLD_TOLERANCE;
  if (reaches(thresholds.CRITICAL)) return 'CRITICAL';
  if (reaches(thresholds.HIGH)) return 'HIGH';
  if (reaches(thresholds.ELEVATED)) return 'ELEVATED';
  return 'LOW';
}

const LEVEL_RANK: Record<RiskLevel, number> = { LOW: 0, ELEVATED: 1, HIGH: 2, CRITICAL: 3 };

export const compareRiskLevels = (a: RiskLevel, b: RiskLevel): number =>
  LEVEL_RANK[a] - LEVEL_RANK[b];

export const highestRiskLevel = (levels: readonly RiskLevel[]): RiskLevel =>
  levels.reduce<RiskLevel>(
    (highest, level) => (compareRiskLevels(level, highest) > 0 ? level : highest),
    'LOW',
  );

export function trendDirection(
  score: number,
  previousScore: number,
  tolerance: RiskConfig['trend']['tolerance'],
): TrendDirection {
  const margin = Math.max(tolerance.absolute, tolerance.relative * previousScore);
  const change = score - previousScore;
  if (change > margin) return 'RISING';
  if (change < -margin) return 'FALLING';
  return 'STABLE';
}

/** A score as shown to people and in API responses: two decimals, half away from zero. */
export function roundScore(score: number): number {
  const rounded = Math.round(Math.abs(score) * 100 + Number.EPSILON * 100) / 100;
  return Math.sign(score) * rounded + 0; // + 0 turns -0 into 0
}
