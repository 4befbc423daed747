/** An event exactly as stored: body and metadata as their stored JSON text, never upcast. */
export interface RawEvent {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
  readonly hash: string;
}

/** One row of the (stream, version) index: enough to check versions without the bodies. */
export interface StreamIndexEntry {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
}

/** A point on the hash chain: a position and the hash stored there (position 0: the genesis hash). */
export interface ChainPoint {
  readonly position: number;
  readonly hash: string;
}

/**
 * The stored log as a verifier or an exporter reads it, from one consistent snapshot.
 * Every iterable reads page by page: memory stays constant whatever the size of the log.
 */
export interface RawLogSource {
  readonly head: () => Promise<ChainPoint>;
  /** Events with position > after, in position order. */
  readonly events: (after: number) => AsyncIterable<RawEvent>;
  /** Every event's (stream, version, position), ordered by stream then version. */
  readonly streamIndex: () => AsyncIterable<StreamIndexEntry>;
}

export type TamperKind = 'modified' | 'deleted' | 'inserted' | 'reordered';

export interface VerifyProblem {
  /** The first position at which the log differs from the one that was written. */
  readonly position: number;
  readonly kind: TamperKind;
  readonly detail: string;
  readonly streamId?: string;
  readonly eventId?: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  /** Events whose link in the chain was checked before the first problem (all of them when ok). */
  readonly checkedEvents: number;
  readonly headPosition: number;
  readonly headHash: string;
  readonly problem?: VerifyProblem;
}

/** A hash recorded earlier (outside this database): proves that the chain up to it was not rewritten. */
export interface Anchor {
  readonly position: number;
  readonly hash: string;
}
