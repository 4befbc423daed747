import { END, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventLocation } from '../originalResult.js';
import type { StreamState } from '../planAppend.js';
import type { StreamAppend } from '../port.js';
import { readStreamPage } from './readStreamPage.js';
import type { RecentEventIds } from './recentEventIds.js';

// How far back an any/stream_exists retry is looked for (beyond the ids known in this process).
const SEARCH = 500;

/**
 * The stream's current version, and where the append's event ids are in this stream if it was made
 * before (ids stored on other streams are the caller's business: see appendItem). A retry
 * repeats its call, so with an exact or no_stream expectation the originals sit right after the
 * expected version: one small read. With any/stream_exists they may be anywhere: we search the
 * recent-id cache and the stream's last 500 events, not the whole stream (O(1) per append).
 */
export const inspectStream = async (
  client: EventStoreDBClient,
  append: StreamAppend,
  recent: RecentEventIds,
): Promise<StreamState> => {
  const last = await readStreamPage(client, append.streamId, END, 'backwards', 1);
  const version = last.length > 0 ? Number(last[0].revision) + 1 : 0;
  if (version === 0 || append.events.length === 0) return { version, found: [] };

  const ids = append.events.map((e) => e.eventId);
  const found = new Map<string, EventLocation>();
  for (const id of ids) {
    const hit = recent.get(id);
    if (hit?.streamId === append.streamId) found.set(id, hit);
  }
  if (found.size < ids.length) {
    const base =
      append.expected === 'no_stream' ? 0 : typeof append.expected === 'number' ? append.expected : undefined;
    const page =
      base === undefined
        ? await readStreamPage(client, append.streamId, END, 'backwards', SEARCH)
        : base < version
          ? await readStreamPage(client, append.streamId, BigInt(base), 'forwards', ids.length)
          : [];
    const wanted = new Set(ids);
    for (const r of page) if (r.stored && wanted.has(r.stored.eventId)) found.set(r.stored.eventId, r.stored);
  }
  return { version, found: ids.map((id) => found.get(id)) };
};
