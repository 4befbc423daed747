/** Who caused an event. */
export interface Actor {
  readonly kind: 'person' | 'system' | 'admin-key' | 'api-client';
  readonly id: string;
}

export interface EventMetadata {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
}

/** An event on its way into the log. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion?: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** The envelope of every stored event (DESIGN §3). */
export interface StoredEvent<D = unknown> {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: D;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
  readonly hash: string;
}

/** `any`: no check; `no_stream`: must not exist; `stream_exists`: must exist; number: exact current version. */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  readonly streamId: string;
  /** Version of the stream after the append. */
  readonly nextVersion: number;
  /** Global positions of the appended events, in order. */
  readonly positions: readonly number[];
}

export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
}

export interface ReadStreamOptions {
  /** First version to read (1-based, inclusive); default 1, or the last when backwards. */
  readonly from?: number;
  /** Last version to read (inclusive). */
  readonly to?: number;
  readonly direction?: 'forwards' | 'backwards';
}

export interface EventFilter {
  readonly types?: readonly string[];
  /** Stream id prefix, e.g. `partner-`. */
  readonly streamPrefix?: string;
}

export interface ReadAllOptions {
  /** Read events with position strictly greater than this; default 0. */
  readonly after?: number;
  readonly limit?: number;
  readonly filter?: EventFilter;
}

export interface Subscription {
  readonly close: () => Promise<void>;
  /** Resolves when the handler has seen every event up to the given position. */
  readonly caughtUpTo: (position: number) => Promise<void>;
}

export interface SubscribeOptions {
  readonly after?: number;
  readonly filter?: EventFilter;
  readonly handler: (event: StoredEvent) => Promise<void> | void;
}

/**
 * The event store port. Every adapter passes the same contract suite (tests/contract).
 * Appends are atomic per call, also across streams in `appendMany`.
 */
export interface EventStore {
  readonly append: (
    streamId: string,
    events: readonly NewEvent[],
    options: { expected: ExpectedVersion },
  ) => Promise<AppendResult>;
  readonly appendMany: (appends: readonly StreamAppend[]) => Promise<readonly AppendResult[]>;
  readonly readStream: (streamId: string, options?: ReadStreamOptions) => AsyncIterable<StoredEvent>;
  readonly readAll: (options?: ReadAllOptions) => AsyncIterable<StoredEvent>;
  readonly subscribe: (options: SubscribeOptions) => Subscription;
  /** Current version of a stream, 0 when it does not exist. */
  readonly streamVersion: (streamId: string) => Promise<number>;
  /** Position of the last event in the log, 0 when empty. */
  readonly headPosition: () => Promise<number>;
  /** Called after every successful append with the new head position (in this process). */
  readonly onAppended: (listener: (head: number) => void) => () => void;
  readonly close: () => Promise<void>;
}
