// Back-off with jitter: the first three tries within 30 s by default, never beyond the cap,
// and no retry after the last attempt.
import { retryDelayMs } from './retry-schedule';

const policy = { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 3_600_000 };

describe('retry schedule', () => {
  it('doubles from the base delay, with half of it random', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, policy, () => 1)).toBe(2_000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(8_000);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(6_000);
  });

  it('makes the first three tries within 30 seconds with the default settings, whatever the jitter', () => {
    for (const jitter of [0, 0.5, 1]) {
      const firstThree = [1, 2].reduce(
        (total, attempt) => total + retryDelayMs(attempt, policy, () => jitter)!,
        0,
      );
      expect(firstThree).toBeLessThanOrEqual(30_000);
    }
  });

  it('never waits longer than the cap, and gives up after the last attempt', () => {
    expect(retryDelayMs(7, { ...policy, maxDelayMs: 10_000 }, () => 1)).toBe(10_000);
    expect(retryDelayMs(8, policy)).toBeUndefined();
    expect(retryDelayMs(1, { ...policy, maxAttempts: 1 })).toBeUndefined();
  });
});
