import type { Pool, PoolClient } from 'pg';
import type { Clock } from '../../domain/shared/clock.js';
import type { ValidateEvent } from '../eventRegistry.js';
import type { ChainHead } from '../hashChain.js';
import type { AppendResult, StreamAppend } from '../port.js';
import { sqlAppendIo } from './appendIo.js';
import { appendInTransaction } from './appendInTransaction.js';
import { insertEvents } from './insertEvents.js';
import { selectEventsById } from './selectEventsById.js';
import { selectHead } from './selectHead.js';
import { selectStreamVersions } from './selectStreamVersions.js';
import { stagedAppendIo } from './stagedAppendIo.js';
import { updateHead } from './updateHead.js';

type Group = readonly (readonly StreamAppend[])[];
type Outcome = readonly AppendResult[] | Error;
type Work = (
  client: PoolClient,
  group: Group,
  head: ChainHead,
  recordedAt: string,
  validate: ValidateEvent,
) => Promise<{ outcomes: Outcome[]; head: ChainHead }>;

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
const unique = (xs: readonly string[]) => [...new Set(xs)];

/** Fast path: every check in memory on what two queries read, then one INSERT for the whole group. */
const staged: Work = async (client, group, head, recordedAt, validate) => {
  const versions = await selectStreamVersions(client, unique(group.flatMap((a) => a.map((s) => s.streamId))));
  const locations = await selectEventsById(
    client,
    unique(group.flatMap((a) => a.flatMap((s) => s.events.map((e) => e.eventId)))),
  );
  const stage = stagedAppendIo(versions, locations);
  const outcomes: Outcome[] = [];
  for (const appends of group) {
    try {
      const done = await appendInTransaction(stage.io, appends, head, recordedAt, validate);
      stage.keep();
      head = done.head;
      outcomes.push(done.results);
    } catch (error) {
      stage.drop();
      outcomes.push(asError(error));
    }
  }
  await insertEvents(client, recordedAt, stage.rows());
  return { outcomes, head };
};

/** Slow path, when the group INSERT hit a constraint: each append in its own savepoint, so only the culprit fails. */
const savepoints: Work = async (client, group, head, recordedAt, validate) => {
  const io = sqlAppendIo(client, recordedAt);
  const outcomes: Outcome[] = [];
  for (const appends of group) {
    await client.query('SAVEPOINT append');
    try {
      const done = await appendInTransaction(io, appends, head, recordedAt, validate);
      await client.query('RELEASE SAVEPOINT append');
      head = done.head;
      outcomes.push(done.results);
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT append');
      await client.query('RELEASE SAVEPOINT append');
      outcomes.push(asError(error));
    }
  }
  return { outcomes, head };
};

/**
 * COMMIT was sent and no answer came back (the connection was lost): the group may or may not be in the
 * log. Running the same group again tells (its event ids make it idempotent): see createPostgresEventStore.
 */
export class CommitOutcomeUnknown extends Error {
  override readonly name = 'CommitOutcomeUnknown';
  constructor(readonly reason: unknown) {
    super(`the outcome of a commit is unknown: ${reason instanceof Error ? reason.message : String(reason)}`, {
      cause: reason,
    });
  }
}

/** Where a committed group is announced: `pg_notify(channel, head)`, delivered to listeners on commit only. */
export interface CommitOptions {
  readonly notifyChannel?: string;
}

/** One transaction holding the head row's lock: the serialisation point of every writer, in any process. */
const inTransaction = async (
  pool: Pool,
  clock: Clock,
  group: Group,
  validate: ValidateEvent,
  work: Work,
  options: CommitOptions,
) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const start = await selectHead(client, { forUpdate: true });
    // Read the clock under the lock, so recordedAt follows position order across processes.
    const recordedAt = clock.now().toISOString();
    const { outcomes, head } = await work(client, group, start, recordedAt, validate);
    if (head.position !== start.position) {
      await updateHead(client, head);
      if (options.notifyChannel)
        await client.query('SELECT pg_notify($1, $2)', [options.notifyChannel, String(head.position)]);
    }
    try {
      await client.query('COMMIT');
    } catch (error) {
      throw new CommitOutcomeUnknown(error);
    }
    client.release();
    return { outcomes, head: head.position, advanced: head.position !== start.position };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // Destroy rather than reuse a connection in an unknown state.
    client.release(asError(error));
    throw error;
  }
};

const isConstraintViolation = (e: unknown) =>
  typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('23');

/** Appends a group of appends in one transaction; one outcome (results or the refusal) per append. */
export const commitGroup = async (
  pool: Pool,
  clock: Clock,
  group: Group,
  validate: ValidateEvent,
  options: CommitOptions = {},
) => {
  try {
    return await inTransaction(pool, clock, group, validate, staged, options);
  } catch (error) {
    if (!isConstraintViolation(error)) throw error;
    return inTransaction(pool, clock, group, validate, savepoints, options);
  }
};
