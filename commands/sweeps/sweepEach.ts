/** What one sweep did with its candidates (shaped like app/sweepers' SweepReport). */
export interface SweepCounts {
  /** Candidates looked at. */
  readonly examined: number;
  /** Candidates the sweep changed (appended events for). */
  readonly changed: number;
  /** Candidates found not due after all (already handled by another sweep, or changed meanwhile). */
  readonly skipped: number;
  /** Candidates whose command failed unexpectedly (left for the next sweep). */
  readonly failed: number;
}

/**
 * Runs `one` on every candidate, `concurrency` at a time (they share group commits); `one` answers
 * whether it changed anything. One candidate that cannot be swept now (the store busy, say) must not
 * stop the others: it counts as failed, and the next sweep retries it.
 */
export const sweepEach = async (
  candidates: readonly string[],
  one: (id: string) => Promise<boolean>,
  options: { readonly concurrency?: number; readonly onError?: (id: string, error: unknown) => void } = {},
): Promise<SweepCounts> => {
  let changed = 0;
  let failed = 0;
  let next = 0;
  const lane = async () => {
    while (next < candidates.length) {
      const id = candidates[next++];
      try {
        if (await one(id)) changed++;
      } catch (error) {
        failed++;
        options.onError?.(id, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, candidates.length) }, lane));
  return { examined: candidates.length, changed, skipped: candidates.length - changed - failed, failed };
};
