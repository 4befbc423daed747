import * as E from 'fp-ts/lib/Either.js';
import type { Principal } from '../domain/access/index.js';
import type { DomainError } from '../domain/shared/index.js';
import type { Answer } from '../http/routes.js';
import type { SqlDb } from '../infra/sql/sqlDb.js';

/** A view computed from the read models, and the instant (ms) it stops holding if it depends on the time. */
export interface Computed<T> {
  readonly answer: { readonly body: T; readonly version?: number };
  readonly holdsUntil?: number;
}

interface Kept {
  readonly json: Buffer;
  readonly version?: number;
  /** Computed at this instant (ms): a clock set back to before it computes afresh. */
  readonly computedAt: number;
  readonly holdsUntil: number;
}

/** The answers kept for one connection's version of the read models: a commit makes a new one. */
interface Generation {
  readonly at: number;
  readonly entries: Map<string, Kept>;
  bytes: number;
}

/** Megabytes of serialised answers kept unless told otherwise (`PRM_READ_CACHE_MB`). */
export const DEFAULT_KEPT_MB = 16;

export type KeptAnswer = <T>(
  db: SqlDb,
  key: string,
  now: Date,
  compute: (now: Date) => Promise<E.Either<DomainError, Computed<T>>>,
) => Promise<E.Either<DomainError, Answer<T>>>;

/** What decides who sees what in an answer: the whole principal (roles, regions, employer). */
export const principalKey = (principal: Principal) => JSON.stringify(principal);

/**
 * Whole answers, serialised, kept until the read models change (README "Reads"). A directory page is
 * fifty partners' views built and serialised: several times the cost of its statements, which are
 * already kept between commits (snapshotAnswers). Read models change only when a connection commits,
 * so inside a snapshot (`changeCounter`: the version its rows are of) the same key (the caller's
 * principal and the URL) answers the same page until the next commit, or until `holdsUntil` (a
 * certification expiring changes readiness without any event). An answer computed across two versions
 * (the snapshot found a later one) is not kept. Where the reader cannot tell its version (PostgreSQL)
 * nothing is kept. At most `maxBytes` of JSON, oldest first out; `0` keeps none.
 */
export const keptAnswers = (maxBytes: number): KeptAnswer => {
  const generations = new WeakMap<SqlDb, Generation>();
  const serialised = <T>(kept: Kept): Answer<T> => ({ json: kept.json, version: kept.version });
  return async <T>(
    db: SqlDb,
    key: string,
    now: Date,
    compute: (now: Date) => Promise<E.Either<DomainError, Computed<T>>>,
  ): Promise<E.Either<DomainError, Answer<T>>> => {
    const at = maxBytes > 0 ? db.changeCounter?.() : undefined;
    if (at === undefined) return E.map((c: Computed<T>) => c.answer)(await compute(now));
    const generation = generations.get(db);
    const hit = generation?.at === at ? generation.entries.get(key) : undefined;
    const ms = now.getTime();
    if (hit && hit.computedAt <= ms && ms < hit.holdsUntil) return E.right(serialised<T>(hit));
    const outcome = await compute(now);
    if (E.isLeft(outcome)) return outcome;
    const { answer, holdsUntil = Number.POSITIVE_INFINITY } = outcome.right;
    const json = Buffer.from(JSON.stringify(answer.body));
    const kept: Kept = { json, version: answer.version, computedAt: ms, holdsUntil };
    // Read again: a snapshot that found a later version mid-way answered from two of them.
    if (db.changeCounter?.() === at) keep(generations, db, at, key, kept, maxBytes);
    return E.right(serialised<T>(kept));
  };
};

const keep = (generations: WeakMap<SqlDb, Generation>, db: SqlDb, at: number, key: string, kept: Kept, max: number) => {
  const size = kept.json.byteLength + key.length;
  if (size > max) return;
  let generation = generations.get(db);
  if (generation?.at !== at) {
    generation = { at, entries: new Map(), bytes: 0 };
    generations.set(db, generation);
  }
  const replaced = generation.entries.get(key);
  if (replaced) generation.bytes -= replaced.json.byteLength + key.length;
  generation.entries.delete(key);
  generation.entries.set(key, kept);
  generation.bytes += size;
  for (const [oldest, entry] of generation.entries) {
    if (generation.bytes <= max) break;
    generation.entries.delete(oldest);
    generation.bytes -= entry.json.byteLength + oldest.length;
  }
};
