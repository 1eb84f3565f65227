// When a failed delivery is tried again: exponential back-off with jitter, so the first retries
// come within seconds (a receiver that restarts) and later ones spread out (a receiver that is
// down for hours), and many deliveries failing together do not all retry at the same moment.

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The wait after the `attempt`-th try failed (1-based), or undefined when it was the last.
 * "Equal jitter": half the exponential delay fixed, half random, capped at maxDelayMs.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
