import type { EventStoreDBClient } from '@eventstore/db-client';
import { EventIdConflict } from '../errors.js';
import type { ValidateEvent } from '../eventRegistry.js';
import { planAppend } from '../planAppend.js';
import type { AppendResult, StoredEvent, StreamAppend } from '../port.js';
import { inspectStream } from './inspectStream.js';
import { PartialAppendError } from './partialAppendError.js';
import type { RecentEventIds } from './recentEventIds.js';
import { writeStream } from './writeStream.js';

/** The tip of our chain; moved as each stream write succeeds. */
export interface Chain {
  position: number;
  hash: string;
}

interface Planned {
  readonly append: StreamAppend;
  readonly plannedOn: number;
  readonly events: readonly StoredEvent[];
  readonly result: AppendResult;
}

/**
 * One append or appendMany: first every check (idempotency, expected versions, schemas) for every
 * stream with no write, then the writes stream by stream. A refusal found while checking stores
 * nothing; a write refused later (a race with another client) leaves the earlier streams stored
 * and throws PartialAppendError. Positions stay gap-free either way: the chain only moves past
 * events that were written.
 */
export const appendItem = async (
  client: EventStoreDBClient,
  appends: readonly StreamAppend[],
  chain: Chain,
  recordedAt: string,
  validate: ValidateEvent,
  recent: RecentEventIds,
): Promise<AppendResult[]> => {
  const results: AppendResult[] = [];
  const planned: Planned[] = [];
  const versions = new Map<string, number>();
  let head = { position: chain.position, hash: chain.hash };

  const ids = new Set<string>();
  for (const append of appends) {
    for (const e of append.events) {
      const known = recent.get(e.eventId);
      if (known && known.streamId !== append.streamId) throw new EventIdConflict(e.eventId);
      // ESDB does not refuse an id repeated within one write: we do, like the SQL unique index.
      if (ids.has(e.eventId)) throw new EventIdConflict(e.eventId);
      ids.add(e.eventId);
    }
    const seen = versions.get(append.streamId);
    const state = seen === undefined ? await inspectStream(client, append, recent) : { version: seen, found: [] };
    const plan = planAppend(append, state, head, recordedAt, validate);
    results.push(plan.result);
    if (plan.events.length === 0) continue;
    head = plan.head;
    versions.set(append.streamId, plan.result.nextVersion);
    planned.push({ append, plannedOn: state.version, events: plan.events, result: plan.result });
  }

  const written: AppendResult[] = [];
  for (const p of planned) {
    try {
      await writeStream(client, p.append.streamId, p.append.expected, p.plannedOn, p.events);
    } catch (error) {
      if (written.length === 0) throw error;
      throw new PartialAppendError(written, error);
    }
    const last = p.events[p.events.length - 1];
    chain.position = last.position;
    chain.hash = last.hash;
    for (const e of p.events) recent.add(e.eventId, e);
    written.push(p.result);
  }
  return results;
};
