import type { VerifyOptions } from './verifyLog.js';
import type { ChainPoint, RawEvent, VerifyReport } from './verifyReport.js';

/** A filtered page of stored events in log order. */
export interface StoredEventsQuery {
  /** Events with position > after. */
  readonly after: number;
  readonly limit: number;
  readonly streamId?: string;
  readonly types?: readonly string[];
  /** The id of the actor in the metadata. */
  readonly actorId?: string;
  /** recorded_at within [from, to], ISO instants. */
  readonly from?: string;
  readonly to?: string;
}

/** The log as NDJSON lines from one snapshot (appends carry on meanwhile). */
export interface LogExport {
  /** The last event the export will contain. */
  readonly head: ChainPoint;
  readonly lines: AsyncIterable<string>;
  /** Releases the snapshot; also done when the lines run out. Safe to call twice. */
  readonly close: () => void;
}

/**
 * What auditors read of the log (DESIGN §7), beside the EventStore port: rows exactly as stored
 * (never upcast, so the bytes the hash covers), the proof the chain is intact, and the log as NDJSON.
 * Each adapter that can serve it implements it; the others answer `unavailable`.
 */
export interface StoredLog {
  /** Why this log cannot be audited through this port (the HTTP routes answer 501); undefined when it can. */
  readonly unavailable?: string;
  readonly events: (query: StoredEventsQuery) => Promise<readonly RawEvent[]>;
  /** One stream's events with version > afterVersion, in version order. */
  readonly streamEvents: (streamId: string, afterVersion: number, limit: number) => Promise<readonly RawEvent[]>;
  readonly verify: (options?: VerifyOptions) => Promise<VerifyReport>;
  readonly export: (options?: { after?: number; onProgress?: (position: number) => void }) => Promise<LogExport>;
}

/** A log that cannot be audited through this port yet (PostgreSQL, EventStoreDB): every call refuses with `reason`. */
export const unavailableStoredLog = (reason: string): StoredLog => {
  const refuse = () => Promise.reject(new Error(reason));
  return { unavailable: reason, events: refuse, streamEvents: refuse, verify: refuse, export: refuse };
};
