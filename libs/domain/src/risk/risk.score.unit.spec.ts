// The decay maths of SPEC §4, checked on examples and as properties over many random signals.
import { CATEGORIES, SEVERITIES } from '../signal/signal.values';
import { DEFAULT_RISK_CONFIG, riskConfigProblems } from './risk.config';
import {
  decayFactor,
  riskLevelFor,
  roundScore,
  scoreContribution,
  sumContributions,
  trendDirection,
} from './risk.score';
import { seededRandom as random } from '../../../testing/src/specification/seeded-random';

const next = random(20250601);
const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
const cases = (n: number) =>
  Array.from({ length: n }, () => ({
    category: pick(CATEGORIES),
    severity: pick(SEVERITIES),
    ageDays: next() * 3650,
  }));

describe('risk score maths', () => {
  it('scores a severity-2 THREAT exactly 90 days old as 1.0', () => {
    expect(scoreContribution('THREAT', 2, 90, DEFAULT_RISK_CONFIG)).toBe(1);
  });

  it('scores a fresh signal as weight × severity', () => {
    expect(scoreContribution('THREAT', 3, 0, DEFAULT_RISK_CONFIG)).toBe(3);
    expect(scoreContribution('BRIBERY', 4, 0, DEFAULT_RISK_CONFIG)).toBe(6);
    expect(scoreContribution('INFILTRATION', 5, 0, DEFAULT_RISK_CONFIG)).toBe(10);
  });

  it('halves a contribution with every half-life (property)', () => {
    for (const { category, severity, ageDays } of cases(500)) {
      const now = scoreContribution(category, severity, ageDays, DEFAULT_RISK_CONFIG);
      const later = scoreContribution(category, severity, ageDays + 90, DEFAULT_RISK_CONFIG);
      expect(later).toBeCloseTo(now / 2, 12);
    }
  });

  it('never grows with age and stays within (0, weight × severity] (property)', () => {
    for (const { category, severity, ageDays } of cases(500)) {
      const older = ageDays + next() * 100;
      const a = scoreContribution(category, severity, ageDays, DEFAULT_RISK_CONFIG);
      const b = scoreContribution(category, severity, older, DEFAULT_RISK_CONFIG);
      expect(b).toBeLessThanOrEqual(a);
      expect(a).toBeGreaterThan(0);
      expect(a).toBeLessThanOrEqual(DEFAULT_RISK_CONFIG.categoryWeights[category] * severity);
    }
  });

  it('is linear in severity and weight (property)', () => {
    for (const { category, ageDays } of cases(200)) {
      const one = scoreContribution(category, 1, ageDays, DEFAULT_RISK_CONFIG);
      expect(scoreContribution(category, 4, ageDays, DEFAULT_RISK_CONFIG)).toBeCloseTo(4 * one, 12);
      expect(scoreContribution('INFILTRATION', 1, ageDays, DEFAULT_RISK_CONFIG)).toBeCloseTo(
        2 * scoreContribution('THREAT', 1, ageDays, DEFAULT_RISK_CONFIG),
        12,
      );
    }
  });

  it('decays with a configured half-life', () => {
    expect(decayFactor(30, 30)).toBe(0.5);
    expect(decayFactor(0, 30)).toBe(1);
    expect(decayFactor(60, 30)).toBe(0.25);
  });

  it('sums the same terms to the identical number in any order (property)', () => {
    const terms = cases(200).map((c) =>
      scoreContribution(c.category, c.severity, c.ageDays, DEFAULT_RISK_CONFIG),
    );
    const total = sumContributions(terms);
    for (let i = 0; i < 20; i += 1) {
      const shuffled = [...terms].sort(() => next() - 0.5);
      expect(sumContributions(shuffled)).toBe(total);
    }
  });

  it.each([
    [0, 'LOW'],
    [4.999, 'LOW'],
    [5, 'ELEVATED'],
    [14.999, 'ELEVATED'],
    [15, 'HIGH'],
    [14.999999999999998, 'HIGH'], // 15 after rounding noise of a running sum
    [29.999, 'HIGH'],
    [30, 'CRITICAL'],
    [1000, 'CRITICAL'],
  ])('level of score %p is %s', (score, level) => {
    expect(riskLevelFor(score, DEFAULT_RISK_CONFIG.levelThresholds)).toBe(level);
  });

  it('calls a change a trend only beyond the tolerance', () => {
    const tolerance = DEFAULT_RISK_CONFIG.trend.tolerance; // max(0.5, 10 % of the previous score)
    expect(trendDirection(1.5, 1, tolerance)).toBe('STABLE');
    expect(trendDirection(1.51, 1, tolerance)).toBe('RISING');
    expect(trendDirection(0.49, 1, tolerance)).toBe('FALLING');
    expect(trendDirection(21.9, 20, tolerance)).toBe('STABLE');
    expect(trendDirection(22.1, 20, tolerance)).toBe('RISING');
    expect(trendDirection(17.9, 20, tolerance)).toBe('FALLING');
    expect(trendDirection(0, 0, tolerance)).toBe('STABLE');
  });

  it('rounds for output to two decimals, half away from zero', () => {
    expect(roundScore(1.005)).toBe(1.01);
    expect(roundScore(2.675)).toBe(2.68);
    expect(roundScore(12.344999)).toBe(12.34);
    expect(roundScore(0)).toBe(0);
    expect(Object.is(roundScore(-0.001), 0)).toBe(true);
  });

  it('accepts the default configuration and explains a broken one', () => {
    expect(riskConfigProblems(DEFAULT_RISK_CONFIG)).toEqual([]);
    expect(
      riskConfigProblems({
        ...DEFAULT_RISK_CONFIG,
        categoryWeights: { THREAT: -1, BRIBERY: 1, INFILTRATION: Number.NaN },
        levelThresholds: { ELEVATED: 15, HIGH: 5, CRITICAL: 30 },
        halfLifeDays: 0,
      }),
    ).toEqual([
      'categoryWeights.THREAT must be a number ≥ 0',
      'categoryWeights.INFILTRATION must be a number ≥ 0',
      'levelThresholds must satisfy 0 ≤ ELEVATED < HIGH < CRITICAL',
      'halfLifeDays must be a number > 0',
    ]);
  });
});
