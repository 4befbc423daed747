/**
 * An in-memory stand-in for the parts of EventStoreDBClient the esdb adapter uses, with the
 * server's semantics as documented: 0-based revisions, expected revision any / no_stream /
 * stream_exists / exact, StreamNotFoundError on reading a missing stream, $all positions with
 * gaps, system events (ESDB's projection links) between ours, JSON bodies serialised. It tests
 * the adapter's own logic where no server can run; it proves nothing about the real server.
 */
import { EventEmitter } from 'node:events';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type EventStoreDBClient,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';

interface Recorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: true;
  created: Date;
  position: Position;
}

export const createFakeEsdbClient = () => {
  const all: Recorded[] = [];
  const streams = new Map<string, Recorded[]>();
  const live = new Set<EventEmitter>();
  let commit = 1000n;

  const record = (streamId: string, e: { id: string; type: string; data: unknown; metadata: unknown }) => {
    const list = streams.get(streamId) ?? [];
    streams.set(streamId, list);
    commit += 37n + BigInt(Math.floor(Math.random() * 500)); // not gap-free, like a real log
    const r: Recorded = {
      streamId,
      id: e.id,
      revision: BigInt(list.length),
      type: e.type,
      isJson: true,
      created: new Date(),
      data: JSON.parse(JSON.stringify(e.data)),
      metadata: e.metadata === undefined ? undefined : JSON.parse(JSON.stringify(e.metadata)),
      position: { commit, prepare: commit },
    };
    list.push(r);
    all.push(r);
    return r;
  };

  const appendToStream = async (
    streamName: string,
    events: EventData | EventData[],
    o: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> => {
    await new Promise((r) => setImmediate(r));
    const list = streams.get(streamName);
    const current = list && list.length > 0 ? BigInt(list.length - 1) : undefined;
    const expected = o.expectedRevision ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected, current: current ?? 'no_stream' });
    let last: Recorded | undefined;
    for (const e of Array.isArray(events) ? events : [events]) {
      last = record(streamName, e);
      // ESDB's $by_category projection writes a link for every event: a system event in $all.
      record(`$ce-${streamName.split('-')[0]}`, {
        id: crypto.randomUUID(),
        type: '$>',
        data: `${last.revision}@${streamName}`,
        metadata: undefined,
      });
      for (const s of live) s.emit('data', { event: last });
    }
    return { success: true, nextExpectedRevision: last?.revision ?? current ?? -1n, position: last?.position };
  };

  async function* readStream(
    streamName: string,
    o: { fromRevision?: ReadRevision; direction?: 'forwards' | 'backwards'; maxCount?: number | bigint } = {},
  ) {
    await new Promise((r) => setImmediate(r));
    const list = streams.get(streamName);
    if (!list || list.length === 0) throw new StreamNotFoundError(undefined, streamName);
    const max = Number(o.maxCount ?? Number.MAX_SAFE_INTEGER);
    const backwards = o.direction === 'backwards';
    const lastRev = list.length - 1;
    let i =
      o.fromRevision === undefined || o.fromRevision === 'start'
        ? backwards
          ? lastRev
          : 0
        : o.fromRevision === 'end'
          ? lastRev
          : Number(o.fromRevision);
    if (backwards) i = Math.min(i, lastRev);
    for (let n = 0; n < max && i >= 0 && i <= lastRev; n++, i += backwards ? -1 : 1) yield { event: list[i] };
  }

  async function* readAll(
    o: { fromPosition?: ReadPosition; direction?: 'forwards' | 'backwards'; maxCount?: number | bigint } = {},
  ) {
    await new Promise((r) => setImmediate(r));
    const max = Number(o.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = o.fromPosition ?? 'start';
    // Forwards from a position includes it; backwards from a position starts before it.
    const events =
      o.direction === 'backwards'
        ? [...all].reverse().filter((e) => from === 'end' || (from !== 'start' && e.position.commit < from.commit))
        : all.filter((e) => from === 'start' || (from !== 'end' && e.position.commit >= from.commit));
    for (const e of events.slice(0, max)) yield { event: e };
  }

  const subscribeToAll = () => {
    const s = Object.assign(new EventEmitter(), {
      unsubscribe: async () => {
        live.delete(s);
      },
    });
    live.add(s);
    return s;
  };

  const fake = { appendToStream, readStream, readAll, subscribeToAll, dispose: async () => undefined };
  // The adapter only calls these members; the real client's other members are never reached.
  return fake as unknown as EventStoreDBClient;
};
