/**
 * When a failed delivery is tried again: exponential backoff with jitter, the first retry within
 * seconds, capped per wait, and given up (the subscription marked failing) once retrying would go on
 * past `giveUpAfterMs` since the first failure. The defaults retry for 3 days; tests shrink them.
 */
export interface RetryPolicy {
  readonly firstDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
  readonly giveUpAfterMs: number;
  /** ±this share of each wait is random, so receivers that failed together are not retried together. */
  readonly jitter: number;
}

const HOUR = 3_600_000;

/** 5 s, 25 s, ~2 min, ~10 min, ~52 min, ~4.3 h, then every 6 h, until 3 days: 16 attempts. */
export const defaultRetryPolicy: RetryPolicy = {
  firstDelayMs: 5_000,
  factor: 5,
  maxDelayMs: 6 * HOUR,
  giveUpAfterMs: 72 * HOUR,
  jitter: 0.2,
};

/** The wait after failed attempt number `attempt` (1-based). */
export const retryDelay = (policy: RetryPolicy, attempt: number, random: () => number = Math.random): number => {
  const base = Math.min(policy.maxDelayMs, policy.firstDelayMs * policy.factor ** (attempt - 1));
  return Math.max(0, Math.round(base * (1 + policy.jitter * (2 * random() - 1))));
};
