/**
 * A sweeper turns the passing of time into events: protection that lapsed (DealExpired), points
 * that expire, and so on. It finds what is due at `now` and issues ordinary commands through the
 * pipeline, so expected versions make every sweep safe to repeat and to run in several processes
 * at once: whatever two sweeps both find due, only one records.
 */
export interface Sweeper {
  /** Short name for logs and the CLI, e.g. `deal-expiry`. */
  readonly name: string;
  readonly sweep: (now: Date) => Promise<SweepReport>;
}

export interface SweepReport {
  /** Candidates looked at. */
  readonly examined: number;
  /** Candidates this sweep changed (appended events for). */
  readonly changed: number;
  /** Candidates found not due after all (already handled by another sweep, or changed meanwhile). */
  readonly skipped: number;
  /** Candidates whose command failed unexpectedly (left for the next sweep); absent means none. */
  readonly failed?: number;
}
