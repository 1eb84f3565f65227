// The exact sum gives the picture maths' score at any moment, is the same number whatever the
// order of its terms, and returns to exactly zero when every term is taken away.
import { DEFAULT_RISK_CONFIG } from './risk.config';
import { exactDecayedTerm, exactSumScoreAt } from './risk.exact-sum';
import { riskLevelFor, sumContributions } from './risk.score';
import { DAY_MS } from '../shared/time';
import { seededRandom as random } from '../../../testing/src/specification/seeded-random';

const H = DEFAULT_RISK_CONFIG.halfLifeDays;
const T0 = Date.parse('2026-06-01T12:00:00Z');
const relativeError = (a: number, b: number): number =>
  Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);

describe('exact decayed sum', () => {
  it('scores 0 when empty or when every term is taken away again', () => {
    expect(exactSumScoreAt(0n, T0, H)).toBe(0);
    const a = exactDecayedTerm(3, T0 - 40 * DAY_MS, H);
    const b = exactDecayedTerm(7.5, T0, H);
    expect(a + b - a - b).toBe(0n);
    expect(exactSumScoreAt(a + b - b, T0, H)).toBeCloseTo(3 * Math.pow(0.5, 40 / H), 14);
  });

  it('equals Σ weight × 0.5^(age / half-life) at any later moment (property)', () => {
    const next = random(11);
    for (let round = 0; round < 100; round += 1) {
      const terms = Array.from({ length: 1 + Math.floor(next() * 60) }, () => ({
        weight: (1 + Math.floor(next() * 5)) * [1, 1.5, 2][Math.floor(next() * 3)],
        at: T0 - Math.floor(next() * 3650 * DAY_MS),
      }));
      const moment = T0 + Math.floor(next() * 400 * DAY_MS);
      const sum = terms.reduce((total, t) => total + exactDecayedTerm(t.weight, t.at, H), 0n);
      const expected = sumContributions(
        terms.map((t) => t.weight * Math.pow(0.5, (moment - t.at) / DAY_MS / H)),
      );
      expect(relativeError(exactSumScoreAt(sum, moment, H), expected)).toBeLessThan(1e-13);
    }
  });

  it('reaches a threshold exactly where the picture maths does (three threats of 5 are HIGH)', () => {
    const term = exactDecayedTerm(5, T0, H);
    const score = exactSumScoreAt(3n * term, T0, H);
    expect(riskLevelFor(score, DEFAULT_RISK_CONFIG.levelThresholds)).toBe('HIGH');
    expect(Math.abs(score - 15)).toBeLessThan(1e-12);
    expect(Math.abs(exactSumScoreAt(3n * term, T0 + H * DAY_MS, H) - 7.5)).toBeLessThan(1e-12);
  });

  it('stays exact for dates before the epoch and far after it', () => {
    const old = Date.parse('1990-03-01T00:00:00Z');
    const late = Date.parse('2150-01-01T00:00:00Z');
    const sum = exactDecayedTerm(2, old, H) + exactDecayedTerm(2, late, H);
    expect(relativeError(exactSumScoreAt(sum, late, H), 2)).toBeLessThan(1e-13);
    expect(exactDecayedTerm(0, late, H)).toBe(0n);
  });
});
