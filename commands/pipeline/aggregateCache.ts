/** Aggregate state by stream, with the version it reflects; least recently used entries leave first. */
export interface AggregateCache {
  readonly get: (streamId: string) => { state: unknown; version: number } | undefined;
  readonly set: (streamId: string, entry: { state: unknown; version: number }) => void;
  readonly delete: (streamId: string) => void;
}

export const createAggregateCache = (capacity = 100_000): AggregateCache => {
  const entries = new Map<string, { state: unknown; version: number }>();
  return {
    get: (streamId) => {
      const entry = entries.get(streamId);
      if (entry) {
        entries.delete(streamId);
        entries.set(streamId, entry);
      }
      return entry;
    },
    set: (streamId, entry) => {
      entries.delete(streamId);
      entries.set(streamId, entry);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
    delete: (streamId) => void entries.delete(streamId),
  };
};
