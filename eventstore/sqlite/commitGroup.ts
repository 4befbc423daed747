import type { Database } from 'better-sqlite3';
import type { Clock } from '../../domain/shared/clock.js';
import { isWrongExpectedVersion } from '../errors.js';
import type { ValidateEvent } from '../eventRegistry.js';
import type { ChainHead } from '../hashChain.js';
import type { EventLocation } from '../originalResult.js';
import { planAppend } from '../planAppend.js';
import type { AppendResult, StoredEvent, StreamAppend } from '../port.js';
import { prepareInsertStoredEvent } from './insertEvent.js';
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
 * the database, which by then holds the group's earlier appends, and against its own earlier
 * streams (in memory): a refusal writes nothing, so no savepoint is needed (an open savepoint makes
 * every insert dearer). Only an insert that fails anyway (an event id repeated within one append)
 * rolls the transaction back, to run the group again with a savepoint per append so that only the
 * culprit fails. A failure SQLite answers by rolling the transaction back itself (SQLITE_FULL, an
 * I/O error) fails the whole group with that error: nothing of it was stored.
 */
export const prepareCommitGroup = (db: Database, clock: Clock, validate: ValidateEvent) => {
  const insert = prepareInsertStoredEvent(db);
  const byId = prepareSelectEventById(db);
  const streamVersion = prepareSelectStreamVersion(db);
  const selectHead = prepareSelectHead(db);
  const [savepoint, release, rollbackTo] = ['SAVEPOINT append', 'RELEASE append', 'ROLLBACK TO append'].map((sql) =>
    db.prepare(sql),
  );

  const unseen: readonly undefined[] = [];
  /**
   * Judges one append or appendMany; writes nothing, throws its refusal. Without `lookUpIds` the
   * event ids are taken to be new (one index probe per event saved): a retry then either fails its
   * expected version, and is judged again with the lookups, or fails its insert on the unique event
   * id, and the group runs again on the careful path.
   */
  const plan = (appends: readonly StreamAppend[], head: ChainHead, recordedAt: string, lookUpIds = true) => {
    const versions = new Map<string, number>();
    const located = new Map<string, EventLocation>();
    const results: AppendResult[] = [];
    const events: StoredEvent[] = [];
    for (const append of appends) {
      const version = versions.get(append.streamId) ?? streamVersion(append.streamId);
      const found = lookUpIds ? append.events.map((e) => located.get(e.eventId) ?? byId(e.eventId)) : unseen;
      const planned = planAppend(append, { version, found }, head, recordedAt, validate);
      results.push(planned.result);
      head = planned.head;
      if (planned.events.length === 0) continue;
      versions.set(append.streamId, planned.result.nextVersion);
      for (const e of planned.events) {
        located.set(e.eventId, e);
        events.push(e);
      }
    }
    return { results, events, head };
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

  const inTransaction = <T>(work: (head: ChainHead, recordedAt: string) => T): T => {
    const recordedAt = clock.now().toISOString();
    db.exec('BEGIN IMMEDIATE');
    try {
      const done = work(selectHead(), recordedAt);
      if (done === undefined) db.exec('ROLLBACK');
      else db.exec('COMMIT');
      return done;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };

  return (group: Group): Done =>
    inTransaction((head, at) => direct(group, head, at)) ??
    inTransaction((head, at) => withSavepoints(group, head, at));
};
