// The running decayed sum gives the score of the picture's maths, at any moment, whatever the
// order in which terms come and go, and survives dates far apart.
import { DEFAULT_RISK_CONFIG } from './risk.config';
import {
  addDecayedTerm,
  decayedScoreAt,
  EMPTY_DECAYED_SUM,
  type DecayedSum,
} from './risk.decayed-sum';
import { scoreContribution } from './risk.score';
import { DAY_MS } from '../shared/time';
import { seededRandom as random } from '../../../testing/src/specification/seeded-random';

const H = DEFAULT_RISK_CONFIG.halfLifeDays;
const T0 = Date.parse('2026-06-01T12:00:00Z');

describe('decayed sum', () => {
  it('is empty and scores 0 without terms', () => {
    expect(decayedScoreAt(EMPTY_DECAYED_SUM, T0, H)).toBe(0);
  });

  it('equals the sum of decayed contributions at any later moment (property)', () => {
    const next = random(7);
    for (let round = 0; round < 50; round += 1) {
      let sum: DecayedSum = EMPTY_DECAYED_SUM;
      const live: { weight: number; at: number }[] = [];
      for (let i = 0; i < 40; i += 1) {
        const at = T0 - Math.floor(next() * 3650) * DAY_MS;
        const weight = (1 + Math.floor(next() * 5)) * [1, 1.5, 2][Math.floor(next() * 3)];
        sum = addDecayedTerm(sum, weight, at, H, 1);
        live.push({ weight, at });
        if (next() < 0.3) {
          const [gone] = live.splice(Math.floor(next() * live.length), 1);
          sum = addDecayedTerm(sum, gone.weight, gone.at, H, -1);
        }
      }
      const expected = live.reduce(
        (total, term) => total + term.weight * Math.pow(0.5, (T0 - term.at) / DAY_MS / H),
        0,
      );
      expect(decayedScoreAt(sum, T0, H)).toBeCloseTo(expected, 9);
    }
  });

  it('gives the picture maths exactly for terms of the moment (three threats of 5 = 15)', () => {
    let sum = EMPTY_DECAYED_SUM;
    for (let i = 0; i < 3; i += 1) sum = addDecayedTerm(sum, 5, T0, H, 1);
    expect(decayedScoreAt(sum, T0, H)).toBe(15);
    expect(decayedScoreAt(sum, T0 + H * DAY_MS, H)).toBe(7.5);
    expect(scoreContribution('THREAT', 5, 0, DEFAULT_RISK_CONFIG) * 3).toBe(15);
  });

  it('returns to (next to) nothing when every term is taken away', () => {
    let sum = addDecayedTerm(EMPTY_DECAYED_SUM, 3, T0 - 40 * DAY_MS, H, 1);
    sum = addDecayedTerm(sum, 7.5, T0, H, 1);
    sum = addDecayedTerm(sum, 3, T0 - 40 * DAY_MS, H, -1);
    sum = addDecayedTerm(sum, 7.5, T0, H, -1);
    expect(decayedScoreAt(sum, T0, H)).toBeCloseTo(0, 12);
  });

  it('moves its base so that terms centuries apart stay finite', () => {
    let sum = addDecayedTerm(EMPTY_DECAYED_SUM, 2, Date.parse('1900-01-01T00:00:00Z'), H, 1);
    sum = addDecayedTerm(sum, 2, Date.parse('2200-01-01T00:00:00Z'), H, 1);
    expect(Number.isFinite(sum.sum)).toBe(true);
    expect(decayedScoreAt(sum, Date.parse('2200-01-01T00:00:00Z'), H)).toBeCloseTo(2, 12);
  });
});
