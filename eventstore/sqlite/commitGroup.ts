import type { Database } from 'better-sqlite3';
import type { Clock } from '../../domain/shared/clock.js';
import { isWrongExpectedVersion } from '../errors.js';
import type { ValidateEvent } from '../eventRegistry.js';
import type { ChainHead } from '../hashChain.js';
import type { EventLocation } from '../originalResult.js';
import { planAppend } from '../planAppend.js';
import type { AppendResult, StoredEvent, StreamAppend } from '../port.js';
import { prepareInsertStoredEvent } from './insertEvent.js';
import { knownVersions } from './knownVersions.js';
import { prepareSelectEventById } from './selectEventById.js';
import { prepareSelectHead } from './selectHead.js';
import { prepareSelectStreamVersion } from './selectStreamVersion.js';

type Group = readonly (readonly StreamAppend[])[];
type Outcome = readonly AppendResult[] | Error;
interface Done {
  readonly outcomes: Outcome[];
  readonly head: ChainHead;
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * Appends a group in one transaction (one fsync); one outcome (results or the refusal) per append
 * (or appendMany), each atomic and alone. Each is judged before any of its rows is written, against
 * the stream versions the log's own appends left (`knownVersions`, read from the database when not
 * known or when another writer moved the head), the group's earlier appends included, and against
 * its own earlier streams: a refusal writes nothing, so no savepoint is needed (an open savepoint makes
 * every insert dearer). Only an insert that fails anyway (an event id repeated within one append, or
 * a stream taken to be new that exists) rolls the transaction back, to run the group again with a
 * savepoint per append so that only the culprit fails. A failure SQLite answers by rolling the
 * transaction back itself (SQLITE_FULL, an I/O error) fails the whole group with that error: nothing of
 * it was stored.
 */
export const prepareCommitGroup = (db: Database, clock: Clock, validate: ValidateEvent) => {
  const insert = prepareInsertStoredEvent(db);
  const byId = prepareSelectEventById(db);
  const versions = knownVersions(prepareSelectStreamVersion(db));
  const selectHead = prepareSelectHead(db);
  const [savepoint, release, rollbackTo] = ['SAVEPOINT append', 'RELEASE append', 'ROLLBACK TO append'].map((sql) =>
    db.prepare(sql),
  );

  const unseen: readonly undefined[] = [];
  /**
   * Judges one append or appendMany; writes nothing, throws its refusal. Without `careful` the event
   * ids are taken to be new (one index probe per event saved), and so is a stream whose append expects
   * none and whose version is not known: a retry then either fails its expected version, and is judged
   * again carefully, or fails its insert on the unique event id or stream version, and the group runs
   * again on the careful path.
   */
  const plan = (appends: readonly StreamAppend[], head: ChainHead, recordedAt: string, careful = true) => {
    const written = new Map<string, number>();
    const located = new Map<string, EventLocation>();
    const results: AppendResult[] = [];
    const events: StoredEvent[] = [];
    const versionOf = (append: StreamAppend) =>
      written.get(append.streamId) ??
      (careful || append.expected !== 'no_stream' || append.events.length === 0
        ? versions.versionOf(append.streamId)
        : (versions.known(append.streamId) ?? 0));
    for (const append of appends) {
      const version = versionOf(append);
      const found = careful ? append.events.map((e) => located.get(e.eventId) ?? byId(e.eventId)) : unseen;
      const planned = planAppend(append, { version, found }, head, recordedAt, validate);
      results.push(planned.result);
      head = planned.head;
      if (planned.events.length === 0) continue;
      written.set(append.streamId, planned.result.nextVersion);
      for (const e of planned.events) {
        located.set(e.eventId, e);
        events.push(e);
      }
    }
    return { results, events, head, written };
  };

  const planOptimistically = (appends: readonly StreamAppend[], head: ChainHead, recordedAt: string) => {
    try {
      return plan(appends, head, recordedAt, false);
    } catch (error) {
      // A stale expectation may be a retry of something already stored: judge it with the lookups.
      if (isWrongExpectedVersion(error)) return plan(appends, head, recordedAt, true);
      throw error;
    }
  };

  /** Undefined when an insert failed: the transaction then holds a partial append and must be rolled back. */
  const direct = (group: Group, head: ChainHead, recordedAt: string): Done | undefined => {
    const outcomes: Outcome[] = [];
    for (const appends of group) {
      let planned: ReturnType<typeof plan>;
      try {
        planned = planOptimistically(appends, head, recordedAt);
      } catch (error) {
        outcomes.push(asError(error));
        continue;
      }
      try {
        for (const e of planned.events) insert(e);
      } catch (error) {
        // SQLite rolled the whole transaction back itself (disk full, I/O error): the group fails with it.
        if (!db.inTransaction) throw error;
        return undefined;
      }
      head = planned.head;
      for (const [streamId, version] of planned.written) versions.wrote(streamId, version);
      outcomes.push(planned.results);
    }
    return { outcomes, head };
  };

  const withSavepoints = (group: Group, head: ChainHead, recordedAt: string): Done => {
    const outcomes: Outcome[] = [];
    for (const appends of group) {
      savepoint.run();
      try {
        const planned = plan(appends, head, recordedAt);
        for (const e of planned.events) insert(e);
        release.run();
        head = planned.head;
        for (const [streamId, version] of planned.written) versions.wrote(streamId, version);
        outcomes.push(planned.results);
      } catch (error) {
        if (!db.inTransaction) throw error;
        rollbackTo.run();
        release.run();
        outcomes.push(asError(error));
      }
    }
    return { outcomes, head };
  };

  const inTransaction = <T extends Done | undefined>(work: (head: ChainHead, recordedAt: string) => T): T => {
    const recordedAt = clock.now().toISOString();
    db.exec('BEGIN IMMEDIATE');
    try {
      const head = selectHead();
      versions.begin(head);
      const done = work(head, recordedAt);
      if (done === undefined) {
        db.exec('ROLLBACK');
        versions.rolledBack();
      } else {
        db.exec('COMMIT');
        versions.committed(done.head);
      }
      return done;
    } catch (error) {
      versions.rolledBack();
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };

  return (group: Group): Done =>
    inTransaction((head, at) => direct(group, head, at)) ??
    inTransaction((head, at) => withSavepoints(group, head, at));
};
