import { EventIdConflict } from '../errors.js';
import type { ValidateEvent } from '../eventRegistry.js';
import type { ChainHead } from '../hashChain.js';
import { planAppend } from '../planAppend.js';
import type { AppendResult, StreamAppend } from '../port.js';
import type { AppendIo } from './appendIo.js';

/** A duplicate id inside one batch only shows up as the unique constraint. */
export const asEventIdConflict = (error: unknown): unknown => {
  const e = error as { code?: string; constraint?: string; detail?: string };
  if (e.code !== '23505' || e.constraint !== 'events_event_id') return error;
  return new EventIdConflict(/\(event_id\)=\((.*)\)/.exec(e.detail ?? '')?.[1] ?? 'unknown');
};

/**
 * Appends to one or more streams, extending the hash chain from `head`, while the head row is
 * locked; each stream's append judged by planAppend, as in every adapter.
 * Throws when one fails; the caller drops what `io` staged (or rolls back its savepoint).
 */
export const appendInTransaction = async (
  io: AppendIo,
  appends: readonly StreamAppend[],
  head: ChainHead,
  recordedAt: string,
  validate: ValidateEvent,
): Promise<{ results: AppendResult[]; head: ChainHead }> => {
  const results: AppendResult[] = [];
  for (const append of appends) {
    const version = await io.streamVersion(append.streamId);
    const stored = append.events.length === 0 ? new Map() : await io.locate(append.events.map((e) => e.eventId));
    const planned = planAppend(
      append,
      { version, found: append.events.map((e) => stored.get(e.eventId)) },
      head,
      recordedAt,
      validate,
    );
    try {
      await io.insert(planned.events);
    } catch (error) {
      throw asEventIdConflict(error);
    }
    head = planned.head;
    results.push(planned.result);
  }
  return { results, head };
};
