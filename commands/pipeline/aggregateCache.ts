/** Aggregate state by stream, with the version it reflects; least recently used entries leave first. */
export interface AggregateCache {
  readonly get: (streamId: string) => { state: unknown; version: number } | undefined;
  readonly set: (streamId: string, entry: { state: unknown; version: number }) => void;
  readonly delete: (streamId: string) => void;
  /**
   * True when its pipeline is the log's only writer (a bulk seed into an empty store, projections
   * and policies stopped): every entry is then current by construction and is used without asking
   * the log for the stream's version. Anyone else's append to a stream the pipeline writes still
   * fails the append's expectation, and the command runs again on fresh state.
   */
  readonly soleWriter: boolean;
}

type Entry = { state: unknown; version: number };

/**
 * Two generations instead of a strict LRU list: reads promote from the old generation to the young
 * one, and when the young one is full the old one is dropped whole. Every operation is O(1);
 * evicting a Map's oldest key one at a time degrades badly in V8 once the map is full of tombstones.
 * Holds between `capacity / 2` and `capacity` entries once warm.
 */
export const createAggregateCache = (capacity = 100_000, options: { soleWriter?: boolean } = {}): AggregateCache => {
  const half = Math.max(1, Math.floor(capacity / 2));
  let young = new Map<string, Entry>();
  let old = new Map<string, Entry>();
  const put = (streamId: string, entry: Entry) => {
    young.set(streamId, entry);
    if (young.size >= half) {
      old = young;
      young = new Map();
    }
  };
  return {
    soleWriter: options.soleWriter ?? false,
    get: (streamId) => {
      const hit = young.get(streamId);
      if (hit) return hit;
      const aged = old.get(streamId);
      if (aged) {
        old.delete(streamId);
        put(streamId, aged);
      }
      return aged;
    },
    set: (streamId, entry) => {
      old.delete(streamId);
      put(streamId, entry);
    },
    delete: (streamId) => {
      young.delete(streamId);
      old.delete(streamId);
    },
  };
};
