import { CHANNEL_STREAM, channelDecider, type ChannelSettings } from '../../domain/channel/index.js';
import type { DomainEvent } from '../../domain/shared/index.js';
import type { EventStore, StoredEvent } from '../../eventstore/port.js';

type Evolver<S> = { readonly initialState: S; readonly evolve: (state: S, event: never) => S };

/** A stream's state as of one of its versions: the facts as they were when a source event happened. */
export const stateAtVersion = async <S>(
  store: EventStore,
  decider: Evolver<S>,
  streamId: string,
  version: number,
): Promise<S> => {
  const evolve = decider.evolve as (state: S, event: DomainEvent) => S;
  let state = decider.initialState;
  for await (const event of store.readStream(streamId, { to: version })) state = evolve(state, event);
  return state;
};

/** The events of a stream up to a version (for facts read without the owner's decider). */
export const eventsUpTo = async (store: EventStore, streamId: string, version: number): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId, { to: version })) events.push(event);
  return events;
};

/**
 * The channel settings in force just before `position`: a policy replayed later (after a crash, or
 * from an older checkpoint) applies the rules of the source's time, never today's.
 */
export const channelSettingsBefore = async (store: EventStore, position: number): Promise<ChannelSettings> => {
  let settings = channelDecider.initialState;
  for await (const event of store.readStream(CHANNEL_STREAM)) {
    if (event.position >= position) break;
    settings = channelDecider.evolve(settings, event as unknown as Parameters<typeof channelDecider.evolve>[1]);
  }
  return settings;
};
