// The decayed risk score as an exact sum. Since 0.5^((t − occurredAt)/h) = 2^(−t/h) · 2^(occurredAt/h),
// a municipality's score at any moment t is 2^(−t/h) · Σ w·s·2^(occurredAt/h). Each term is
// turned into an integer once (a fixed-point number measured from a fixed epoch), so sums of
// terms are exact: they do not depend on the order in which terms come and go, a term taken away
// cancels its addition to the last bit, and a rebuild yields the same number as the live run
// whatever its batches. Only turning the sum into a score rounds, once.
import { DAY_MS } from '../shared/time';
import type { RiskConfig } from './risk.config';

/** 2000-01-01 in days since the Unix epoch: exponents are measured from here. */
const EPOCH_DAY = Date.UTC(2000, 0, 1) / DAY_MS;
/** Fixed-point fraction bits: a double in [1, 2) has 52, so every such term is exact. */
const FRACTION_BITS = 52;

/** What a term's integer depends on: the category weights and the half-life. */
export type ExactSumConfig = Pick<RiskConfig, 'categoryWeights' | 'halfLifeDays'>;

/**
 * weight × 2^((occurredAt − epoch)/h) as an integer in units of 2^−52: the fractional part of
 * the exponent is applied in floating point (exact enough: a double), the whole part as a shift.
 */
export function exactDecayedTerm(
  weight: number,
  occurredAtMs: number,
  halfLifeDays: number,
): bigint {
  if (weight === 0) return 0n;
  const exponent = (occurredAtMs / DAY_MS - EPOCH_DAY) / halfLifeDays;
  const whole = Math.floor(exponent);
  const mantissa = BigInt(Math.round(weight * Math.pow(2, exponent - whole + FRACTION_BITS)));
  return whole >= 0 ? mantissa << BigInt(whole) : mantissa >> BigInt(-whole);
}

/** The score an exact sum stands for at `momentMs`: Σ weight × 0.5^(age in days / half-life). */
export function exactSumScoreAt(sum: bigint, momentMs: number, halfLifeDays: number): number {
  if (sum <= 0n) return 0;
  const exponent = (momentMs / DAY_MS - EPOCH_DAY) / halfLifeDays;
  // Number() keeps the 53 leading bits; the power of two then only moves the binary point.
  return Number(sum) * Math.pow(2, -exponent - FRACTION_BITS);
}
