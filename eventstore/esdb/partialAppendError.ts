import type { AppendResult } from '../port.js';

/**
 * EventStoreDB has no multi-stream transaction: an appendMany whose expectations all held when
 * checked can still lose a race on a later stream after earlier streams were written. This error
 * says so instead of pretending nothing was stored: `written` lists what is in the log.
 */
export class PartialAppendError extends Error {
  override readonly name = 'PartialAppendError';
  constructor(
    readonly written: readonly AppendResult[],
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`appendMany stored ${written.length} stream(s) before failing: ${reason}`);
  }
}
