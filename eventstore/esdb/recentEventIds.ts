import type { EventLocation } from '../originalResult.js';

/**
 * Event ids this process wrote or read lately (bounded, oldest dropped first). EventStoreDB has no
 * index by event id, so this is how an id reused on another stream is recognised: only against
 * ids known here. See createEsdbEventStore for the limits.
 */
export const createRecentEventIds = (capacity = 100_000) => {
  const ids = new Map<string, EventLocation>();
  return {
    get: (eventId: string) => ids.get(eventId),
    add: (eventId: string, location: EventLocation) => {
      ids.delete(eventId);
      ids.set(eventId, location);
      if (ids.size > capacity) ids.delete(ids.keys().next().value as string);
    },
  };
};

export type RecentEventIds = ReturnType<typeof createRecentEventIds>;
