/** Small statistics for latency samples and repeated runs. */

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Nearest-rank percentile of unsorted values; NaN when empty. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
};

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Milliseconds since `start` (from performance.now()). */
export const since = (start: number): number => performance.now() - start;

export const megabytes = (bytes: number): number => round(bytes / (1024 * 1024), 1);
