// The decayed risk score kept as a running sum, so that it never needs the whole history: since
// 0.5^((t − occurredAt)/h) = 2^(−t/h) · 2^(occurredAt/h), a municipality's score at any moment t
// is 2^(−t/h) · Σ w·s·2^(occurredAt/h). Terms are added when a signal starts counting and taken
// away when it stops (retracted, or amended: old term out, new term in). Exponents are taken
// relative to a base day that is moved along from time to time, so the sum stays far inside the
// range of a double whatever the dates.
import { DAY_MS } from '../shared/time';

export interface DecayedSum {
  /** Days since the epoch that the exponents are taken from. */
  readonly baseDay: number;
  /** Σ weight × severity × 2^((occurredDay − baseDay) / halfLifeDays). */
  readonly sum: number;
}

export const EMPTY_DECAYED_SUM: DecayedSum = { baseDay: 0, sum: 0 };

const dayOf = (instantMs: number): number => instantMs / DAY_MS;

/** The sum with `weight` (category weight × severity) of a signal that occurred at `occurredAtMs`
 * added (`sign` +1) or taken away (−1). */
export function addDecayedTerm(
  current: DecayedSum,
  weight: number,
  occurredAtMs: number,
  halfLifeDays: number,
  sign: 1 | -1,
): DecayedSum {
  const day = dayOf(occurredAtMs);
  let { baseDay, sum } = current;
  if (sum === 0) {
    baseDay = day; // nothing to carry over: start where the term is
  } else if (day - baseDay > halfLifeDays) {
    // Keep the base at the newest terms: they are the large ones, so the sum stays near the
    // score's own size (no overflow, and taking a term away cancels without losing digits);
    // older terms are then small powers of two, which underflow harmlessly.
    sum *= Math.pow(2, (baseDay - day) / halfLifeDays);
    baseDay = day;
  }
  sum += sign * weight * Math.pow(2, (day - baseDay) / halfLifeDays);
  return { baseDay, sum };
}

/** The score the sum stands for at `momentMs`: Σ weight × 0.5^(age in days / half-life). */
export function decayedScoreAt(
  current: DecayedSum,
  momentMs: number,
  halfLifeDays: number,
): number {
  if (current.sum <= 0) return 0;
  return current.sum * Math.pow(2, (current.baseDay - dayOf(momentMs)) / halfLifeDays);
}
