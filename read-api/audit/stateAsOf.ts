import type { EventStore } from '../../eventstore/port.js';
import { aggregateOfStream, type ReplayableAggregate } from './aggregateRegistry.js';
import { withinAsOf, type AsOf } from './asOf.js';
import { plainJson } from './plainJson.js';

export interface StateAsOf {
  readonly streamId: string;
  readonly aggregate: string;
  readonly asOf: AsOf | null;
  /** Version of the stream at that point (0: the aggregate did not exist yet). */
  readonly version: number;
  /** Position and time of the last event folded in; null when none. */
  readonly position: number | null;
  readonly recordedAt: string | null;
  /** Current version of the stream, for comparison. */
  readonly currentVersion: number;
  readonly state: unknown;
}

export type StateAsOfOutcome = { state: StateAsOf } | { error: 'no_aggregate' | 'no_stream' };

/**
 * Any aggregate's state as it was at a position or an instant: the stream's events up to that point
 * (upcast, as every reader sees them) folded by the aggregate's own `evolve`. History is a prefix:
 * folding stops at the first event past the point.
 */
export const stateAsOf = async (
  store: EventStore,
  streamId: string,
  asOf: AsOf | undefined,
  aggregates?: readonly ReplayableAggregate[],
): Promise<StateAsOfOutcome> => {
  const aggregate = aggregateOfStream(streamId, aggregates);
  if (!aggregate) return { error: 'no_aggregate' };
  const currentVersion = await store.streamVersion(streamId);
  if (currentVersion === 0) return { error: 'no_stream' };
  let state = aggregate.initialState;
  let version = 0;
  let position: number | null = null;
  let recordedAt: string | null = null;
  for await (const event of store.readStream(streamId, { to: currentVersion })) {
    if (!withinAsOf(asOf, event.position, event.recordedAt)) break;
    state = aggregate.evolve(state, event);
    ({ version, position, recordedAt } = event);
  }
  return {
    state: {
      streamId,
      aggregate: aggregate.name,
      asOf: asOf ?? null,
      version,
      position,
      recordedAt,
      currentVersion,
      state: plainJson(state),
    },
  };
};
