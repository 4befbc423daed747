import type { EventLocation } from '../originalResult.js';
import type { StoredEvent } from '../port.js';
import type { AppendIo } from './appendIo.js';

/**
 * A group's appends checked in memory against what the database held when the group began (its
 * streams' versions and any of its event ids, read in two queries), so that the whole group costs
 * one INSERT instead of several round trips per append. Each append is staged; `keep` adds it to
 * the group, `drop` forgets it (the in-memory counterpart of a savepoint).
 */
export const stagedAppendIo = (versions: Map<string, number>, locations: Map<string, EventLocation>) => {
  const rows: StoredEvent[] = [];
  let staged: StoredEvent[] = [];
  let stagedVersions = new Map<string, number>();
  let stagedLocations = new Map<string, EventLocation>();

  const io: AppendIo = {
    streamVersion: async (streamId) => stagedVersions.get(streamId) ?? versions.get(streamId) ?? 0,
    locate: async (eventIds) => {
      const found = new Map<string, EventLocation>();
      for (const id of eventIds) {
        const l = stagedLocations.get(id) ?? locations.get(id);
        if (l) found.set(id, l);
      }
      return found;
    },
    insert: async (more) => {
      for (const r of more) {
        staged.push(r);
        stagedVersions.set(r.streamId, r.version);
        stagedLocations.set(r.eventId, r);
      }
    },
  };

  const drop = () => {
    staged = [];
    stagedVersions = new Map();
    stagedLocations = new Map();
  };

  return {
    io,
    keep: () => {
      for (const [k, v] of stagedVersions) versions.set(k, v);
      for (const [k, v] of stagedLocations) locations.set(k, v);
      rows.push(...staged);
      drop();
    },
    drop,
    rows: () => rows,
  };
};
